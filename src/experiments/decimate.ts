/**
 * Min/max decimation for charts: reduces a series to at most `maxPoints` points without hiding what a
 * chart must show. The step range is cut into ⌊maxPoints / 3⌋ buckets of equal width; each bucket
 * keeps its smallest and its largest value (±Infinity count as values: a blow-up stays visible) and its
 * first NaN, in step order. So every spike survives, and a bucket with a NaN still shows one.
 * A series that already fits is returned as it is. The input may come in segments (the store's chunks,
 * in step order), so a read never has to join them first.
 */
import type { SeriesPoints } from './run-types.js';

export interface Segment {
  values: Float64Array;
  /** the values' steps, in order; absent when they are consecutive: step i = first + i */
  steps?: Float64Array;
  first?: number;
  /** optional: wall times, carried along for the kept points: one per point, or … */
  times?: Float64Array;
  /** … run-length coded, (time, count) pairs (chunk-codec.ts), starting `timeSkip` points in */
  timeRuns?: Float64Array;
  timeSkip?: number;
}

/** The step of a segment's point i. */
export const stepAt = (s: Segment, i: number): number => (s.steps ? s.steps[i]! : s.first! + i);

/** The wall time of a segment's point i (only for the few points a decimation keeps: runs are walked). */
export function timeAt(s: Segment, i: number): number {
  if (s.times) return s.times[i]!;
  const runs = s.timeRuns!;
  let at = i + (s.timeSkip ?? 0);
  for (let p = 0; p + 1 < runs.length; p += 2) {
    if (at < runs[p + 1]!) return runs[p]!;
    at -= runs[p + 1]!;
  }
  return NaN;
}

const hasTimes = (s: Segment) => s.times !== undefined || s.timeRuns !== undefined;

/** Points [a, b) of a segment, in the same form. */
export function sliceSegment(s: Segment, a: number, b: number): Segment {
  return {
    values: s.values.subarray(a, b),
    ...(s.steps ? { steps: s.steps.subarray(a, b) } : { first: s.first! + a }),
    ...(s.times ? { times: s.times.subarray(a, b) } : s.timeRuns ? { timeRuns: s.timeRuns, timeSkip: (s.timeSkip ?? 0) + a } : {}),
  };
}

/** Every step of a segment as an array. */
export const stepsOf = (s: Segment): Float64Array => s.steps ?? Float64Array.from({ length: s.values.length }, (_, i) => s.first! + i);

/** Every wall time of a segment as an array (one walk through its runs), or undefined without times. */
export function timesOf(s: Segment): Float64Array | undefined {
  if (s.times || !s.timeRuns) return s.times;
  const out = new Float64Array(s.values.length);
  let skip = s.timeSkip ?? 0,
    at = 0;
  for (let p = 0; p + 1 < s.timeRuns.length && at < out.length; p += 2) {
    const take = Math.min(out.length - at, Math.max(0, s.timeRuns[p + 1]! - skip));
    skip = Math.max(0, skip - s.timeRuns[p + 1]!);
    out.fill(s.timeRuns[p]!, at, at + take);
    at += take;
  }
  return at === out.length ? out : out.fill(NaN, at);
}

/** The first index in [i, j) whose value is v, or −1. */
function firstEqual(values: Float64Array, i: number, j: number, v: number): number {
  for (let k = i; k < j; k++) if (values[k] === v) return k;
  return -1;
}

export function decimateSegments(segs: Segment[], maxPoints: number): SeriesPoints {
  const nonEmpty = segs.filter((s) => s.values.length > 0);
  const withTimes = segs.every(hasTimes);
  if (nonEmpty.length === 0) return { steps: new Float64Array(0), times: new Float64Array(0), values: new Float64Array(0) };
  const last = nonEmpty[nonEmpty.length - 1]!;
  const lo = stepAt(nonEmpty[0]!, 0),
    hi = stepAt(last, last.values.length - 1);
  const buckets = Math.max(1, Math.floor(maxPoints / 3));
  const width = (hi - lo) / buckets || 1;
  const out = { steps: new Float64Array(3 * buckets), values: new Float64Array(3 * buckets), times: new Float64Array(withTimes ? 3 * buckets : 0) };
  let kept = 0;
  const keep = (s: number, i: number) => {
    const seg = nonEmpty[s]!;
    out.steps[kept] = stepAt(seg, i);
    out.values[kept] = seg.values[i]!;
    if (withTimes) out.times[kept] = timeAt(seg, i);
    kept++;
  };
  // the current bucket's picks, each a (segment, index) pair
  let [minS, minI, maxS, maxI, nanS, nanI] = [-1, -1, -1, -1, -1, -1];
  const flush = () => {
    const picks: [number, number][] = [];
    for (const [s, i] of [[minS, minI], [maxS, maxI], [nanS, nanI]] as [number, number][]) if (s >= 0 && !picks.some(([a, b]) => a === s && b === i)) picks.push([s, i]);
    picks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [s, i] of picks) keep(s, i);
    minS = maxS = nanS = -1;
  };
  let bucket = -1,
    end = -Infinity;
  for (let s = 0; s < nonEmpty.length; s++) {
    const seg = nonEmpty[s]!;
    const values = seg.values;
    let i = 0;
    while (i < values.length) {
      const st = stepAt(seg, i);
      if (st >= end) {
        // the bucket is floor((step − lo) / width); `end` is where the next one starts
        const b = Math.min(buckets - 1, Math.floor((st - lo) / width));
        if (b !== bucket) {
          if (bucket >= 0) flush();
          bucket = b;
        }
        end = b === buckets - 1 ? Infinity : lo + (b + 1) * width;
      }
      // the points of this segment inside the bucket: [i, j)
      let j = i + 1;
      if (seg.steps) while (j < values.length && seg.steps[j]! < end) j++;
      else j = Math.min(values.length, Math.max(i + 1, Math.ceil(end - seg.first!)));
      // scanned with locals only (the bucket's state is shared with flush(), which makes it slow to touch)
      let pMinI = -1,
        pMaxI = -1,
        pNanI = -1,
        pMin = Infinity,
        pMax = -Infinity;
      for (let k = i; k < j; k++) {
        const v = values[k]!;
        if (v < pMin) {
          pMin = v;
          pMinI = k;
        }
        if (v > pMax) {
          pMax = v;
          pMaxI = k;
        }
        if (v !== v && pNanI < 0) pNanI = k;
      }
      // ±Infinity are values too: a run of equal infinities keeps its first
      if (pMinI < 0) pMinI = firstEqual(values, i, j, Infinity);
      if (pMaxI < 0) pMaxI = firstEqual(values, i, j, -Infinity);
      if (pMinI >= 0 && (minS < 0 || values[pMinI]! < nonEmpty[minS]!.values[minI]!)) [minS, minI] = [s, pMinI];
      if (pMaxI >= 0 && (maxS < 0 || values[pMaxI]! > nonEmpty[maxS]!.values[maxI]!)) [maxS, maxI] = [s, pMaxI];
      if (pNanI >= 0 && nanS < 0) {
        nanS = s;
        nanI = pNanI;
      }
      i = j;
    }
  }
  flush();
  return { steps: out.steps.slice(0, kept), times: out.times.slice(0, withTimes ? kept : 0), values: out.values.slice(0, kept) };
}

export function decimate(p: SeriesPoints, maxPoints: number): SeriesPoints {
  if (p.steps.length <= maxPoints) return p;
  return decimateSegments([p], maxPoints);
}
