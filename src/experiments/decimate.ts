/**
 * Min/max decimation for charts: reduces a series to at most `maxPoints` points without hiding what a
 * chart must show. The step range is cut into ⌊maxPoints / 3⌋ buckets of equal width; each bucket
 * keeps its smallest and its largest value (±Infinity count as values: a blow-up stays visible) and its
 * first NaN, in step order. So every spike survives, and a bucket with a NaN still shows one.
 * A series that already fits is returned as it is.
 */
import type { SeriesPoints } from './run-types.js';

export function decimate(p: SeriesPoints, maxPoints: number): SeriesPoints {
  const n = p.steps.length;
  if (n <= maxPoints) return p;
  const buckets = Math.max(1, Math.floor(maxPoints / 3));
  const lo = p.steps[0]!,
    hi = p.steps[n - 1]!;
  const width = (hi - lo) / buckets || 1;
  const keep: number[] = [];
  let i = 0;
  while (i < n) {
    const b = Math.min(buckets - 1, Math.floor((p.steps[i]! - lo) / width));
    let iMin = -1,
      iMax = -1,
      iNan = -1;
    for (; i < n && Math.min(buckets - 1, Math.floor((p.steps[i]! - lo) / width)) === b; i++) {
      const v = p.values[i]!;
      if (Number.isNaN(v)) {
        if (iNan < 0) iNan = i;
      } else {
        if (iMin < 0 || v < p.values[iMin]!) iMin = i;
        if (iMax < 0 || v > p.values[iMax]!) iMax = i;
      }
    }
    const picked = [...new Set([iMin, iMax, iNan].filter((k) => k >= 0))].sort((a, b) => a - b);
    keep.push(...picked);
  }
  const take = (a: Float64Array) => Float64Array.from(keep, (k) => a[k]!);
  return { steps: take(p.steps), times: take(p.times), values: take(p.values) };
}
