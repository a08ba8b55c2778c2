/**
 * The sweep form's state read into a `sweeps/start` request, with an error per field (a string key and
 * its values, so the form shows it in the UI's language). The form has a row per hyper-parameter the
 * lab's descriptor lists (src/labs/sweep-fields.ts): kept at the base's value, a list of values, a range
 * of N values (linear or log), or random draws in a range. The base is the lab's defaults, a preset or
 * any JSON the lab's schema accepts; one more config path can be varied under "Advanced". Each value is
 * checked against the lab's schema as typed, and every run's config before Start (up to CHECK_ALL runs).
 */
import { formatConfigPath, isConfigPath } from '../../../../../src/experiments/config-path';
import { gridPoints, pointConfig, type SweepValue } from '../../../../../src/experiments/sweep-point';
import type { ParamsOf } from '../../../../../src/protocol/methods';
import { LABS, labOf } from '../../../../../src/labs/index';
import { explicitBase, type SweepField } from '../../../../../src/labs/sweep-fields';
import type { StringKey } from '../../i18n/strings';

/** a lab id (src/labs/): the sweep form offers every lab */
export type SweepLab = string;
export type FieldError = { key: StringKey; vars?: Record<string, string | number> };

/** the labs a sweep can run, in the app's order */
export const SWEEP_LABS: readonly string[] = LABS.map((d) => d.id);

export type RowMode = 'fixed' | 'values' | 'range' | 'random';
export interface FieldRow {
  mode: RowMode;
  /** a comma-separated list (mode "values"; the ticked choices of a choice field) */
  values: string;
  min: string;
  max: string;
  /** how many values a range spans (mode "range") */
  count: string;
  log: boolean;
}
export interface SweepForm {
  lab: SweepLab;
  name: string;
  /** "defaults", "preset:<id>" or "custom" (the JSON was edited, or came from a run) */
  start: string;
  base: string;
  rows: Record<string, FieldRow>;
  /** one more config path, under Advanced */
  extra: { path: string; values: string };
  samples: string;
  seed: string;
}

/** The largest sweep whose every run's config the form checks before Start (the host checks them all). */
export const CHECK_ALL = 400;

export const emptyRow = (f?: SweepField): FieldRow => ({ mode: 'fixed', values: '', min: '', max: '', count: '3', log: Boolean(f?.log) });

export function defaultForm(lab: SweepLab = SWEEP_LABS[0]!, base?: Record<string, unknown>): SweepForm {
  const d = labOf(lab);
  const config = base ?? d?.defaults ?? {};
  const form: SweepForm = {
    lab,
    name: '',
    start: base ? 'custom' : 'defaults',
    base: JSON.stringify(config, null, 2),
    rows: {},
    extra: { path: '', values: '' },
    samples: '8',
    seed: '1',
  };
  // the lab's first sweep parameter ready to fill: a log range of learning rates for most labs
  const first = d?.sweepFields(config).find((f) => f.path === d.sweepPath);
  if (first) form.rows[first.path] = first.kind === 'number' ? { ...emptyRow(first), mode: 'range', min: '0.001', max: '0.1', count: '3', log: true } : emptyRow(first);
  return form;
}

/** "0.1, 0.01, adam, true" → [0.1, 0.01, "adam", true]; null when empty or a value is empty. */
export function parseValues(text: string): SweepValue[] | null {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => p === '')) return null;
  return parts.map((p) => {
    if (p === 'true') return true;
    if (p === 'false') return false;
    const n = Number(p);
    return Number.isFinite(n) ? n : p.replace(/^"(.*)"$/, '$1');
  });
}

