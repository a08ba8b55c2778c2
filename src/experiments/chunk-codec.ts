/**
 * How a chunk's three columns are stored (docs/store.md), always lossless — every float64 comes back
 * bit for bit, NaN payloads and −0 included:
 *   steps_enc 0  raw float64, one per point
 *   steps_enc 1  consecutive: step i = first_step + i, no blob (the usual case: every lab step streams)
 *   times_enc 0  raw float64, one per point
 *   times_enc 1  run-length: (time, count) float64 pairs (a batch's rows share one wall time)
 *   vals_enc 0   raw float64 (schema ≤ 4, and whatever does not shrink)
 *   vals_enc 1   constant: one float64, the same bits at every point (an lr without a schedule)
 *   vals_enc 2   byte-shuffled (byte k of every value together: sign and exponent bytes repeat, the
 *                float32-valued low bytes are zeros) and then raw DEFLATE (schema 5)
 *   vals_enc 3   derived (schema 6): the rule that recomputes the values from other series of the same
 *                rows, plus the values it misses (derived.ts; decoded by derived-read.ts)
 *   vals_enc 4   float32-valued (schema 6): every value is a float32 widened (training series), so the
 *                float32s are stored, byte-shuffled and DEFLATE-packed: half the bytes to inflate on
 *                a chart read, and ≤ 4 bytes a point at worst (no NaN: its payload's widening is the CPU's)
 * Chunks written by older schemas read as they always were.
 */
import { promisify } from 'node:util';
import { crc32, deflateRaw, inflateRawSync } from 'node:zlib';

import { decodeF64, encodeF64 } from './codec.js';
import type { Segment } from './decimate.js';

export interface EncodedChunk {
  steps: Buffer;
  steps_enc: 0 | 1;
  times: Buffer;
  times_enc: 0 | 1;
}

const EMPTY = Buffer.alloc(0);

/**
 * The CRC-32 of a chunk's three blobs in order (schema version 4): SQLite cannot tell a zeroed or
 * overwritten page inside a blob from data, so a salvaged chunk is kept only if its blobs still match.
 * Chunks written before version 4 have none (NULL) and are taken as they read.
 */
export function chunkCrc(steps: Uint8Array, times: Uint8Array, vals: Uint8Array): number {
  return crc32(vals, crc32(times, crc32(steps)));
}

const deflate = promisify(deflateRaw);
/** the largest packed size, as a fraction of the raw one, worth its decoding */
const PACK_GAIN = 0.75;

/** Byte k of value i (of `width` bytes) goes to k·n + i. */
function shuffle(bytes: Uint8Array, n: number, width = 8): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let k = 0; k < width; k++) {
    const plane = out.subarray(k * n, (k + 1) * n);
    for (let i = 0, j = k; i < n; i++, j += width) plane[i] = bytes[j]!;
  }
  return out;
}

/** A float32 being rebuilt from its four bytes (one, reused: decoding is synchronous). */
const word = new Uint32Array(1);
const wordAsFloat = new Float32Array(word.buffer);

/** shuffle's inverse for float32s, widened to float64 (exact for every float32 but NaN, never stored so). */
function unshuffleFloat32(bytes: Uint8Array, n: number): Float64Array {
  const out = new Float64Array(n);
  const [p0, p1, p2, p3] = [0, 1, 2, 3].map((k) => bytes.subarray(k * n, (k + 1) * n)) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  for (let i = 0; i < n; i++) {
    word[0] = p0[i]! | (p1[i]! << 8) | (p2[i]! << 16) | (p3[i]! << 24);
    out[i] = wordAsFloat[0]!;
  }
  return out;
}

/** The values as float32s when each one is a float32 widened (bit for bit) and none is NaN; else null. */
function asFloat32(values: Float64Array, words: Uint32Array): Float32Array | null {
  const f = new Float32Array(values);
  const back = new Uint32Array(new Float64Array(f).buffer);
  for (let i = 0; i < words.length; i++) if (back[i] !== words[i]) return null;
  for (let i = 0; i < f.length; i++) if (f[i] !== f[i]) return null; // NaN
  return f;
}

/** shuffle's inverse: byte k·n + i goes back to 8·i + k — built as two little-endian 32-bit words per
 * value (2 stores instead of 8: chart reads of packed series spent ~16 % here). */
function unshuffle(bytes: Uint8Array, n: number): Uint8Array {
  const words = new Uint32Array(2 * n);
  const [p0, p1, p2, p3, p4, p5, p6, p7] = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => bytes.subarray(k * n, (k + 1) * n)) as [
    Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array,
  ];
  for (let i = 0; i < n; i++) {
    words[2 * i] = p0[i]! | (p1[i]! << 8) | (p2[i]! << 16) | (p3[i]! << 24);
    words[2 * i + 1] = p4[i]! | (p5[i]! << 8) | (p6[i]! << 16) | (p7[i]! << 24);
  }
  return new Uint8Array(words.buffer);
}

