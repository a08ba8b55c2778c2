/**
 * Turns zod issues into one LabError with the engine's codes and message shape:
 *   race.optimizers[0].lr: expected a finite number > 0, got -1
 * Schemas attach a specific code (UNKNOWN_OPTIMIZER…) with `params: { labCode }` on custom issues;
 * everything else is INVALID_CONFIG.
 */
import type { z } from 'zod';

import { LabError, type LabErrorCode } from './errors.js';

export function pathText(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'an array';
  return `a${typeof v === 'object' ? 'n object' : ` ${typeof v}`}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

type Issue = z.core.$ZodIssue;

/**
 * A union that failed: when one branch got past the value's type (its first issue lies deeper than the
 * union, e.g. {size: 1} failing on .size), that issue says more than "expected A or B"; else the union's.
 */
function innermost(issue: Issue): Issue {
  if (issue.code !== 'invalid_union') return issue;
  let best: Issue | undefined;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first && first.path.length > 0 && (!best || first.path.length > best.path.length)) best = first;
  }
  return best ? innermost({ ...best, path: [...issue.path, ...best.path] } as Issue) : issue;
}

/** Parses `input` with `schema`; on failure throws a LabError describing the first issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = innermost(r.error.issues[0]!);
  const params = (issue as { params?: { labCode?: LabErrorCode } }).params;
  if (issue.code === 'unrecognized_keys') {
    const key = (issue as { keys: string[] }).keys[0] ?? '?';
    throw new LabError(`${pathText(root, [...issue.path, key])}: unknown field`, 'INVALID_CONFIG');
  }
  const where = pathText(root, issue.path);
  if (params?.labCode) throw new LabError(`${where}: ${issue.message}`, params.labCode);
  const got = valueAt(input, issue.path);
  // a cross-field check may word the whole reason itself ("expected nothing: …", "…, got 3"): kept as written
  if (issue.code === 'custom' && issue.message.startsWith('expected '))
    throw new LabError(`${where}: ${issue.message}${/, got /.test(issue.message) ? '' : `, got ${describeValue(got)}`}`, 'INVALID_CONFIG');
  throw new LabError(`${where}: expected ${issue.message}, got ${describeValue(got)}`, 'INVALID_CONFIG');
}