/** `count` values from min to max, evenly spaced (on a log scale: evenly in log), rounded for an integer field, without repeats. */
export function rangeValues(min: number, max: number, count: number, log: boolean, integer: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = count === 1 ? 0 : i / (count - 1);
    let v = log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
    v = integer ? Math.round(v) : Number(v.toPrecision(6));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** The schema's first complaint about a config, as "path: message", or null when it is accepted. */
function configIssue(lab: SweepLab, config: unknown): { path: string; message: string } | null {
  const schema = labOf(lab)?.configSchema;
  if (!schema) return { path: 'lab', message: lab };
  const r = schema.safeParse(config);
  if (r.success) return null;
  const issue = r.error.issues[0]!;
  const path = formatConfigPath(issue.path.filter((p): p is string | number => typeof p !== 'symbol'));
  return { path: path || lab, message: issue.message };
}

/** The base config: parsed JSON checked by the lab's schema; the error names the field. */
export function parseBase(lab: SweepLab, text: string): { value: Record<string, unknown> } | { error: FieldError } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: { key: 'experiments.sweep.err.json', vars: { message: e instanceof Error ? e.message : String(e) } } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: { key: 'experiments.sweep.err.object' } };
  const issue = configIssue(lab, value);
  if (issue) return { error: { key: 'experiments.sweep.err.config', vars: issue } };
  return { value: value as Record<string, unknown> };
}

/** The base's fields, or none while the base is not valid. */
export function formFields(f: SweepForm): { base: Record<string, unknown> | null; fields: SweepField[] } {
  const parsed = parseBase(f.lab, f.base);
  if (!('value' in parsed)) return { base: null, fields: [] };
  const fields = labOf(f.lab)?.sweepFields(parsed.value) ?? [];
  return { base: explicitBase(parsed.value, fields), fields };
}

const num = (text: string) => (text.trim() === '' ? NaN : Number(text));

/** A field's values as typed, or an error (a list's kind, a range's order and size). */
function readRow(field: SweepField, row: FieldRow): { grid: SweepValue[] } | { random: { min: number; max: number; log?: boolean; integer?: boolean } } | { error: FieldError } | null {
  const integer = field.kind === 'integer';
  if (row.mode === 'fixed') return null;
  if (row.mode === 'values') {
    const values = parseValues(row.values);
    if (!values) return { error: { key: field.kind === 'choice' || field.kind === 'boolean' ? 'experiments.sweep.err.pick' : 'experiments.sweep.err.values' } };
    for (const v of values) {
      if (field.kind === 'choice' && !field.choices!.includes(String(v))) return { error: { key: 'experiments.sweep.err.choice', vars: { value: String(v), choices: field.choices!.join(', ') } } };
      if (field.kind === 'boolean' && typeof v !== 'boolean') return { error: { key: 'experiments.sweep.err.boolean', vars: { value: String(v) } } };
      if ((field.kind === 'number' || integer) && typeof v !== 'number') return { error: { key: 'experiments.sweep.err.number_in', vars: { value: String(v) } } };
      if (integer && !Number.isInteger(v)) return { error: { key: 'experiments.sweep.err.integer', vars: { value: String(v) } } };
    }
    return { grid: values.map((v) => (field.kind === 'choice' ? String(v) : v)) };
  }
  const min = num(row.min),
    max = num(row.max);
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { error: { key: 'experiments.sweep.err.number' } };
  if (min > max) return { error: { key: 'experiments.sweep.err.range' } };
  if (row.log && !(min > 0)) return { error: { key: 'experiments.sweep.err.log' } };
  if (row.mode === 'random') return { random: { min, max, ...(row.log ? { log: true } : {}), ...(integer ? { integer: true } : {}) } };
  const count = num(row.count);
  if (!Number.isInteger(count) || count < 2 || count > 100) return { error: { key: 'experiments.sweep.err.count' } };
  return { grid: rangeValues(min, max, count, row.log, integer) };
}

export type SweepErrors = Partial<Record<'base' | 'samples' | 'seed' | 'params' | 'extra.path' | 'extra.values' | `field:${string}`, FieldError>>;

