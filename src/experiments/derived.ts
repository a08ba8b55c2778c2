/**
 * Derived series (#15, `vals_enc` 3 in chunk-codec.ts): a series the engine computes from other series
 * of the same rows is stored as its rule plus the values that do not follow it. A race's Adam state is
 * the case: m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ), the moments m and v (running averages of the gradient
 * column) and ‖∇f‖ = norm2(gx, gy) take 8 of a step's 14 series and are noise-like, so no float codec
 * shrinks them.
 *
 * Lossless by construction: the writer recomputes every value with exactly the engine's IEEE operations
 * and keeps, as exceptions, each value whose bits differ (a β changed live, weight decay, gradient
 * noise, AMSGrad's maximum, a C library's pow differing in the last bit, a compiler that fuses
 * multiply-adds). A chunk with too many exceptions is simply stored as a plain series.
 *
 * A value the rule makes NaN is always kept as an exception: the bits of a NaN that arithmetic makes
 * differ between CPUs. And the blob carries the CRC-32 of the values' bytes, checked on every read, so
 * a recomputation that ever differed (another JavaScript engine's Math.pow) fails loudly, never silently.
 *
 * Blob: u8 version (1), u16 header length, header (the Derivation as JSON), u32 CRC-32 of the values,
 * u32 count, count u32 indices (ascending), count float64 values (little-endian).
 */
import { crc32 } from 'node:zlib';

import { StoreError } from './errors.js';

export type Derivation =
  /** y = s / (1 − βᵗ), t the row's step (t = 0: y = s): Adam's bias correction (adam_base.hpp) */
  | { op: 'bias'; src: [string]; beta: number }
  /** y[i] = β·y[i−1] + (1 − β)·g[i−1]: Adam's m from the gradient column of the row before */
  | { op: 'ema'; src: [string]; beta: number }
  /** y[i] = β·y[i−1] + ((1 − β)·g[i−1])·g[i−1]: Adam's v */
  | { op: 'ema_sq'; src: [string]; beta: number }
  /** y = norm2(a, b), native/core/runtime/norm2.cpp: the race's ‖∇f‖ */
  | { op: 'norm2'; src: [string, string] };

const VERSION = 1;

/**
 * How many derived series lie under `name` (0: a plain series), given each derived series' sources; a
 * cycle counts as plain. Writing and thinning order series by it: a source before what is derived from it.
 */
export function derivationDepth(name: string, sourcesOf: (name: string) => Iterable<string> | undefined, seen: string[] = []): number {
  const src = sourcesOf(name);
  if (!src || seen.includes(name)) return 0;
  return 1 + Math.max(0, ...[...src].map((s) => derivationDepth(s, sourcesOf, [...seen, name])));
}
/** A derived chunk is kept only when it is at most this share of the raw float64 size. */
const KEEP_AT_MOST = 0.25;

/** The engine's norm2 (native/core/runtime/norm2.cpp), step for step. */
export function norm2(x: number, y: number): number {
  const ax = Math.abs(x),
    ay = Math.abs(y);
  if (ax === Infinity || ay === Infinity) return Infinity;
  if (Number.isNaN(ax) || Number.isNaN(ay)) return NaN;
  const big = ax > ay ? ax : ay;
  let scale = 1,
    unscale = 1;
  if (big > 2 ** 500) {
    scale = 2 ** -600;
    unscale = 2 ** 600;
  } else if (big < 2 ** -500) {
    scale = 2 ** 600;
    unscale = 2 ** -600;
  }
  const sx = ax * scale,
    sy = ay * scale;
  return Math.sqrt(sx * sx + sy * sy) * unscale;
}

/**
 * What the rule gives for rows from..to−1 into out, each from the sources at that row (and the row
 * before) and, for a running average, from `prev`'s value at the row before (the stored values when
 * encoding; `out` itself when decoding, so the rows must be filled in order). A running average's row
 * 0 has no rule: it is left as it is.
 */
function fill(d: Derivation, out: Float64Array, from: number, to: number, steps: Float64Array, src: Float64Array[], prev: Float64Array): void {
  const s = src[0]!;
  switch (d.op) {
    case 'bias': {
      // past `tail` steps βᵗ < 2⁻⁶⁰, so 1 − βᵗ rounds to exactly 1 whichever pow made βᵗ: no pow needed
      const b = d.beta;
      const tail = b === 0 ? 0 : b > 0 && b < 1 ? Math.ceil(-60 / Math.log2(b)) : Infinity;
      for (let i = from; i < to; i++) {
        const t = steps[i]!;
        out[i] = t === 0 || t > tail ? s[i]! / 1 : s[i]! / (1 - Math.pow(b, t));
      }
      return;
    }
    case 'ema': {
      const b = d.beta,
        c = 1 - b;
      for (let i = Math.max(from, 1); i < to; i++) out[i] = b * prev[i - 1]! + c * s[i - 1]!;
      return;
    }
    case 'ema_sq': {
      const b = d.beta,
        c = 1 - b;
      for (let i = Math.max(from, 1); i < to; i++) {
        const g = s[i - 1]!;
        out[i] = b * prev[i - 1]! + c * g * g;
      }
      return;
    }
    case 'norm2': {
      const t = src[1]!;
      for (let i = from; i < to; i++) {
        const ax = Math.abs(s[i]!),
          ay = Math.abs(t[i]!);
        const big = ax > ay ? ax : ay;
        // norm2's own steps when no scaling is needed (NaN and ±∞ fail the test and go to norm2)
        out[i] = big >= 2 ** -500 && big <= 2 ** 500 ? Math.sqrt(ax * ax + ay * ay) : norm2(ax, ay);
      }
      return;
    }
  }
}

