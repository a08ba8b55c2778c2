/**
 * Class packs: a workshop in one file — a zip holding `pack.json` (the title and the order of the
 * lessons) and preset files (preset-file.ts), opened in one step by dropping it on the app or checked
 * with `gradlab pack check`:
 *   pack.json  {"format": "gradlab-pack", "version": 1, "title": "…", "lessons": ["gradient-descent", …],
 *               "presets": ["presets/momentum.json", …]}   (presets: every presets/*.json when absent)
 * readClassPack names the file and the field of anything it refuses. Pure (fflate unzips in memory):
 * the renderer, the CLI and the tests share it. docs/presets.md.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

import { parsePresetFile, PresetError, type PresetFile } from './preset-file.js';

export const PACK_FORMAT = 'gradlab-pack';
export const PACK_VERSION = 1;

export interface ClassPack {
  title: string;
  /** lesson ids in the class's order */
  lessons: string[];
  presets: { file: string; preset: PresetFile }[];
}

const MAX_BYTES = 16 * 1024 * 1024;

/** A pack's bytes → its title, lesson order and checked presets; PresetError naming the file and field. */
export function readClassPack(bytes: Uint8Array, knownLessons: readonly string[]): ClassPack {
  if (bytes.length > MAX_BYTES) throw new PresetError(`pack: ${bytes.length} bytes; a class pack holds at most 16 MiB`);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new PresetError(`pack: expected a zip file, ${(e as Error).message}`);
  }
  const manifest = files['pack.json'];
  if (!manifest) throw new PresetError(`pack: no pack.json in the zip (it holds ${Object.keys(files).slice(0, 8).join(', ') || 'nothing'})`);
  let v: unknown;
  try {
    v = JSON.parse(strFromU8(manifest));
  } catch (e) {
    throw new PresetError(`pack.json: expected JSON, ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new PresetError('pack.json: expected an object {format, version, title, lessons, presets}');
  const o = v as Record<string, unknown>;
  if (o.format !== PACK_FORMAT) throw new PresetError(`pack.json.format: expected "${PACK_FORMAT}", got ${JSON.stringify(o.format)}`);
  if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1) throw new PresetError(`pack.json.version: expected a whole number ≥ 1, got ${JSON.stringify(o.version)}`);
  if (o.version > PACK_VERSION) throw new PresetError(`pack.json.version: ${o.version} is newer than this app reads (${PACK_VERSION}); update the app`);
  if (typeof o.title !== 'string' || o.title.trim() === '' || o.title.length > 200) throw new PresetError('pack.json.title: expected a title of 1 to 200 characters');
  if (!Array.isArray(o.lessons)) throw new PresetError('pack.json.lessons: expected an array of lesson ids in the class\'s order');
  const lessons = o.lessons.map((id, i) => {
    if (typeof id !== 'string' || !knownLessons.includes(id)) throw new PresetError(`pack.json.lessons[${i}]: expected one of ${knownLessons.join(', ')}, got ${JSON.stringify(id)}`);
    return id;
  });
  let names: string[];
  if (o.presets === undefined) names = Object.keys(files).filter((f) => /^presets\/[^/]+\.json$/.test(f)).sort();
  else if (Array.isArray(o.presets) && o.presets.every((f) => typeof f === 'string')) names = o.presets as string[];
  else throw new PresetError('pack.json.presets: expected an array of the zip\'s preset file names');
  const presets = names.map((file, i) => {
    const data = files[file];
    if (!data) throw new PresetError(`pack.json.presets[${i}]: no file "${file}" in the zip`);
    try {
      return { file, preset: parsePresetFile(strFromU8(data)) };
    } catch (e) {
      if (e instanceof PresetError) throw new PresetError(`${file}: ${e.message}`);
      throw e;
    }
  });
  if (lessons.length === 0 && presets.length === 0) throw new PresetError('pack.json: the pack has no lessons and no presets');
  return { title: o.title.trim(), lessons, presets };
}

/** A pack's zip from its title, lesson order and preset files (name → text). */
export function makeClassPack(title: string, lessons: string[], presets: { file: string; text: string }[]): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'pack.json': strToU8(JSON.stringify({ format: PACK_FORMAT, version: PACK_VERSION, title, lessons, presets: presets.map((p) => `presets/${p.file}`) }, null, 2) + '\n'),
  };
  for (const p of presets) files[`presets/${p.file}`] = strToU8(p.text);
  return zipSync(files);
}
