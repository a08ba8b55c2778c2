/**
 * RunRecorder — writes one running lab's output into the store as it streams: every point of every
 * series (series-names.ts), lossless, in chunks of up to 4096 points; the latest "frame" of each kind
 * plus a thinned history (artifacts.ts); and the run's steps and final/best metrics.
 *
 * Writes are batched: push() only buffers; a flush — at most `flushMs` (250) after the first buffered
 * point, or when `flushPoints` are waiting — writes everything in ONE transaction. close() flushes what
 * is left. The chunk being filled is kept in memory and rewritten in place until it is full, so a slow
 * run does not leave thousands of one-point chunks.
 */
import type { Batch, Frame } from '../native/events.js';
import { chunkCrc, encodeSteps, encodeTimes, encodeValues, VALS_DERIVED } from './chunk-codec.js';
import type { Db } from './db.js';
import { derivationDepth, encodeDerived, type Derivation } from './derived.js';
import { FrameStore } from './artifacts.js';
import { bestDirection, seriesName } from './series-names.js';

export const CHUNK_POINTS = 4096;

/** Points waiting for the next flush: slices of the batches' own columns, never copied point by point. */
interface Segment {
  steps: Float64Array;
  time: number | Float64Array; // one wall time for the whole batch, or one per point (writeRaw)
  values: Float64Array;
}

/** The last chunk of a series, not yet full: rewritten in place on each flush until it holds CHUNK_POINTS. */
interface OpenChunk {
  seq: number;
  n: number;
  steps: Float64Array;
  times: Float64Array;
  values: Float64Array;
}

interface SeriesState {
  name: string;
  id: number | null;
  chunks: number;
  points: number;
  open: OpenChunk | null;
  pending: Segment[];
  pendingPoints: number;
}

const newSeries = (name: string): SeriesState => ({ name, id: null, chunks: 0, points: 0, open: null, pending: [], pendingPoints: 0 });

export interface RecorderOptions {
  flushMs?: number;
  flushPoints?: number;
  /** the wall-clock origin of the run's `times` (ms since the Unix epoch); default: now */
  startedAt?: number;
  now?: () => number;
  /** the run's lab: its descriptor says which series have a best value (default: any lab's) */
  lab?: string;
  /**
   * Series the engine computes from other series of the same rows, by name (the lab descriptor's
   * derivedSeries): each chunk of one is stored as its rule where the rule gives every value bit for
   * bit but a few (derived.ts), else as usual.
   */
  derived?: Record<string, Derivation>;
}

export class RunRecorder {
  private readonly series = new Map<string, SeriesState>();
  private readonly frames = new Map<string, Frame>();
  private readonly final: Record<string, number> = {};
  private readonly best: Record<string, number> = {};
  private pendingPoints = 0;
  private steps = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private readonly flushMs: number;
  private readonly flushPoints: number;
  private readonly startedAt: number;
  private readonly now: () => number;
  private readonly frameStore: FrameStore;
  private readonly lab: string | undefined;
  private readonly derived: Record<string, Derivation>;
  private readonly sources: Set<string>;
  /** the chunks written in the current flush, by `${series}#${seq}`: a derived chunk's sources */
  private readonly written = new Map<string, OpenChunk>();

  constructor(
    private readonly db: Db,
    readonly runId: number,
    opts: RecorderOptions = {},
  ) {
    this.flushMs = opts.flushMs ?? 250;
    this.flushPoints = opts.flushPoints ?? 64 * 1024;
    this.now = opts.now ?? Date.now;
    this.startedAt = opts.startedAt ?? this.now();
    this.frameStore = new FrameStore(db, runId);
    this.lab = opts.lab;
    this.derived = opts.derived ?? {};
    this.sources = new Set(Object.values(this.derived).flatMap((d) => d.src));
  }

