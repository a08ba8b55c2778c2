/**
 * The sweep form's text fields read into a `sweeps/start` request, with an error per field (a string
 * key and its values, so the form shows it in the UI's language): the base config must be a JSON
 * object the lab's schema accepts, paths must be config paths (src/experiments/config-path.ts), grid
 * values a comma-separated list (numbers, true/false, else text), random ranges min ≤ max (min > 0 on
 * a log scale).
 */
import { isConfigPath } from '../../../../../src/experiments/config-path';
import type { ParamsOf } from '../../../../../src/protocol/methods';
import { LABS, labOf } from '../../../../../src/labs/index';
import type { StringKey } from '../../i18n/strings';

/** a lab id (src/labs/): the sweep form offers every lab */
export type SweepLab = string;
export type FieldError = { key: StringKey; vars?: Record<string, string | number> };

/** the labs a sweep can run, in the app's order */
export const SWEEP_LABS: readonly string[] = LABS.map((d) => d.id);

export interface GridRow {
  path: string;
  values: string;
}
export interface RandomRow {
  path: string;
  min: string;
  max: string;
  log: boolean;
  integer: boolean;
}
export interface SweepForm {
  lab: SweepLab;
  name: string;
  base: string;
  mode: 'grid' | 'random';
  grid: GridRow[];
  random: RandomRow[];
  samples: string;
  seed: string;
}

export function defaultForm(lab: SweepLab = SWEEP_LABS[0]!): SweepForm {
  const d = labOf(lab);
  const path = d?.sweepPath ?? '';
  return {
    lab,
    name: '',
    base: JSON.stringify(d?.defaults ?? {}, null, 2),
    mode: 'grid',
    grid: [
      { path, values: '0.001, 0.01, 0.1' },
      { path: '', values: '' },
    ],
    random: [
      { path, min: '0.0001', max: '0.1', log: true, integer: false },
      { path: '', min: '', max: '', log: false, integer: false },
    ],
    samples: '8',
    seed: '1',
  };
}

/** "0.1, 0.01, adam, true" → [0.1, 0.01, "adam", true]; null when empty or a value is empty. */
export function parseValues(text: string): (string | number | boolean)[] | null {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => p === '')) return null;
  return parts.map((p) => {
    if (p === 'true') return true;
    if (p === 'false') return false;
    const n = Number(p);
    return Number.isFinite(n) ? n : p.replace(/^"(.*)"$/, '$1');
  });
}

/** The base config: parsed JSON checked by the lab's schema; the error names the field. */
export function parseBase(lab: SweepLab, text: string): { value: unknown } | { error: FieldError } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: { key: 'experiments.sweep.err.json', vars: { message: e instanceof Error ? e.message : String(e) } } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: { key: 'experiments.sweep.err.object' } };
  const schema = labOf(lab)?.configSchema;
  if (!schema) return { error: { key: 'experiments.sweep.err.config', vars: { path: 'lab', message: lab } } };
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return { error: { key: 'experiments.sweep.err.config', vars: { path: path || lab, message: issue.message } } };
  }
  return { value };
}

export type SweepErrors = Partial<Record<'base' | 'samples' | 'seed' | 'params' | `grid${number}.${'path' | 'values'}` | `random${number}.${'path' | 'range'}`, FieldError>>;

/** The request and the number of runs it makes, or the errors to show. */
export function buildSweep(f: SweepForm): { params: ParamsOf<'sweeps/start'>; runs: number; errors: SweepErrors } {
  const errors: SweepErrors = {};
  const base = parseBase(f.lab, f.base);
  if ('error' in base) errors.base = base.error;
  const params: ParamsOf<'sweeps/start'> = { lab: f.lab, base: 'value' in base ? base.value : {}, ...(f.name.trim() ? { name: f.name.trim() } : {}) };
  let runs = 0;
  if (f.mode === 'grid') {
    const grid: Record<string, (string | number | boolean)[]> = {};
    f.grid.forEach((row, i) => {
      if (!row.path.trim() && !row.values.trim()) return;
      if (!isConfigPath(row.path.trim())) errors[`grid${i}.path`] = { key: 'experiments.sweep.err.path' };
      const values = parseValues(row.values);
      if (!values) errors[`grid${i}.values`] = { key: 'experiments.sweep.err.values' };
      if (values && isConfigPath(row.path.trim())) grid[row.path.trim()] = values;
    });
    const sizes = Object.values(grid).map((v) => v.length);
    runs = sizes.length ? sizes.reduce((a, b) => a * b, 1) : 0;
    if (sizes.length) params.grid = grid;
  } else {
    const samples = Number(f.samples);
    if (!Number.isInteger(samples) || samples < 1 || samples > 1000) errors.samples = { key: 'experiments.sweep.err.samples' };
    const seed = Number(f.seed);
    if (f.seed.trim() !== '' && !(Number.isInteger(seed) && seed >= 0)) errors.seed = { key: 'experiments.sweep.err.seed' };
    const ps: Record<string, { min: number; max: number; log?: boolean; integer?: boolean }> = {};
    f.random.forEach((row, i) => {
      if (!row.path.trim() && !row.min.trim() && !row.max.trim()) return;
      if (!isConfigPath(row.path.trim())) errors[`random${i}.path`] = { key: 'experiments.sweep.err.path' };
      const min = row.min.trim() === '' ? NaN : Number(row.min),
        max = row.max.trim() === '' ? NaN : Number(row.max);
      if (!Number.isFinite(min) || !Number.isFinite(max)) errors[`random${i}.range`] = { key: 'experiments.sweep.err.number' };
      else if (min > max) errors[`random${i}.range`] = { key: 'experiments.sweep.err.range' };
      else if (row.log && !(min > 0)) errors[`random${i}.range`] = { key: 'experiments.sweep.err.log' };
      else if (isConfigPath(row.path.trim())) ps[row.path.trim()] = { min, max, ...(row.log ? { log: true } : {}), ...(row.integer ? { integer: true } : {}) };
    });
    if (Object.keys(ps).length) {
      params.random = { samples: Number.isInteger(samples) ? samples : 1, ...(f.seed.trim() !== '' && Number.isInteger(seed) ? { seed } : {}), params: ps };
      runs = Number.isInteger(samples) ? samples : 0;
    }
  }
  if (runs === 0 && !Object.keys(errors).some((k) => k.startsWith('grid') || k.startsWith('random'))) errors.params = { key: 'experiments.sweep.err.none' };
  if (runs > 1000) errors.params = { key: 'experiments.sweep.err.too_many', vars: { n: runs } };
  return { params, runs, errors };
}