/** The request, the number of runs it makes and the values of each varied field, or the errors to show. */
export function buildSweep(f: SweepForm): { params: ParamsOf<'sweeps/start'>; runs: number; values: Record<string, SweepValue[]>; errors: SweepErrors } {
  const errors: SweepErrors = {};
  const parsed = parseBase(f.lab, f.base);
  if ('error' in parsed) errors.base = parsed.error;
  const { base, fields } = formFields(f);
  const params: ParamsOf<'sweeps/start'> = { lab: f.lab, base: base ?? {}, ...(f.name.trim() ? { name: f.name.trim() } : {}) };
  const grid: Record<string, SweepValue[]> = {};
  const random: Record<string, { min: number; max: number; log?: boolean; integer?: boolean }> = {};
  for (const field of fields) {
    const row = f.rows[field.path];
    if (!row) continue;
    const read = readRow(field, row);
    if (!read) continue;
    if ('error' in read) {
      errors[`field:${field.path}`] = read.error;
      continue;
    }
    // each value (each end of a random range) as the lab's schema sees it in the base
    const probes = 'grid' in read ? read.grid : [read.random.min, read.random.max];
    const bad = probes.map((v) => ({ v, issue: configIssue(f.lab, pointConfig(base, { [field.path]: v })) })).find((p) => p.issue);
    if (bad) errors[`field:${field.path}`] = { key: 'experiments.sweep.err.value', vars: { value: String(bad.v), message: bad.issue!.message } };
    else if ('grid' in read) grid[field.path] = read.grid;
    else random[field.path] = read.random;
  }
  if (f.extra.path.trim() || f.extra.values.trim()) {
    const path = f.extra.path.trim();
    const values = parseValues(f.extra.values);
    if (!isConfigPath(path)) errors['extra.path'] = { key: 'experiments.sweep.err.path' };
    else if (fields.some((x) => x.path === path) && f.rows[path]?.mode !== 'fixed' && f.rows[path]) errors['extra.path'] = { key: 'experiments.sweep.err.twice' };
    if (!values) errors['extra.values'] = { key: 'experiments.sweep.err.values' };
    if (values && !errors['extra.path']) grid[path] = values;
  }
  const sizes = Object.values(grid).map((v) => v.length);
  let runs = sizes.reduce((a, b) => a * b, 1);
  if (Object.keys(random).length) {
    const samples = Number(f.samples);
    const seed = Number(f.seed);
    if (!Number.isInteger(samples) || samples < 1 || samples > 1000) errors.samples = { key: 'experiments.sweep.err.samples' };
    if (f.seed.trim() !== '' && !(Number.isInteger(seed) && seed >= 0)) errors.seed = { key: 'experiments.sweep.err.seed' };
    params.random = { samples: Number.isInteger(samples) && samples >= 1 ? samples : 1, ...(f.seed.trim() !== '' && Number.isInteger(seed) && seed >= 0 ? { seed } : {}), params: random };
    runs *= Number.isInteger(samples) ? samples : 0;
  }
  if (sizes.length) params.grid = grid;
  const varied = sizes.length + Object.keys(random).length;
  const fieldErrors = Object.keys(errors).some((k) => k.startsWith('field:') || k.startsWith('extra.'));
  if (varied === 0) runs = 0;
  if (varied === 0 && !fieldErrors && base) errors.params = { key: 'experiments.sweep.err.none' };
  else if (runs > 1000) errors.params = { key: 'experiments.sweep.err.too_many', vars: { n: runs } };
  else if (varied > 0 && !fieldErrors && base && !params.random && runs <= CHECK_ALL) {
    // every run's config, as the host will build it: values that pass alone may clash together
    const first = gridPoints(grid).map((p) => ({ p, issue: configIssue(f.lab, pointConfig(base, p)) })).find((x) => x.issue);
    if (first) errors.params = { key: 'experiments.sweep.err.run', vars: { point: Object.entries(first.p).map(([k, v]) => `${k}=${String(v)}`).join(', '), path: first.issue!.path, message: first.issue!.message } };
  }
  return { params, runs, values: grid, errors };
}
