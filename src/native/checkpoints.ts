/**
 * The trained checkpoints the app ships for its slow labs (assets/checkpoints/<id>.bin with <id>.json:
 * the lab, names, the config the weights came from, its test accuracy and training time; made by
 * scripts/train-checkpoints.mjs). A run starts from one with `checkpoint: "<id>"` in its config: the
 * host replaces it by the weights (init_weights), the stored config keeps the id.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { Names } from '../labs/kit.js';
import { packageRoot } from './binding.js';
import { LabError } from './errors.js';

export interface CheckpointMeta {
  id: string;
  lab: string;
  names: Names;
  config: Record<string, unknown>;
  test_acc: number | null;
  seconds: number;
}

const dir = () => path.join(packageRoot(), 'assets', 'checkpoints');

export function listCheckpoints(): CheckpointMeta[] {
  if (!existsSync(dir())) return [];
  return readdirSync(dir())
    .filter((f) => f.endsWith('.json') && existsSync(path.join(dir(), f.replace(/\.json$/, '.bin'))))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir(), f), 'utf8')) as CheckpointMeta);
}

/** A shipped checkpoint's description and weights; LabError naming config.checkpoint for an unknown id. */
export function shippedCheckpoint(id: string): { meta: CheckpointMeta; weights: Uint8Array } {
  const all = listCheckpoints();
  const meta = all.find((c) => c.id === id);
  if (!meta) throw new LabError(`config.checkpoint: no shipped checkpoint ${JSON.stringify(id)}; the app ships: ${all.map((c) => c.id).join(', ') || 'none'}`, 'INVALID_CONFIG');
  return { meta, weights: new Uint8Array(readFileSync(path.join(dir(), `${id}.bin`))) };
}

/** A run's config with its `checkpoint` replaced by the weights (for the engine), and the checkpoint; the config as it was when it names none. */
export function resolveCheckpoint(lab: string, config: unknown): { run: unknown; meta: CheckpointMeta | null } {
  const id = (config as { checkpoint?: unknown } | null)?.checkpoint;
  if (id === undefined) return { run: config, meta: null };
  if (typeof id !== 'string') throw new LabError('config.checkpoint: expected the id of a shipped checkpoint', 'INVALID_CONFIG');
  const { meta, weights } = shippedCheckpoint(id);
  if (meta.lab !== lab) throw new LabError(`config.checkpoint: ${id} is a ${meta.lab} checkpoint, not ${lab}`, 'INVALID_CONFIG');
  const { checkpoint: _dropped, ...rest } = config as Record<string, unknown>;
  void _dropped;
  return { run: { ...rest, init_weights: weights }, meta };
}
