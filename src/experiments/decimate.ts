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
  steps: Float64Array;
  values: Float64Array;
  /** optional: wall times, carried along for the kept points */
  times?: Float64Array;
}

export function decimateSegments(segs: Segment[], maxPoints: number): SeriesPoints {
  const n = segs.reduce((a, s) => a + s.steps.length, 0);
  const withTimes = segs.every((s) => s.times !== undefined);
  if (n === 0) return { steps: new Float64Array(0), times: new Float64Array(0), values: new Float64Array(0) };
  const nonEmpty = segs.filter((s) => s.steps.length > 0);
  const lo = nonEmpty[0]!.steps[0]!,
    hi = nonEmpty[nonEmpty.length - 1]!.steps.at(-1)!;
  const buckets = Math.max(1, Math.floor(maxPoints / 3));
  const width = (hi - lo) / buckets || 1;
  const outSteps: number[] = [],
    outValues: number[] = [],
    outTimes: number[] = [];
  // the current bucket's picks: [segment, index] of min, max, first NaN
  let bucket = -1,
    end = -Infinity;
  let [minS, minI, maxS, maxI, nanS, nanI] = [-1, -1, -1, -1, -1, -1];
  const flush = () => {
    const picks: [number, number][] = [];
    for (const [s, i] of [[minS, minI], [maxS, maxI], [nanS, nanI]] as [number, number][]) if (s >= 0 && !picks.some(([a, b]) => a === s && b === i)) picks.push([s, i]);
    picks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [s, i] of picks) {
      const seg = nonEmpty[s]!;
      outSteps.push(seg.steps[i]!);
      outValues.push(seg.values[i]!);
      if (withTimes) outTimes.push(seg.times![i]!);
    }
    minS = maxS = nanS = -1;
  };
  for (let s = 0; s < nonEmpty.length; s++) {
    const { steps, values } = nonEmpty[s]!;
    for (let i = 0; i < steps.length; i++) {
      const st = steps[i]!;
      if (st >= end) {
        // the bucket is floor((step − lo) / width); `end` only saves computing it for every point
        const b = Math.min(buckets - 1, Math.floor((st - lo) / width));
        if (b !== bucket) {
          if (bucket >= 0) flush();
          bucket = b;
        }
        end = b === buckets - 1 ? Infinity : lo + (b + 1) * width;
      }
      const v = values[i]!;
      if (Number.isNaN(v)) {
        if (nanS < 0) [nanS, nanI] = [s, i];
      } else {
        if (minS < 0 || v < nonEmpty[minS]!.values[minI]!) [minS, minI] = [s, i];
        if (maxS < 0 || v > nonEmpty[maxS]!.values[maxI]!) [maxS, maxI] = [s, i];
      }
    }
  }
  flush();
  return { steps: Float64Array.from(outSteps), times: Float64Array.from(outTimes), values: Float64Array.from(outValues) };
}

export function decimate(p: SeriesPoints, maxPoints: number): SeriesPoints {
  if (p.steps.length <= maxPoints) return p;
  return decimateSegments([p], maxPoints);
}
