/**
 * Growable columns for live charts: x and one y per series, appended from batches as they stream in,
 * outside React state (per-step data never goes through React). Capacity doubles as needed; `view()`
 * gives uPlot-ready arrays (subarrays, no copy). A series with no value at some x holds NaN there; NaN
 * values a run produced (and ±Infinity) become NaN, and LiveChart marks every NaN so none is hidden as a
 * mere gap.
 */
export class SeriesBuffer {
  private x: Float64Array;
  private ys: Float64Array[];
  private n = 0;
  version = 0;

  constructor(
    readonly series: number,
    capacity = 4096,
  ) {
    this.x = new Float64Array(capacity);
    this.ys = Array.from({ length: series }, () => new Float64Array(capacity));
  }

  get length(): number {
    return this.n;
  }

  private grow(need: number): void {
    if (need <= this.x.length) return;
    let cap = this.x.length;
    while (cap < need) cap *= 2;
    const nx = new Float64Array(cap);
    nx.set(this.x.subarray(0, this.n));
    this.x = nx;
    this.ys = this.ys.map((y) => {
      const ny = new Float64Array(cap);
      ny.set(y.subarray(0, this.n));
      return ny;
    });
  }

  /** Appends rows: xs[i] with value ys[s][i] for series s (a missing series gets NaN). */
  append(xs: ArrayLike<number>, ys: (ArrayLike<number> | undefined)[]): void {
    const m = xs.length;
    this.grow(this.n + m);
    for (let i = 0; i < m; i++) this.x[this.n + i] = xs[i]!;
    for (let s = 0; s < this.series; s++) {
      const src = ys[s];
      const dst = this.ys[s]!;
      // ±Infinity would break the chart's scale: kept as NaN, which LiveChart marks (never a silent gap)
      for (let i = 0; i < m; i++) dst[this.n + i] = src && Number.isFinite(src[i]) ? src[i]! : NaN;
    }
    this.n += m;
    this.version++;
  }

  clear(): void {
    this.n = 0;
    this.version++;
  }

  view(): [Float64Array, ...Float64Array[]] {
    return [this.x.subarray(0, this.n), ...this.ys.map((y) => y.subarray(0, this.n))];
  }
}
