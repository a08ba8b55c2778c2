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
 * `generation` changes on clear() and on compaction, so a consumer caching work per point (smoothing)
 * knows to start over.
 *
 * **Bounded.** A run of any length must not fill the page's memory, so the buffer holds at most `limit`
 * rows (2^18 unless given). When it would hold more, the rows older than the latest `window` (4 096)
 * are folded into buckets of B consecutive rows (B = 4, 8, 16, … as the run grows; every bucket but the
 * newest covers the same B), each kept as two rows that hold, per series, the bucket's smallest and
 * largest value in the order they came, or its first NaN (a diverging run's NaN is never lost) and its
 * largest value. With one series the two rows are real rows, exact x included; with several, their x
 * are the bucket's first and last x. So spikes, dips and NaN stay drawn at every length, and the
 * latest rows are always exact; `compactedRows()` says how many leading rows are buckets (0 while the
 * buffer holds every row). Exact numbers of a step come from the store, not from here.
 */
export const SERIES_LIMIT = 1 << 18;
export const SERIES_WINDOW = 4096;

export class SeriesBuffer {
  private x: Float64Array;
  private ys: Float64Array[];
  /** per series: 1 where the point is absent (appendWithGaps); null until a series has one */
  private absent: (Uint8Array | null)[];
  private n = 0;
  /** rows [0, packed) are buckets, two rows each; the rest are exact */
  private packed = 0;
  /** the original rows each bucket covers (1 until the first compaction) */
  private bucket = 1;
  /** the original rows the newest bucket covers so far (≤ bucket) */
  private tailFill = 0;
  version = 0;
  generation = 0;
  readonly limit: number;
  readonly window: number;

  constructor(
    readonly series: number,
    capacity = 4096,
    bounds: { limit?: number; window?: number } = {},
  ) {
    this.limit = bounds.limit ?? SERIES_LIMIT;
    this.window = bounds.window ?? Math.min(SERIES_WINDOW, Math.floor(this.limit / 8));
    if (!(this.limit >= 64) || !(this.window >= 1) || this.window * 8 > this.limit)
      throw new Error(`SeriesBuffer: expected limit ≥ 64 and 1 ≤ window ≤ limit / 8; got limit ${this.limit}, window ${this.window}`);
    capacity = Math.max(1, Math.min(capacity, this.limit));
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
    if (this.n > this.limit) this.compact();
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
    if (this.n > this.limit) this.compact();
  }

  clear(): void {
    this.n = 0;
    this.packed = 0;
    this.bucket = 1;
    this.tailFill = 0;
    this.absent = this.absent.map(() => null);
    this.version++;
    this.generation++;
  }

  /** How many leading rows of view() are buckets (each pair of rows stands for `bucketSize` rows). */
  compactedRows(): number {
    return this.packed;
  }

  /** The original rows a bucket stands for (1 while nothing is compacted). */
  get bucketSize(): number {
    return this.bucket;
  }

  view(): [Float64Array, ...Float64Array[]] {
    return [this.x.subarray(0, this.n), ...this.ys.map((y) => y.subarray(0, this.n))];
  }

  /** Series s's absent-point mask over view()'s rows (1 = absent), or null when it has none. */
  absentMask(s: number): Uint8Array | null {
    const a = this.absent[s];
    return a ? a.subarray(0, this.n) : null;
  }

  // ---- compaction ------------------------------------------------------------------------------------

  /**
   * Folds the exact rows older than the window into buckets of `bucket` rows, and while the buckets take
   * more than a quarter of the limit, merges neighbouring buckets (B doubles). Amortised O(1) a row:
   * afterwards at most limit / 4 + window + 1 rows remain, and the next compaction waits for the rest.
   */
  private compact(): void {
    if (this.bucket === 1) this.bucket = 4;
    this.foldExact();
    while (this.packed > this.limit / 4) {
      const buckets = this.packed / 2;
      let write = 0;
      for (let read = 0; read + 4 <= this.packed; read += 4) {
        this.reduce(read, 4, write);
        write += 2;
      }
      if (buckets % 2 === 1) {
        this.moveRows(this.packed - 2, write, 2); // the newest bucket, unpaired, stays as it is
        write += 2;
      } else this.tailFill += this.bucket; // the newest merged with a full one
      this.moveRows(this.packed, write, this.n - this.packed);
      this.n -= this.packed - write;
      this.packed = write;
      this.bucket *= 2;
      this.foldExact();
    }
    this.version++;
    this.generation++;
  }

  /**
   * Rows [packed, n − window) go into buckets right after the ones there: first they fill up the newest
   * bucket (it may hold fewer than B rows), then whole groups of B, then what remains (two rows or more)
   * starts a new, partly filled bucket.
   */
  private foldExact(): void {
    const end = this.n - this.window;
    let read = this.packed;
    let write = this.packed;
    if (this.packed > 0 && this.tailFill < this.bucket && read < end) {
      const k = Math.min(this.bucket - this.tailFill, end - read);
      this.reduce(this.packed - 2, 2 + k, this.packed - 2);
      this.tailFill += k;
      read += k;
    }
    while (end - read >= 2) {
      const k = Math.min(this.bucket, end - read);
      this.reduce(read, k, write);
      this.tailFill = k;
      write += 2;
      read += k;
    }
    this.moveRows(read, write, this.n - read);
    this.n -= read - write;
    this.packed = write;
  }

  /** Rows [from, from + count) → two rows at `to` (to ≤ from: written behind what is still to be read). */
  private reduce(from: number, count: number, to: number): void {
    const last = from + count - 1;
    const picks: [number, number][] = [];
    for (let s = 0; s < this.series; s++) picks.push(this.pickTwo(s, from, last));
    const x0 = this.series === 1 ? this.x[picks[0]![0]]! : this.x[from]!;
    const x1 = this.series === 1 ? this.x[picks[0]![1]]! : this.x[last]!;
    for (let s = 0; s < this.series; s++) {
      const [a, b] = picks[s]!;
      const y = this.ys[s]!;
      const mask = this.absent[s];
      const ya = y[a]!, yb = y[b]!;
      const ma = mask ? mask[a]! : 0, mb = mask ? mask[b]! : 0;
      y[to] = ya;
      y[to + 1] = yb;
      if (mask) {
        mask[to] = ma;
        mask[to + 1] = mb;
      }
    }
    this.x[to] = x0;
    this.x[to + 1] = x1;
  }

  /** Series s over rows [from, last]: the two rows to keep, in order — its first NaN and its largest
   * value, else its smallest and largest, else (all equal) its first and last; when it has no point
   * there, the group's first and last rows (absent). */
  private pickTwo(s: number, from: number, last: number): [number, number] {
    const y = this.ys[s]!;
    const mask = this.absent[s];
    let nan = -1, lo = -1, hi = -1, present = -1, lastPresent = -1;
    for (let r = from; r <= last; r++) {
      if (mask && mask[r]) continue;
      if (present < 0) present = r;
      lastPresent = r;
      const v = y[r]!;
      if (Number.isNaN(v)) {
        if (nan < 0) nan = r;
      } else {
        if (lo < 0 || v < y[lo]!) lo = r;
        if (hi < 0 || v > y[hi]!) hi = r;
      }
    }
    let a: number, b: number;
    if (present < 0) [a, b] = [from, last];
    else if (nan >= 0) [a, b] = [nan, hi >= 0 ? hi : lastPresent];
    else if (lo !== hi) [a, b] = [lo, hi];
    else [a, b] = [present, lastPresent]; // a constant stretch: its ends (with several series, any row will do)
    return a <= b ? [a, b] : [b, a];
  }

  private moveRows(from: number, to: number, count: number): void {
    if (from === to || count <= 0) return;
    this.x.copyWithin(to, from, from + count);
    for (const y of this.ys) y.copyWithin(to, from, from + count);
    for (const a of this.absent) if (a) a.copyWithin(to, from, from + count);
  }
}