/** Whether row i has a rule (a running average's first row has none). */
const ruled = (d: Derivation, i: number) => i > 0 || d.op === 'bias' || d.op === 'norm2';

/**
 * `values` as a derived blob, or null when it would take more than `keepAtMost` of their raw size (the
 * rule misses too many, or too few values to pay for the header). `sources` are the values of d.src at
 * the same rows, `steps` the rows' steps (needed by 'bias').
 */
export function encodeDerived(d: Derivation, values: Float64Array, steps: Float64Array, sources: Float64Array[], keepAtMost = KEEP_AT_MOST): Buffer | null {
  const n = values.length;
  if (sources.length !== d.src.length || sources.some((s) => s.length !== n) || steps.length !== n) return null;
  const header = Buffer.from(JSON.stringify(d));
  const fixed = 1 + 2 + header.length + 4 + 4;
  const limit = Math.min(n, Math.floor((n * 8 * keepAtMost - fixed) / 12));
  if (limit < 0) return null;
  const predicted = new Float64Array(n);
  fill(d, predicted, 0, n, steps, sources, values);
  const pw = new Uint32Array(predicted.buffer),
    vw = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    // a NaN the rule makes is never trusted: its bits depend on the CPU
    if (ruled(d, i) && pw[2 * i] === vw[2 * i] && pw[2 * i + 1] === vw[2 * i + 1] && !Number.isNaN(predicted[i])) continue;
    idx.push(i);
    if (idx.length > limit) return null;
  }
  const bytes = Buffer.from(values.buffer, values.byteOffset, n * 8);
  const out = Buffer.alloc(fixed + idx.length * 12);
  let at = out.writeUInt8(VERSION, 0);
  at = out.writeUInt16LE(header.length, at);
  at += header.copy(out, at);
  at = out.writeUInt32LE(crc32(bytes), at);
  at = out.writeUInt32LE(idx.length, at);
  for (const i of idx) at = out.writeUInt32LE(i, at);
  // the exceptions' bytes copied as they are (a NaN's payload survives; no number in between)
  for (const i of idx) at += bytes.copy(out, at, i * 8, i * 8 + 8);
  return out;
}

const bad = (why: string) => new StoreError(`a derived value blob ${why}`, 'STORE_DAMAGED');

/** The rule of a derived blob (which series it needs). */
export function derivationOf(vals: Buffer): Derivation {
  if (vals.length < 11 || vals.readUInt8(0) !== VERSION) throw bad(`of version ${vals.length > 0 ? vals.readUInt8(0) : 'none'}, expected ${VERSION}`);
  const len = vals.readUInt16LE(1);
  let d: unknown;
  try {
    d = JSON.parse(vals.subarray(3, 3 + len).toString('utf8'));
  } catch {
    throw bad('with an unreadable header');
  }
  const o = d as { op?: unknown; src?: unknown; beta?: unknown };
  const srcCount = o.op === 'norm2' ? 2 : 1;
  const ok =
    ['bias', 'ema', 'ema_sq', 'norm2'].includes(o.op as string) &&
    Array.isArray(o.src) &&
    o.src.length === srcCount &&
    o.src.every((s) => typeof s === 'string') &&
    (o.op === 'norm2' || (typeof o.beta === 'number' && Number.isFinite(o.beta)));
  if (!ok) throw bad(`with the header ${JSON.stringify(d)}, expected {op: bias|ema|ema_sq|norm2, src, beta}`);
  return d as Derivation;
}

/** The n values of a derived blob, from its sources' values at the same rows and the rows' steps. */
export function decodeDerived(vals: Buffer, n: number, steps: Float64Array, sources: Float64Array[]): Float64Array {
  const d = derivationOf(vals);
  let at = 3 + vals.readUInt16LE(1);
  const crc = vals.readUInt32LE(at);
  const count = vals.readUInt32LE(at + 4);
  at += 8;
  if (vals.length !== at + count * 12) throw bad(`of ${vals.length} bytes, expected ${at + count * 12} for ${count} exceptions`);
  if (sources.length !== d.src.length || sources.some((s) => s.length !== n) || steps.length !== n)
    throw bad(`of ${n} points whose sources ${d.src.join(', ')} hold ${sources.map((s) => s.length).join(', ')}`);
  const out = new Float64Array(n);
  const outBytes = Buffer.from(out.buffer);
  const valsAt = at + count * 4;
  // the rule between exceptions, in order (a running average reads the row before); each exception in its place
  let from = 0;
  for (let k = 0; k <= count; k++) {
    const i = k < count ? vals.readUInt32LE(at + k * 4) : n;
    if (i < from || i > n || (k < count && i === n)) throw bad(`with exceptions out of order or beyond its ${n} points`);
    if (!ruled(d, from) && from < i) throw bad(`without the value of row ${from}, which its rule (${d.op}) cannot give`);
    fill(d, out, from, i, steps, sources, out);
    if (k < count) vals.copy(outBytes, i * 8, valsAt + k * 8, valsAt + k * 8 + 8);
    from = i + 1;
  }
  if (crc32(outBytes) !== crc) throw bad(`whose recomputed ${d.op} values differ from the ones written (their checksum)`);
  return out;
}
