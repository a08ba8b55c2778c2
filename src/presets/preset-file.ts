/**
 * Preset files: a lab's settings saved to hand out (a workshop's starting point), in the format of the
 * lab descriptors' presets plus a header, and checked by the lab's own config schema on opening:
 *   {"format": "gradlab-preset", "version": 1, "lab": "race", "names": {"en": "…", "zh": "…"},
 *    "config": {…the lab's config…}}
 * parsePresetFile names the field and what was expected for anything it refuses. Pure (no Node or DOM
 * imports): the renderer and the tests share it. docs/presets.md describes the format and the hash grammar.
 */
import { configIssue } from '../labs/config-issue.js';
import { LABS } from '../labs/index.js';
import type { Names } from '../labs/kit.js';

export const PRESET_FORMAT = 'gradlab-preset';
export const PRESET_VERSION = 1;

export interface PresetFile {
  format: typeof PRESET_FORMAT;
  version: number;
  lab: string;
  names?: Names;
  config: Record<string, unknown>;
}

export class PresetError extends Error {}

export function makePresetFile(lab: string, config: Record<string, unknown>, names?: Names): PresetFile {
  return { format: PRESET_FORMAT, version: PRESET_VERSION, lab, ...(names ? { names } : {}), config };
}

/** A preset file's text → its lab and config, checked; PresetError naming the field otherwise. */
export function parsePresetFile(text: string): PresetFile {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new PresetError(`preset: expected a JSON file, ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new PresetError('preset: expected a JSON object {format, version, lab, config}');
  const o = v as Record<string, unknown>;
  if (o.format !== PRESET_FORMAT) throw new PresetError(`preset.format: expected "${PRESET_FORMAT}", got ${JSON.stringify(o.format)}`);
  if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1) throw new PresetError(`preset.version: expected a whole number ≥ 1, got ${JSON.stringify(o.version)}`);
  if (o.version > PRESET_VERSION) throw new PresetError(`preset.version: ${o.version} is newer than this app reads (${PRESET_VERSION}); update the app`);
  const lab = LABS.find((d) => d.id === o.lab);
  if (!lab) throw new PresetError(`preset.lab: expected one of ${LABS.map((d) => d.id).join(', ')}, got ${JSON.stringify(o.lab)}`);
  if (o.names !== undefined) {
    const n = o.names as Record<string, unknown>;
    if (typeof n !== 'object' || n === null || typeof n.en !== 'string' || typeof n.zh !== 'string') throw new PresetError('preset.names: expected {"en": "…", "zh": "…"}');
  }
  if (typeof o.config !== 'object' || o.config === null || Array.isArray(o.config)) throw new PresetError('preset.config: expected the lab\'s config object');
  const checked = lab.configSchema.safeParse(o.config);
  if (!checked.success) {
    const { path, message } = configIssue(checked.error, o.config);
    throw new PresetError(`preset.config.${path}: ${message}`);
  }
  return { format: PRESET_FORMAT, version: o.version, lab: lab.id, ...(o.names ? { names: o.names as Names } : {}), config: o.config as Record<string, unknown> };
}

/** base64url of UTF-8 text (a preset in a URL: #playground?preset=…) and back; null for a bad code. */
export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(code: string): string | null {
  try {
    const bin = atob(code.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