  /** Buffers a batch of rows; x of every series is the batch's `step` column (else the row number). */
  push(batch: Batch): void {
    if (batch.rows === 0) return;
    const t = this.now() - this.startedAt;
    const stepCol = (batch.columns.step as Float64Array | undefined)?.subarray(0, batch.rows);
    for (const [column, col] of Object.entries(batch.columns)) {
      if (column === 'step') continue;
      const values = (col as Float64Array).subarray(0, batch.rows);
      const name = seriesName(batch.stream, batch.index, column);
      let s = this.series.get(name);
      if (!s) this.series.set(name, (s = newSeries(name)));
      const steps = stepCol ?? Float64Array.from({ length: batch.rows }, (_, i) => s.points + s.pendingPoints + i);
      s.pending.push({ steps, time: t, values });
      s.pendingPoints += batch.rows;
      const dir = bestDirection(name, this.lab);
      if (dir) {
        let best = this.best[name];
        for (const v of values) if (Number.isFinite(v) && (best === undefined || (dir === 'min' ? v < best : v > best))) best = v;
        if (best !== undefined) this.best[name] = best;
      }
      this.final[name] = values[batch.rows - 1]!;
      this.pendingPoints += batch.rows;
    }
    if (stepCol) this.steps = Math.max(this.steps, stepCol[batch.rows - 1]!);
    this.schedule();
  }

  /** Points pushed and not yet written (the store's backlog). */
  get backlog(): number {
    return this.pendingPoints;
  }

  /** Keeps the newest frame of each name; written (and thinned into the history) at the next flush. */
  frame(frame: Frame): void {
    this.frames.set(frame.name, frame);
    this.schedule();
  }

