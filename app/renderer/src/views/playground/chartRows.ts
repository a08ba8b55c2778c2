/**
 * Feeds the f-per-step chart from the trajectory store. The chart's x is the step, one series per
 * optimizer, so a row can be appended only once every optimizer still streaming has sent it; an
 * optimizer whose stream has ended (it diverged, or converged early) gets NaN past its last row, and the
 * chart marks only the first NaN of such a run (see LiveChart's nanMarks). Pure (no DOM).
 */
import type { Track } from './TrajectoryStore.js';

export interface ChartSink {
  length: number;
  append(xs: ArrayLike<number>, ys: (ArrayLike<number> | undefined)[]): void;
}

/**
 * Appends the rows that every track can now fill (from sink.length on). `ended[i]` = track i sends
 * nothing more. When all have ended, every remaining row is appended. Values are f − offset (the log
 * chart plots the distance to the known minimum).
 */
export function appendChartRows(sink: ChartSink, tracks: Track[], ended: boolean[], offset = 0): number {
  let upTo = Infinity;
  let longest = 0;
  for (let i = 0; i < tracks.length; i++) {
    const n = tracks[i]!.length;
    longest = Math.max(longest, n);
    if (!ended[i]) upTo = Math.min(upTo, n);
  }
  if (upTo === Infinity) upTo = longest;
  const from = sink.length;
  const m = upTo - from;
  if (m <= 0) return 0;
  const xs = new Float64Array(m);
  for (let i = 0; i < m; i++) xs[i] = from + i;
  const ys = tracks.map((t) => {
    const f = t.column('f');
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = f && from + i < f.length ? f[from + i]! - offset : NaN;
    return out;
  });
  sink.append(xs, ys);
  return m;
}

export interface GapSink {
  clear(): void;
  appendWithGaps(xs: ArrayLike<number>, ys: ArrayLike<number | null>[]): void;
}

/**
 * The whole chart again from tracks that have compacted (TrajectoryStore's Track): x is the union of
 * the steps any track keeps, up to the last step every streaming track has reached; a track has its f
 * at the steps it keeps and no point at the others (drawn across). Values are f − offset.
 */
export function rebuildChartRows(sink: GapSink, tracks: Track[], ended: boolean[], offset = 0): number {
  let upTo = Infinity;
  let longest = -1;
  tracks.forEach((t, i) => {
    longest = Math.max(longest, t.lastStep);
    if (!ended[i]) upTo = Math.min(upTo, t.lastStep);
  });
  if (upTo === Infinity) upTo = longest;
  const steps = new Set<number>();
  for (const t of tracks) for (let r = 0; r < t.length && t.stepAt(r) <= upTo; r++) steps.add(t.stepAt(r));
  const xs = Float64Array.from(steps).sort();
  const ys = tracks.map((t) => {
    const f = t.column('f');
    const out: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    let r = 0;
    for (let i = 0; i < xs.length; i++) {
      while (r < t.length && t.stepAt(r) < xs[i]!) r++;
      if (r < t.length && t.stepAt(r) === xs[i]) out[i] = f ? f[r]! - offset : NaN;
    }
    return out;
  });
  sink.clear();
  sink.appendWithGaps(xs, ys);
  return xs.length;
}
