/**
 * Parsing of the compact argument forms the CLI accepts, with errors that name the argument:
 *   --opt adam:lr=0.01,beta1=0.9,schedule=cosine,total=500,name=fast
 *   --start -1.5,2      --fn rosenbrock | --fn "x^2 + 3*y^2"      --param kappa=50
 */
import { LabError } from '../native/errors.js';
import { LANDSCAPES } from '../native/catalog.js';
import type { FunctionSpec, OptimizerSpec, ScheduleSpec } from '../native/schemas.js';

const SCHEDULE_KEYS = new Set(['step_size', 'gamma', 'total', 'min_factor', 'warmup']);

function parseScalar(text: string, where: string): number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const t = text.trim();
  const v = t === '' ? NaN : Number(t);
  if (t.toLowerCase() === 'nan') return NaN;
  if (Number.isNaN(v)) throw new LabError(`${where}: expected a number, true or false, got ${JSON.stringify(text)}`, 'INVALID_CONFIG');
  return v;
}

/** "adam:lr=0.01,beta1=0.9" → { type: 'adam', lr: 0.01, beta1: 0.9 } (validated later by the schema). */
export function parseOptimizer(text: string, index: number): OptimizerSpec {
  const where = `--opt #${index + 1} (${JSON.stringify(text)})`;
  const colon = text.indexOf(':');
  const type = (colon < 0 ? text : text.slice(0, colon)).trim();
  if (!type) throw new LabError(`${where}: expected TYPE[:key=value,…], e.g. adam:lr=0.01`, 'INVALID_CONFIG');
  const spec: Record<string, unknown> = { type };
  const schedule: Record<string, unknown> = {};
  if (colon >= 0 && text.slice(colon + 1).trim() !== '') {
    for (const part of text.slice(colon + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq < 0) throw new LabError(`${where}: expected key=value, got ${JSON.stringify(part)}`, 'INVALID_CONFIG');
      const key = part.slice(0, eq).trim();
      const raw = part.slice(eq + 1).trim();
      if (key === 'name') spec.name = raw;
      else if (key === 'schedule') schedule.type = raw;
      else if (SCHEDULE_KEYS.has(key)) schedule[key] = parseScalar(raw, `${where} ${key}`);
      else spec[key] = parseScalar(raw, `${where} ${key}`);
    }
  }
  if (Object.keys(schedule).length > 0) {
    if (!schedule.type) schedule.type = 'constant';
    spec.schedule = schedule as ScheduleSpec;
  }
  return spec as OptimizerSpec;
}

/** "-1.5,2" → [-1.5, 2] */
export function parsePoint(text: string, what: string): [number, number] {
  const parts = text.split(',');
  const nums = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (parts.length !== 2 || nums.some((n) => !Number.isFinite(n)))
    throw new LabError(`${what}: expected two finite numbers "x,y" (e.g. -1.5,2), got ${JSON.stringify(text)}`, 'INVALID_CONFIG');
  return [nums[0]!, nums[1]!];
}

/** A bare name is a built-in landscape; anything else is a formula. */
export function parseFunction(text: string, params: string[]): FunctionSpec {
  const t = text.trim();
  const isName = /^[A-Za-z_][A-Za-z0-9_]*$/.test(t) && !['x', 'y', 'pi', 'e'].includes(t);
  if (!isName) {
    if (params.length > 0) throw new LabError('--param: only built-in functions take parameters, not formulas', 'INVALID_CONFIG');
    return { formula: text };
  }
  const known = LANDSCAPES.map((l) => l.name as string);
  if (!known.includes(t))
    throw new LabError(`--fn: unknown function ${JSON.stringify(t)}; expected one of: ${known.join(', ')}, or a formula in x and y`, 'UNKNOWN_FUNCTION');
  if (params.length === 0) return t as FunctionSpec;
  const p: Record<string, unknown> = {};
  for (const kv of params) {
    const eq = kv.indexOf('=');
    if (eq < 0) throw new LabError(`--param: expected name=value, got ${JSON.stringify(kv)}`, 'INVALID_CONFIG');
    p[kv.slice(0, eq).trim()] = parseScalar(kv.slice(eq + 1), `--param ${kv}`);
  }
  return { name: t, params: p };
}

/** ["classes=5", "n=300"] → { classes: 5, n: 300 } (each value a finite number). */
export function parseSettings(pairs: string[], what: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kv of pairs) {
    const eq = kv.indexOf('=');
    const raw = eq < 0 ? '' : kv.slice(eq + 1).trim();
    const v = raw === '' ? NaN : Number(raw);
    if (eq < 0 || !Number.isFinite(v)) throw new LabError(`${what}: expected name=number, got ${JSON.stringify(kv)}`, 'INVALID_CONFIG');
    out[kv.slice(0, eq).trim()] = v;
  }
  return out;
}

/** "64,64" → [64, 64]; "" → []. */
export function parseNumberList(text: string, what: string): number[] {
  if (text.trim() === '') return [];
  return text.split(',').map((p) => {
    const v = p.trim() === '' ? NaN : Number(p);
    if (!Number.isFinite(v)) throw new LabError(`${what}: expected comma-separated numbers (e.g. 64,64), got ${JSON.stringify(text)}`, 'INVALID_CONFIG');
    return v;
  });
}
