/**
 * Sweeps: a grid or a seeded random search over hyper-parameters, expanded into run configs that share
 * a sweep id. Paths are config paths (config-path.ts): "optimizer.lr", "batch_size", "optimizers[1].beta1".
 *
 *   { lab: 'train', base: {...config}, grid: { 'optimizer.lr': [0.1, 0.01], batch_size: [16, 64] } }   → 4 runs
 *   { lab: 'train', base, random: { samples: 20, seed: 1,
 *       params: { 'optimizer.lr': { min: 1e-4, max: 1e-1, log: true }, 'optimizer.type': { values: ['adam', 'sgd'] } } } }
 * Both may be given: every grid point gets `samples` random draws. The random draws depend only on the
 * seed, so a sweep is reproducible.
 */
import { significantText } from '../format/number.js';
import { LabError } from '../native/errors.js';
import { lastKey, setConfigValue } from './config-path.js';
import { jsonPath } from './runs.js';

import { gridPoints, type SweepValue } from './sweep-point.js';

export type { SweepValue };
export type RandomParam = { min: number; max: number; log?: boolean; integer?: boolean } | { values: SweepValue[] };

export interface SweepSpec {
  lab: string;
  name?: string;
  base: unknown;
  grid?: Record<string, SweepValue[]>;
  random?: { samples: number; seed?: number; params: Record<string, RandomParam> };
}

export const MAX_SWEEP_RUNS = 1000;

/** A deep copy of `obj` with `value` at a config path (config-path.ts), creating objects and arrays on the way. */
export function setPath(obj: unknown, path: string, value: unknown): unknown {
  jsonPath(path, `sweep path ${path}`);
  return setConfigValue(obj, path, value);
}

/** mulberry32: a small seeded generator, enough to draw sweep points reproducibly. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw(p: RandomParam, u: () => number, where: string): SweepValue {
  if ('values' in p) {
    if (!Array.isArray(p.values) || p.values.length === 0) throw new LabError(`${where}.values: expected a non-empty array`, 'INVALID_CONFIG');
    return p.values[Math.floor(u() * p.values.length)]!;
  }
  if (!(Number.isFinite(p.min) && Number.isFinite(p.max) && p.min <= p.max))
    throw new LabError(`${where}: expected finite min ≤ max, got ${p.min}, ${p.max}`, 'INVALID_CONFIG');
  if (p.log && !(p.min > 0)) throw new LabError(`${where}: a log scale needs min > 0, got ${p.min}`, 'INVALID_CONFIG');
  const x = p.log ? Math.exp(Math.log(p.min) + u() * (Math.log(p.max) - Math.log(p.min))) : p.min + u() * (p.max - p.min);
  return p.integer ? Math.round(x) : x;
}

/** The sweep's points: each a map path → value, grid order first (last path fastest), then draws. */
export function sweepPoints(spec: SweepSpec): Record<string, SweepValue>[] {
  for (const [path, values] of Object.entries(spec.grid ?? {})) {
    jsonPath(path, `sweep.grid`);
    if (!Array.isArray(values) || values.length === 0) throw new LabError(`sweep.grid.${path}: expected a non-empty array of values`, 'INVALID_CONFIG');
  }
  let points = gridPoints(spec.grid ?? {});
  if (spec.random) {
    const { samples, seed = 1, params } = spec.random;
    if (!Number.isInteger(samples) || samples < 1) throw new LabError(`sweep.random.samples: expected an integer ≥ 1, got ${samples}`, 'INVALID_CONFIG');
    const u = rng(seed);
    points = points.flatMap((p) => Array.from({ length: samples }, () => {
      const q = { ...p };
      for (const [path, param] of Object.entries(params)) {
        jsonPath(path, 'sweep.random.params');
        q[path] = draw(param, u, `sweep.random.params.${path}`);
      }
      return q;
    }));
  }
  if (points.length > MAX_SWEEP_RUNS) throw new LabError(`sweep: ${points.length} runs, more than the ${MAX_SWEEP_RUNS} allowed`, 'INVALID_CONFIG');
  if (points.length === 1 && Object.keys(points[0]!).length === 0) throw new LabError('sweep: expected a grid or random parameters to vary', 'INVALID_CONFIG');
  return points;
}

/** "lr=0.01, batch_size=64" — a run name from a point (each path's last key, numbers to 4 significant digits). */
export function pointLabel(point: Record<string, SweepValue>): string {
  return Object.entries(point)
    .map(([k, v]) => `${lastKey(k)}=${typeof v === 'number' ? significantText(v, 4) : v}`)
    .join(', ');
}
