/**
 * Growable columns for live charts: x and one y per series, appended from batches as they stream in,
 * outside React state (per-step data never goes through React). Capacity doubles as needed; `view()`
 * gives uPlot-ready arrays (subarrays, no copy). A series with no value at some x holds NaN there; NaN
 * values a run produced (and ±Infinity) become NaN, and LiveChart marks every NaN so none is hidden as a
 * mere gap.
 *
 * For series that do not share their x values (several runs overlaid on one axis), `appendWithGaps`
 * takes `null` for "this series has no point here": such a point is *absent* (kept apart from a NaN the
 * run produced, which stays marked), and the chart draws the series' line across it.
 * `generation` changes on clear(), so a consumer caching work per point (smoothing) knows to start over.
 */
export class SeriesBuffer {
  private x: Float64Array;
  private ys: Float64Array[];
  /** per series: 1 where the point is absent (appendWithGaps); null until a series has one */
  private absent: (Uint8Array | null)[];
  private n = 0;
  version = 0;
  generation = 0;

  constructor(
    readonly series: number,
    capacity = 4096,
  ) {
    this.x = new Float64Array(capacity);
    this.ys = Array.from({ length: series }, () => new Float64Array(capacity));
    this.absent = Array.from({ length: series }, () => null);
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
    this.absent = this.absent.map((a) => {
      if (!a) return null;
      const na = new Uint8Array(cap);
      na.set(a.subarray(0, this.n));
      return na;
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

  /** Like append, but a `null` value means the series has no point at that x (absent, not NaN). */
  appendWithGaps(xs: ArrayLike<number>, ys: ArrayLike<number | null>[]): void {
    const m = xs.length;
    this.grow(this.n + m);
    for (let i = 0; i < m; i++) this.x[this.n + i] = xs[i]!;
    for (let s = 0; s < this.series; s++) {
      const src = ys[s];
      const dst = this.ys[s]!;
      for (let i = 0; i < m; i++) {
        const v = src ? src[i] : null;
        if (v === null || v === undefined) {
          const mask = (this.absent[s] ??= new Uint8Array(this.x.length));
          mask[this.n + i] = 1;
          dst[this.n + i] = NaN;
        } else {
          if (this.absent[s]) this.absent[s]![this.n + i] = 0;
          dst[this.n + i] = Number.isFinite(v) ? v : NaN;
        }
      }
    }
    this.n += m;
    this.version++;
  }

  clear(): void {
    this.n = 0;
    this.absent = this.absent.map(() => null);
    this.version++;
    this.generation++;
  }

  view(): [Float64Array, ...Float64Array[]] {
    return [this.x.subarray(0, this.n), ...this.ys.map((y) => y.subarray(0, this.n))];
  }

  /** Series s's absent-point mask over view()'s rows (1 = absent), or null when it has none. */
  absentMask(s: number): Uint8Array | null {
    const a = this.absent[s];
    return a ? a.subarray(0, this.n) : null;
  }
}
