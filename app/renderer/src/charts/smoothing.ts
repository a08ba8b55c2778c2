/**
 * Smoothing for charts: an exponential moving average with bias correction (as TensorBoard smooths),
 * so the first points are not pulled towards 0:
 *   s_k = w·s_{k−1} + (1 − w)·v_k,   shown = s_k / (1 − w^k)   (k counts the finite values so far)
 * NaN (and absent points) are passed through as NaN and do not move the average. Incremental: a chart
 * smooths only the rows appended since its last frame.
 */
export interface EmaState {
  last: number;
  count: number;
  /** rows of the source already smoothed */
  done: number;
}

export const emaStart = (): EmaState => ({ last: 0, count: 0, done: 0 });

/** Smooths src[state.done … n) into dst (same length as src), updating the state. */
export function emaInto(src: ArrayLike<number>, dst: Float64Array, weight: number, state: EmaState, n = src.length): void {
  let { last, count } = state;
  for (let i = state.done; i < n; i++) {
    const v = src[i]!;
    if (!Number.isFinite(v)) {
      dst[i] = NaN;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    count++;
    dst[i] = weight === 0 ? v : last / (1 - Math.pow(weight, count));
  }
  state.last = last;
  state.count = count;
  state.done = n;
}

/** The whole series smoothed (for tests and one-off use). */
export function ema(src: ArrayLike<number>, weight: number): Float64Array {
  const out = new Float64Array(src.length);
  emaInto(src, out, weight, emaStart());
  return out;
}
