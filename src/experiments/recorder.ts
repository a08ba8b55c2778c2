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
import { encodeF64 } from './codec.js';
import type { Db } from './db.js';
import { FrameStore } from './artifacts.js';
import { bestDirection, seriesName } from './series-names.js';

export const CHUNK_POINTS = 4096;

interface SeriesState {
  name: string;
  column: string;
  id: number | null;
  chunks: number;
  points: number;
  /** the last chunk, not yet full: its seq and points (rewritten on the next flush) */
  open: { seq: number; steps: number[]; times: number[]; values: number[] } | null;
  pending: { steps: number[]; times: number[]; values: number[] };
}

export interface RecorderOptions {
  flushMs?: number;
  flushPoints?: number;
  /** the wall-clock origin of the run's `times` (ms since the Unix epoch); default: now */
  startedAt?: number;
  now?: () => number;
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
  }

  /** Buffers a batch of rows; x of every series is the batch's `step` column (else the row number). */
  push(batch: Batch): void {
    const t = this.now() - this.startedAt;
    const stepCol = batch.columns.step as Float64Array | undefined;
    for (const [column, values] of Object.entries(batch.columns)) {
      if (column === 'step') continue;
      const name = seriesName(batch.stream, batch.index, column);
      let s = this.series.get(name);
      if (!s) {
        s = { name, column, id: null, chunks: 0, points: 0, open: null, pending: { steps: [], times: [], values: [] } };
        this.series.set(name, s);
      }
      const dir = bestDirection(column);
      for (let i = 0; i < batch.rows; i++) {
        const step = stepCol ? stepCol[i]! : s.points + s.pending.steps.length;
        const v = values[i]!;
        s.pending.steps.push(step);
        s.pending.times.push(t);
        s.pending.values.push(v);
        if (dir && Number.isFinite(v) && (this.best[name] === undefined || (dir === 'min' ? v < this.best[name]! : v > this.best[name]!))) this.best[name] = v;
      }
      if (batch.rows > 0) this.final[name] = values[batch.rows - 1]!;
      this.pendingPoints += batch.rows;
    }
    if (stepCol && batch.rows > 0) this.steps = Math.max(this.steps, stepCol[batch.rows - 1]!);
    this.schedule();
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
    const work = [...this.series.values()].filter((s) => s.pending.steps.length > 0);
    const frames = [...this.frames.values()];
    this.frames.clear();
    if (work.length === 0 && frames.length === 0) return;
    const taken = work.map((s) => {
      const p = s.pending;
      s.pending = { steps: [], times: [], values: [] };
      return [s, p] as const;
    });
    this.pendingPoints = 0;
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
  }

  private async writeSeries(s: SeriesState, p: { steps: number[]; times: number[]; values: number[] }): Promise<void> {
    if (s.id === null) {
      await this.db.run('INSERT OR IGNORE INTO series (run_id, name) VALUES (?, ?)', [this.runId, s.name]);
      s.id = (await this.db.get<{ id: number }>('SELECT id FROM series WHERE run_id = ? AND name = ?', [this.runId, s.name]))!.id;
    }
    let at = 0;
    while (at < p.steps.length) {
      if (!s.open || s.open.steps.length >= CHUNK_POINTS) s.open = { seq: s.chunks++, steps: [], times: [], values: [] };
      const take = Math.min(CHUNK_POINTS - s.open.steps.length, p.steps.length - at);
      const isNew = s.open.steps.length === 0;
      s.open.steps.push(...p.steps.slice(at, at + take));
      s.open.times.push(...p.times.slice(at, at + take));
      s.open.values.push(...p.values.slice(at, at + take));
      at += take;
      await this.writeChunk(s.id, s.open, isNew);
    }
    s.points += p.steps.length;
    await this.db.run('UPDATE series SET points = ?, chunks = ? WHERE id = ?', [s.points, s.chunks, s.id]);
  }

  private async writeChunk(seriesId: number, c: { seq: number; steps: number[]; times: number[]; values: number[] }, isNew: boolean): Promise<void> {
    let vmin = Infinity,
      vmax = -Infinity,
      nonfinite = 0;
    for (const v of c.values) {
      if (!Number.isFinite(v)) nonfinite++;
      else {
        if (v < vmin) vmin = v;
        if (v > vmax) vmax = v;
      }
    }
    const params = [
      c.steps[0]!,
      c.steps[c.steps.length - 1]!,
      c.steps.length,
      Number.isFinite(vmin) ? vmin : null,
      Number.isFinite(vmax) ? vmax : null,
      nonfinite,
      encodeF64(Float64Array.from(c.steps)),
      encodeF64(Float64Array.from(c.times)),
      encodeF64(Float64Array.from(c.values)),
    ];
    if (isNew)
      await this.db.run(
        'INSERT INTO chunks (series_id, seq, first_step, last_step, n, vmin, vmax, nonfinite, steps, times, vals) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [seriesId, c.seq, ...params],
      );
    else
      await this.db.run(
        'UPDATE chunks SET first_step = ?, last_step = ?, n = ?, vmin = ?, vmax = ?, nonfinite = ?, steps = ?, times = ?, vals = ? WHERE series_id = ? AND seq = ?',
        [...params, seriesId, c.seq],
      );
  }

  /** Writes one whole series at once, inside the caller's transaction (bundle import). */
  async writeRaw(name: string, steps: Float64Array, times: Float64Array, values: Float64Array): Promise<void> {
    const s: SeriesState = { name, column: name, id: null, chunks: 0, points: 0, open: null, pending: { steps: [], times: [], values: [] } };
    this.series.set(name, s);
    await this.writeSeries(s, { steps: Array.from(steps), times: Array.from(times), values: Array.from(values) });
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
