/**
 * The rows the race streamed, per optimizer, in growable Float64Array columns (step, x, y, f, gx, gy,
 * gnorm, lr and the optimizer's state columns v_x, m_hat_y, …), outside React state. Each row is the
 * state after `step` updates, as the engine sends it. `version` changes on every append or clear, so a
 * canvas or panel redraws at most once per frame only when something came in. Pure (no DOM).
 *
 * Bounded (#15): a track keeps every row up to LIMIT rows; past that it compacts what is older than the
 * latest WINDOW rows to a coarser resolution, keeping in each block of steps its first row, the rows
 * of its smallest and largest f and its first non-finite row — so spikes, NaN and the exact latest
 * rows are always there, and memory does not grow with the run's length. `generation` counts the
 * compactions (drawings of the track start over); a step no longer kept is read from the store
 * (NumbersPanel's exact rows).
 */

/** Rows a track keeps before it compacts (2^17: about 17 MB of a 16-column track). */
export const LIMIT = 1 << 17;
/** The latest rows a compaction leaves exact. */
export const WINDOW = 1 << 12;

export class Track {
  private cols = new Map<string, Float64Array>();
  private n = 0;
  /** column names in the engine's order (empty until the first batch) */
  names: string[] = [];
  /** compactions so far (0: every row since step 0 is here, row k = step k) */
  generation = 0;
  /** steps per block of the coarsest compaction */
  private stride = 1;

  /** `capacity`: rows to allocate up front (the race's steps + 1, so a run never regrows); `limit`, `window`: see LIMIT, WINDOW */
  constructor(
    private readonly capacity = 256,
    private readonly limit = LIMIT,
    private readonly window = WINDOW,
  ) {}

  /** rows kept */
  get length(): number {
    return this.n;
  }

  /** The step of kept row `row` (its step column; the row's index before any step column came). */
  stepAt(row: number): number {
    const c = this.cols.get('step');
    return c ? c[row]! : row;
  }

  /** The step of the last row (−1 when empty). */
  get lastStep(): number {
    return this.n === 0 ? -1 : this.stepAt(this.n - 1);
  }

