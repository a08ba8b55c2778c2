/**
 * The number ranges every config schema uses, worded as the engine words its errors ("an integer in
 * [1, 100]"). Split from schemas.ts so that schema modules (layers.ts) can share them without an
 * import cycle.
 */
import { z } from 'zod';

import type { HyperMeta } from './catalog.js';

const fmt = (v: number): string => String(v);

/** "a finite number > 0", "an integer in [1, 100]" — the same words as the engine's messages. */
export function rangeText(h: Pick<HyperMeta, 'kind' | 'min' | 'max' | 'minExclusive' | 'maxExclusive'>): string {
  if (h.kind === 'boolean') return 'true or false';
  const what = h.kind === 'integer' ? 'an integer' : 'a finite number';
  if (h.min !== null && h.max !== null)
    return `${what} in ${h.minExclusive ? '(' : '['}${fmt(h.min)}, ${fmt(h.max)}${h.maxExclusive ? ')' : ']'}`;
  if (h.min !== null) return `${what} ${h.minExclusive ? '>' : '≥'} ${fmt(h.min)}`;
  if (h.max !== null) return `${what} ${h.maxExclusive ? '<' : '≤'} ${fmt(h.max)}`;
  return what;
}

export function inRange(v: unknown, h: Pick<HyperMeta, 'kind' | 'min' | 'max' | 'minExclusive' | 'maxExclusive'>): boolean {
  if (h.kind === 'boolean') return typeof v === 'boolean' || v === 0 || v === 1;
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  if (h.kind === 'integer' && !Number.isInteger(v)) return false;
  if (h.min !== null && (h.minExclusive ? !(v > h.min) : !(v >= h.min))) return false;
  if (h.max !== null && (h.maxExclusive ? !(v < h.max) : !(v <= h.max))) return false;
  return true;
}

export type RangeSpec = Pick<HyperMeta, 'kind' | 'min' | 'max' | 'minExclusive' | 'maxExclusive'>;
export const range = (kind: 'number' | 'integer', min: number | null, max: number | null, minExclusive = false, maxExclusive = false): RangeSpec => ({
  kind,
  min,
  max,
  minExclusive,
  maxExclusive,
});

/** A number in a range, with the engine's wording for errors (NaN and ±Infinity are refused). */
export function num(r: RangeSpec) {
  return z.custom<number>((v) => inRange(v, r), { message: rangeText(r) });
}

export const finite = () => num(range('number', null, null));

/** Bytes passed in place of a file (uploads, decoded images). */
export const bytes = (what: string) => z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: `${what} as bytes (a Uint8Array)` });

/** How a session streams: its pace, rows per batch and flush interval (every lab). */
export const SessionOptionsSchema = z.strictObject({
  steps_per_second: num(range('number', 0, null)).optional(),
  max_rows: num(range('integer', 1, 1e6)).optional(),
  flush_ms: num(range('number', 0, 10000)).optional(),
});
