/**
 * What a chart actually draws from its columns, rebuilt at most once per frame: the rows inside the
 * visible x range (the zoom), cut to about two points per pixel by min/max buckets — every bucket keeps
 * its smallest and largest value, so a spike is never sampled away — with every non-drawable value
 * turned into a gap *and a mark*: NaN (also ±Infinity, stored as NaN) gets a mark on the top edge, a
 * value ≤ 0 on a log y axis one on the bottom edge. Absent points (series on different x values) are
 * plain gaps. With log x, rows with x ≤ 0 cannot be placed and are left out (step 0).
 */
export interface DisplayOptions {
  logX: boolean;
  logY: boolean;
  /** visible x range (zoom), or null for everything */
  range: { min: number; max: number } | null;
  /** plot width in pixels: above 4 points per pixel, rows are bucketed */
  pixels: number;
}

export interface DisplayData {
  /** uPlot's data: x, then one column per drawn series */
  data: [number[], ...(number | null)[][]];
  /** per drawn series: x values of NaN marks (top edge) and of non-positive values on log y (bottom edge) */
  nanMarks: number[][];
  lowMarks: number[][];
  /** rows in view (before bucketing) */
  rows: number;
  bucketed: boolean;
}

/** First index i in [lo, hi) with x[i] ≥ v (x ascending). */
function lowerBound(x: ArrayLike<number>, v: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i in [lo, hi) with x[i] > v. */
function upperBound(x: ArrayLike<number>, v: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The row range to draw: inside the zoom (plus one row beyond each edge, so lines reach the edges). */
export function visibleRows(x: ArrayLike<number>, opts: Pick<DisplayOptions, 'logX' | 'range'>): [number, number] {
  const n = x.length;
  let i0 = opts.logX ? upperBound(x, 0, 0, n) : 0;
  let i1 = n;
  if (opts.range) {
    i0 = Math.max(i0, lowerBound(x, opts.range.min, i0, n) - 1);
    i1 = Math.min(n, upperBound(x, opts.range.max, i0, n) + 1);
  }
  return [i0, i1];
}

/**
 * `columns` are the series to draw (raw and, with smoothing, smoothed ones), each with its absent
 * mask (or null). Marks are collected for every column given; the caller decides which to show.
 */
export function buildDisplay(x: ArrayLike<number>, columns: ArrayLike<number>[], absent: (Uint8Array | null)[], opts: DisplayOptions): DisplayData {
  const [i0, i1] = visibleRows(x, opts);
  const rows = Math.max(0, i1 - i0);
  const k = columns.length;
  const xs: number[] = [];
  const out: (number | null)[][] = columns.map(() => []);
  const nanMarks: number[][] = columns.map(() => []);
  const lowMarks: number[][] = columns.map(() => []);
  const pixels = Math.max(50, Math.floor(opts.pixels));
  const bucketed = rows > 4 * pixels;

  const drawable = (v: number) => Number.isFinite(v) && (!opts.logY || v > 0);

  if (!bucketed) {
    for (let i = i0; i < i1; i++) xs.push(x[i]!);
    for (let s = 0; s < k; s++) {
      const col = columns[s]!,
        mask = absent[s] ?? null,
        dst = out[s]!;
      for (let i = i0; i < i1; i++) {
        const v = col[i]!;
        if (drawable(v)) dst.push(v);
        else {
          dst.push(null);
          if (mask && mask[i]) continue;
          if (Number.isNaN(v) || !Number.isFinite(v)) nanMarks[s]!.push(x[i]!);
          else lowMarks[s]!.push(x[i]!);
        }
      }
    }
    return { data: [xs, ...out], nanMarks, lowMarks, rows, bucketed };
  }

  // min/max buckets of equal row counts, two points each (at the bucket's first and last x)
  const buckets = pixels;
  for (let b = 0; b < buckets; b++) {
    const a = i0 + Math.floor((b * rows) / buckets);
    const z = i0 + Math.floor(((b + 1) * rows) / buckets);
    if (z <= a) continue;
    xs.push(x[a]!, x[z - 1]!);
    for (let s = 0; s < k; s++) {
      const col = columns[s]!,
        mask = absent[s] ?? null;
      let lo = Infinity,
        hi = -Infinity,
        loAt = -1,
        hiAt = -1,
        nanAt = -1,
        lowAt = -1;
      for (let i = a; i < z; i++) {
        const v = col[i]!;
        if (drawable(v)) {
          if (v < lo) {
            lo = v;
            loAt = i;
          }
          if (v > hi) {
            hi = v;
            hiAt = i;
          }
        } else if (!(mask && mask[i])) {
          if (Number.isNaN(v) || !Number.isFinite(v)) {
            if (nanAt < 0) nanAt = i;
          } else if (lowAt < 0) lowAt = i;
        }
      }
      const dst = out[s]!;
      if (loAt < 0) dst.push(null, null);
      else if (loAt <= hiAt) dst.push(lo, hi);
      else dst.push(hi, lo);
      if (nanAt >= 0) nanMarks[s]!.push(x[nanAt]!);
      if (lowAt >= 0) lowMarks[s]!.push(x[lowAt]!);
    }
  }
  return { data: [xs, ...out], nanMarks, lowMarks, rows, bucketed };
}
