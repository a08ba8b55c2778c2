/**
 * Every row the race streamed, per optimizer, in growable Float64Array columns (step, x, y, f, gx, gy,
 * gnorm, lr and the optimizer's state columns v_x, m_hat_y, …), outside React state. Row k of a track is
 * the state after k updates, as the engine sends it. `version` changes on every append or clear, so a
 * canvas or panel redraws at most once per frame only when something came in. Pure (no DOM).
 */

export class Track {
  private cols = new Map<string, Float64Array>();
  private n = 0;
  /** column names in the engine's order (empty until the first batch) */
  names: string[] = [];

  get length(): number {
    return this.n;
  }

  /** Appends `rows` rows; the first batch fixes the columns (a later batch missing one gets NaN). */
  append(columns: Record<string, ArrayLike<number>>, rows: number): void {
    if (this.names.length === 0) this.names = Object.keys(columns);
    const need = this.n + rows;
    for (const name of this.names) {
      let col = this.cols.get(name);
      if (!col || col.length < need) {
        let cap = Math.max(256, col?.length ?? 0);
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

  /** Empties the store for a race of `count` optimizers. */
  reset(count: number): void {
    this.tracks = Array.from({ length: count }, () => new Track());
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
    for (const t of this.tracks) m = Math.max(m, t.length - 1);
    return m;
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