  /** The kept row of `step`, or −1 when it is not kept (compacted away, or not come yet). */
  rowOfStep(step: number): number {
    if (this.generation === 0 && !this.cols.has('step')) return step >= 0 && step < this.n ? step : -1;
    let lo = 0,
      hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.stepAt(mid);
      if (s === step) return mid;
      if (s < step) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Appends `rows` rows; the first batch fixes the columns (a later batch missing one gets NaN). */
  append(columns: Record<string, ArrayLike<number>>, rows: number): void {
    if (this.names.length === 0) this.names = Object.keys(columns);
    const need = this.n + rows;
    for (const name of this.names) {
      let col = this.cols.get(name);
      if (!col || col.length < need) {
        let cap = Math.max(this.capacity, col?.length ?? 0, 1);
        while (cap < need) cap *= 2;
        const grown = new Float64Array(cap);
        if (col) grown.set(col.subarray(0, this.n));
        this.cols.set(name, (col = grown));
      }
      const src = columns[name];
      if (src instanceof Float64Array) col.set(src.length === rows ? src : src.subarray(0, rows), this.n);
      else for (let i = 0; i < rows; i++) col[this.n + i] = src ? src[i]! : NaN;
    }
    this.n = need;
    if (this.n > this.limit) this.compact();
  }

  /**
   * Coarsens the rows older than the last `window`: blocks of `stride` steps — a power of two, at least
   * 8, grown only as far as the blocks must be to number at most limit / 6, so the past keeps about
   * half the rows, evenly over its whole length — each keeping its first row, its smallest-f and
   * largest-f rows and its first non-finite row, in step order.
   */
  private compact(): void {
    const old = this.n - this.window;
    const span = this.stepAt(old - 1) - this.stepAt(0) + 1;
    let stride = Math.max(8, this.stride);
    while (span / stride > this.limit / 6) stride *= 2;
    this.stride = stride;
    const f = this.cols.get('f');
    const x = this.cols.get('x');
    const y = this.cols.get('y');
    const keep: number[] = [];
    let block = NaN,
      first = -1,
      lo = -1,
      hi = -1,
      bad = -1;
    const flush = () => {
      if (first < 0) return;
      for (const r of [...new Set([first, lo, hi, bad])].filter((r) => r >= 0).sort((a, b) => a - b)) keep.push(r);
    };
    for (let r = 0; r < old; r++) {
      const b = Math.floor(this.stepAt(r) / this.stride);
      if (b !== block) {
        flush();
        block = b;
        first = r;
        lo = hi = bad = -1;
      }
      const v = f ? f[r]! : NaN;
      if (!(Number.isFinite(v) && (!x || Number.isFinite(x[r]!)) && (!y || Number.isFinite(y[r]!)))) {
        if (bad < 0) bad = r;
        continue;
      }
      if (lo < 0 || v < f![lo]!) lo = r;
      if (hi < 0 || v > f![hi]!) hi = r;
    }
    flush();
    for (let r = old; r < this.n; r++) keep.push(r);
    for (const col of this.cols.values()) for (let i = 0; i < keep.length; i++) col[i] = col[keep[i]!]!;
    this.n = keep.length;
    this.generation++;
  }

  /** The column's first `length` values (no copy; valid until the next append). */
  column(name: string): Float64Array | undefined {
    return this.cols.get(name)?.subarray(0, this.n);
  }

  has(name: string): boolean {
    return this.cols.has(name);
  }

  /** One value, NaN when the row or the column does not exist. */
  value(name: string, row: number): number {
    const c = this.cols.get(name);
    return c && row >= 0 && row < this.n ? c[row]! : NaN;
  }

  /** The optimizer's state names, from its columns: ["m", "v", "m_hat", "v_hat"] for Adam. */
  stateNames(): string[] {
    const base = new Set(['step', 'x', 'y', 'f', 'gx', 'gy', 'gnorm', 'lr']);
    const out: string[] = [];
    for (const name of this.names) {
      if (base.has(name) || !name.endsWith('_x')) continue;
      out.push(name.slice(0, -2));
    }
    return out;
  }
}

export class TrajectoryStore {
  tracks: Track[] = [];
  version = 0;
  /** changes on every reset (a new race): drawings of the old one are thrown away */
  epoch = 0;

  /** Empties the store for a race of `count` optimizers of about `rows` rows each (at most 2^16 up front). */
  reset(count: number, rows = 256): void {
    const capacity = Math.min(Math.max(1, rows), 1 << 16);
    this.tracks = Array.from({ length: count }, () => new Track(capacity));
    this.version++;
    this.epoch++;
  }

  append(index: number, columns: Record<string, ArrayLike<number>>, rows: number): void {
    const track = this.tracks[index];
    if (!track || rows <= 0) return;
    track.append(columns, rows);
    this.version++;
  }

  /** The largest step any optimizer has reached (−1 when nothing has arrived). */
  lastStep(): number {
    let m = -1;
    for (const t of this.tracks) m = Math.max(m, t.lastStep);
    return m;
  }

  /** The tracks' compactions, as one key: changes whenever any track compacts. */
  generations(): string {
    return this.tracks.map((t) => t.generation).join(',');
  }

  /** Total points held, over every optimizer. */
  points(): number {
    let n = 0;
    for (const t of this.tracks) n += t.length;
    return n;
  }
}

/**
 * Whether a track's last row shows the engine's divergence rule: θ or f not finite, or |θ| beyond the
 * bound (the race's default diverge_bound is 1e6). The engine then stops that optimizer's stream.
 */
export function divergedAt(track: Track, bound = 1e6): boolean {
  const k = track.length - 1;
  if (k < 0) return false;
  const x = track.value('x', k);
  const y = track.value('y', k);
  const f = track.value('f', k);
  const gx = track.value('gx', k);
  const gy = track.value('gy', k);
  if (![x, y, f, gx, gy].every(Number.isFinite)) return true;
  return Math.max(Math.abs(x), Math.abs(y)) > bound;
}