  private schedule(): void {
    if (this.pendingPoints >= this.flushPoints) void this.flush();
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.flushMs);
  }

  /** Writes everything buffered in one transaction. Flushes never overlap; errors surface in close(). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.writing = this.writing.then(() => this.write()).catch((e: unknown) => {
      this.failure ??= e;
    });
    return this.writing;
  }

  private async write(): Promise<void> {
    const work = [...this.series.values()].filter((s) => s.pendingPoints > 0);
    const frames = [...this.frames.values()];
    this.frames.clear();
    if (work.length === 0 && frames.length === 0) return;
    const taken = work.map((s) => {
      const p = s.pending;
      s.pending = [];
      s.pendingPoints = 0;
      return [s, p] as const;
    });
    this.pendingPoints = 0;
    // a derived series after the series it is computed from (m̂ after m after gx)
    const depth = (name: string) => derivationDepth(name, (n) => this.derived[n]?.src);
    taken.sort((a, b) => depth(a[0].name) - depth(b[0].name));
    this.written.clear();
    await this.db.transaction(async () => {
      for (const [s, p] of taken) await this.writeSeries(s, p);
      for (const f of frames) await this.frameStore.store(f);
      await this.db.run('UPDATE runs SET steps = ?, final = ?, best = ?, heartbeat_at = ? WHERE id = ?', [
        this.steps,
        JSON.stringify(this.final),
        JSON.stringify(this.best),
        this.now(),
        this.runId,
      ]);
    });
    this.written.clear();
  }

  /** A derived blob of chunk c of `name`, or null: no rule, its sources not written in this flush over the same steps, or too many misses. */
  private derivedBlob(name: string, c: OpenChunk): Buffer | null {
    const d = this.derived[name];
    if (!d) return null;
    const sources: Float64Array[] = [];
    for (const src of d.src) {
      const sc = this.written.get(`${src}#${c.seq}`);
      if (!sc || sc.n !== c.n) return null;
      for (let i = 0; i < c.n; i++) if (!Object.is(sc.steps[i], c.steps[i])) return null;
      sources.push(sc.values.subarray(0, c.n));
    }
    return encodeDerived(d, c.values.subarray(0, c.n), c.steps.subarray(0, c.n), sources);
  }

  private async writeSeries(s: SeriesState, segments: Segment[]): Promise<void> {
    if (s.id === null) {
      await this.db.run('INSERT OR IGNORE INTO series (run_id, name) VALUES (?, ?)', [this.runId, s.name]);
      s.id = (await this.db.get<{ id: number }>('SELECT id FROM series WHERE run_id = ? AND name = ?', [this.runId, s.name]))!.id;
    }
    let dirty: OpenChunk | null = null;
    let dirtyIsNew = false;
    for (const seg of segments) {
      let at = 0;
      while (at < seg.steps.length) {
        if (!s.open || s.open.n >= CHUNK_POINTS) {
          if (dirty) await this.writeChunk(s, dirty, dirtyIsNew);
          s.open = { seq: s.chunks++, n: 0, steps: new Float64Array(CHUNK_POINTS), times: new Float64Array(CHUNK_POINTS), values: new Float64Array(CHUNK_POINTS) };
          dirtyIsNew = true;
        } else if (dirty !== s.open) dirtyIsNew = false;
        dirty = s.open;
        const c = s.open;
        const take = Math.min(CHUNK_POINTS - c.n, seg.steps.length - at);
        c.steps.set(seg.steps.subarray(at, at + take), c.n);
        c.values.set(seg.values.subarray(at, at + take), c.n);
        if (typeof seg.time === 'number') c.times.fill(seg.time, c.n, c.n + take);
        else c.times.set(seg.time.subarray(at, at + take), c.n);
        c.n += take;
        at += take;
        s.points += take;
      }
    }
    if (dirty) await this.writeChunk(s, dirty, dirtyIsNew);
    await this.db.run('UPDATE series SET points = ?, chunks = ? WHERE id = ?', [s.points, s.chunks, s.id]);
  }

  private async writeChunk(s: SeriesState, c: OpenChunk, isNew: boolean): Promise<void> {
    const seriesId = s.id!;
    if (this.sources.has(s.name)) this.written.set(`${s.name}#${c.seq}`, c);
    let vmin = Infinity,
      vmax = -Infinity,
      nonfinite = 0;
    const values = c.values.subarray(0, c.n);
    for (const v of values) {
      if (!Number.isFinite(v)) nonfinite++;
      else {
        if (v < vmin) vmin = v;
        if (v > vmax) vmax = v;
      }
    }
    const st = encodeSteps(c.steps.subarray(0, c.n));
    const tm = encodeTimes(c.times.subarray(0, c.n));
    const params = [
      c.steps[0]!,
      c.steps[c.n - 1]!,
      c.n,
      Number.isFinite(vmin) ? vmin : null,
      Number.isFinite(vmax) ? vmax : null,
      nonfinite,
      st.steps,
      st.steps_enc,
      tm.times,
      tm.times_enc,
    ];
    const derived = this.derivedBlob(s.name, c);
    const { vals, vals_enc } = derived ? { vals: derived, vals_enc: VALS_DERIVED } : await encodeValues(values);
    params.push(vals, vals_enc, chunkCrc(st.steps, tm.times, vals));
    if (isNew)
      await this.db.run(
        `INSERT INTO chunks (series_id, seq, first_step, last_step, n, vmin, vmax, nonfinite, steps, steps_enc, times, times_enc, vals, vals_enc, crc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [seriesId, c.seq, ...params],
      );
    else
      await this.db.run(
        `UPDATE chunks SET first_step = ?, last_step = ?, n = ?, vmin = ?, vmax = ?, nonfinite = ?, steps = ?, steps_enc = ?, times = ?, times_enc = ?, vals = ?, vals_enc = ?, crc = ?
         WHERE series_id = ? AND seq = ?`,
        [...params, seriesId, c.seq],
      );
  }

  /** Writes one whole series at once, inside the caller's transaction (bundle import). */
  async writeRaw(name: string, steps: Float64Array, times: Float64Array, values: Float64Array): Promise<void> {
    const s = newSeries(name);
    this.series.set(name, s);
    await this.writeSeries(s, [{ steps, time: times, values }]);
  }

  /** Flushes what is left; rethrows the first write error, if any. */
  async close(): Promise<void> {
    await this.flush();
    if (this.failure) throw this.failure;
  }

  get finalMetrics(): Record<string, number> {
    return { ...this.final };
  }
  get bestMetrics(): Record<string, number> {
    return { ...this.best };
  }
}
