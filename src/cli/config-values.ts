/**
 * The `path=value` forms of the store commands: `--config optimizer.type=adam` (a run filter),
 * `--grid optimizer.lr=0.1,0.01` (sweep values) and `--random optimizer.lr=1e-4:1e-1:log` (a sweep
 * range). Values are numbers when they read as one, true/false as booleans, else strings.
 */
import { LabError } from '../native/errors.js';
import type { RandomParam, SweepValue } from '../experiments/sweep.js';

export function parseValue(text: string): SweepValue {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  const n = t === '' ? NaN : Number(t);
  return Number.isFinite(n) ? n : t;
}

/** "a.b=rest" → ["a.b", "rest"], or an error naming the option. */
export function splitAssignment(text: string, option: string, form: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new LabError(`${option}: expected ${form}, got ${JSON.stringify(text)}`, 'INVALID_CONFIG');
  return [text.slice(0, eq).trim(), text.slice(eq + 1)];
}

/** Repeated `--config path=value` → { path: value }. */
export function parseConfigFilter(list: string[]): Record<string, SweepValue> {
  return Object.fromEntries(list.map((t) => {
    const [path, value] = splitAssignment(t, '--config', 'PATH=VALUE, e.g. optimizer.type=adam');
    return [path, parseValue(value)];
  }));
}

/** Repeated `--grid path=v1,v2,…` → { path: [v1, v2, …] }. */
export function parseGrid(list: string[]): Record<string, SweepValue[]> {
  return Object.fromEntries(list.map((t) => {
    const [path, values] = splitAssignment(t, '--grid', 'PATH=V1,V2,…, e.g. optimizer.lr=0.1,0.01');
    return [path, values.split(',').map(parseValue)];
  }));
}

/** Repeated `--random path=min:max[:log][:int]` or `path=a|b|c` → sweep random parameters. */
export function parseRandom(list: string[]): Record<string, RandomParam> {
  return Object.fromEntries(list.map((t): [string, RandomParam] => {
    const form = 'PATH=MIN:MAX[:log][:int] or PATH=A|B|…, e.g. optimizer.lr=1e-4:1e-1:log';
    const [path, spec] = splitAssignment(t, '--random', form);
    if (!spec.includes(':')) return [path, { values: spec.split('|').map(parseValue) }];
    const [min, max, ...flags] = spec.split(':');
    const lo = Number(min), hi = Number(max);
    const unknown = flags.filter((f) => f !== 'log' && f !== 'int');
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || min!.trim() === '' || max!.trim() === '' || unknown.length > 0)
      throw new LabError(`--random: expected ${form}, got ${JSON.stringify(t)}`, 'INVALID_CONFIG');
    return [path, { min: lo, max: hi, ...(flags.includes('log') ? { log: true } : {}), ...(flags.includes('int') ? { integer: true } : {}) }];
  }));
}
