/**
 * A finished run's probe: the lab of `kind` built from its config (with the run's stored weights as
 * init_weights) answers `probe` with one frame, outside a session — the training lab's "features", the
 * VAE lab's "decoded" or "interpolation". The config is checked with the lab's schema, the probe by the
 * engine (errors name probe.<field>).
 */
import { labOf } from '../labs/index.js';
import { native } from './binding.js';
import { LabError } from './errors.js';
import type { Frame } from './events.js';
import { parseOrThrow } from './validate.js';

export function probeLab(kind: string, config: Record<string, unknown>, probe: unknown): Frame<Record<string, unknown>> {
  const d = labOf(kind);
  if (!d?.probe) throw new LabError(`probe: a ${kind} run cannot be probed`, 'INVALID_CONFIG');
  return native().probeLab(kind, parseOrThrow(d.configSchema, { ...config, ...(d.probeSettings ?? {}) }, kind), probe);
}