/** A chunk's values, as small as the encodings above make them (DEFLATE runs off the main thread). */
export async function encodeValues(values: Float64Array): Promise<{ vals: Buffer; vals_enc: 0 | 1 | 2 | 4 }> {
  const raw = encodeF64(values);
  const n = values.length;
  if (n === 0) return { vals: raw, vals_enc: 0 };
  const words = new Uint32Array(raw.buffer, raw.byteOffset, n * 2);
  let constant = true;
  for (let i = 2; i < words.length && constant; i += 2) constant = words[i] === words[0] && words[i + 1] === words[1];
  if (constant) return { vals: Buffer.from(raw.subarray(0, 8)), vals_enc: 1 };
  const f32 = asFloat32(values, words);
  if (f32) {
    const packed32 = await deflate(shuffle(new Uint8Array(f32.buffer), n, 4), { level: 1 });
    return packed32.length <= raw.length * PACK_GAIN ? { vals: packed32, vals_enc: 4 } : { vals: raw, vals_enc: 0 };
  }
  const packed = await deflate(shuffle(raw, n), { level: 1 });
  // packed only when it saves a quarter: noisy float64 series shrink by ~15 % and would cost chart
  // reads more in decoding (a 1 000 000-point read, 2 000 kept: 90 ms against 45) than they save
  return packed.length <= raw.length * PACK_GAIN ? { vals: packed, vals_enc: 2 } : { vals: raw, vals_enc: 0 };
}

export const VALS_DERIVED = 3;

/** The n values of a chunk stored with `enc` (a derived chunk needs its sources: derived-read.ts). */
export function decodeValues(vals: Buffer, enc: number, n: number): Float64Array {
  if (enc === 0) return decodeF64(vals);
  if (enc === 1) {
    const one = decodeF64(vals);
    if (one.length !== 1) throw new Error(`a constant value blob of ${vals.length} bytes, not 8`);
    const out = new Float64Array(n);
    const words = new Uint32Array(out.buffer);
    const w = new Uint32Array(one.buffer, one.byteOffset, 2);
    for (let i = 0; i < n; i++) {
      words[2 * i] = w[0]!;
      words[2 * i + 1] = w[1]!;
    }
    return out;
  }
  if (enc === 2) {
    const bytes = inflateRawSync(vals, { chunkSize: Math.max(64, n * 8) }); // one output buffer, no joining
    if (bytes.length !== n * 8) throw new Error(`a packed value blob of ${bytes.length} bytes, not ${n * 8}`);
    return new Float64Array(unshuffle(bytes, n).buffer);
  }
  if (enc === 4) {
    const bytes = inflateRawSync(vals, { chunkSize: Math.max(64, n * 4) });
    if (bytes.length !== n * 4) throw new Error(`a packed float32 value blob of ${bytes.length} bytes, not ${n * 4}`);
    return unshuffleFloat32(bytes, n);
  }
  if (enc === VALS_DERIVED) throw new Error('a derived value blob decodes only with its source series (derived-read.ts)');
  throw new Error(`unknown value encoding ${enc}`);
}

export function encodeSteps(steps: Float64Array): { steps: Buffer; steps_enc: 0 | 1 } {
  const first = steps[0]!;
  for (let i = 1; i < steps.length; i++) if (steps[i] !== first + i) return { steps: encodeF64(steps), steps_enc: 0 };
  return { steps: EMPTY, steps_enc: 1 };
}

export function encodeTimes(times: Float64Array): { times: Buffer; times_enc: 0 | 1 } {
  const pairs: number[] = [];
  for (let i = 0; i < times.length; i++) {
    if (pairs.length > 0 && Object.is(pairs[pairs.length - 2], times[i])) pairs[pairs.length - 1]! += 1;
    else pairs.push(times[i]!, 1);
    if (pairs.length >= times.length) return { times: encodeF64(times), times_enc: 0 }; // no gain
  }
  return { times: encodeF64(Float64Array.from(pairs)), times_enc: 1 };
}

export function decodeSteps(blob: Buffer, enc: number, first: number, n: number): Float64Array {
  if (enc === 0) return decodeF64(blob);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = first + i;
  return out;
}

export function decodeTimes(blob: Buffer, enc: number, n: number): Float64Array {
  if (enc === 0) return decodeF64(blob);
  const pairs = decodeF64(blob);
  const out = new Float64Array(n);
  let at = 0;
  for (let p = 0; p + 1 < pairs.length; p += 2) {
    out.fill(pairs[p]!, at, at + pairs[p + 1]!);
    at += pairs[p + 1]!;
  }
  if (at !== n) throw new Error(`a run-length time blob covers ${at} points, not ${n}`);
  return out;
}

/**
 * A stored chunk as a decimation segment, decoding only what must be: consecutive steps stay implicit
 * (first + i) and run-length times stay coded (decimate.ts looks up the few it keeps). `values`: the
 * chunk's values when decoded already (a derived chunk's, derived-read.ts).
 */
export function chunkSegment(
  c: {
    vals: Buffer;
    vals_enc?: number;
    n: number;
    steps: Buffer;
    steps_enc: number;
    first_step: number;
    times?: Buffer | null;
    times_enc?: number;
  },
  values?: Float64Array,
): Segment {
  return {
    values: values ?? decodeValues(c.vals, c.vals_enc ?? 0, c.n),
    ...(c.steps_enc === 0 ? { steps: decodeF64(c.steps) } : { first: c.first_step }),
    ...(!c.times ? {} : c.times_enc === 0 ? { times: decodeF64(c.times) } : { timeRuns: decodeF64(c.times) }),
  };
}
