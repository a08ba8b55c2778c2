/**
 * How a chunk's three columns are stored (schema version 2; docs/store.md). Values are always raw
 * float64. Steps and wall times are usually redundant, so they are stored compactly when they can be:
 *   steps_enc 0  raw float64, one per point
 *   steps_enc 1  consecutive: step i = first_step + i, no blob (the usual case: every lab step streams)
 *   times_enc 0  raw float64, one per point
 *   times_enc 1  run-length: (time, count) float64 pairs (a batch's rows share one wall time)
 * Chunks written by schema version 1 are all 0/0 and read as they always were.
 */
import { crc32 } from 'node:zlib';

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
 * (first + i) and run-length times stay coded (decimate.ts looks up the few it keeps). Values are raw.
 */
export function chunkSegment(c: { vals: Buffer; steps: Buffer; steps_enc: number; first_step: number; times?: Buffer | null; times_enc?: number }): Segment {
  return {
    values: decodeF64(c.vals),
    ...(c.steps_enc === 0 ? { steps: decodeF64(c.steps) } : { first: c.first_step }),
    ...(!c.times ? {} : c.times_enc === 0 ? { times: decodeF64(c.times) } : { timeRuns: decodeF64(c.times) }),
  };
}
