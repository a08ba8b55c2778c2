/**
 * RunManager — runs stored runs: a queue with a concurrency limit (default: the number of cores),
 * each run a native session whose every batch and frame is recorded (recorder.ts) and re-emitted for
 * live subscribers, with control (pause, resume, one step, stop, live hyper-parameter changes) and every
 * status change written to the store.
 *
 *   const runs = new RunManager(store);
 *   runs.on('status', ({ id, status }) => …);  runs.on('batch', ({ id, batch }) => …);
 *   runs.on('notice', ({ id, notice }) => …);   // the lab's notices (the model, status words)
 *   const id = await runs.submit('train', config, { name: 'spiral, adam' });
 *   await runs.finished(id);
 *
 * A run's status goes queued → running (⇄ paused) → completed | stopped | diverged | failed. Stopping
 * a queued run ends it as stopped without starting it. Train runs keep their final weights as an
 * artifact ("final").
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { labOf } from '../labs/index.js';
import { LabError, type Batch, type LabSession } from '../native/index.js';
import type { Frame } from '../native/events.js';
import { getConfigValue } from './config-path.js';
import { StoreError } from './errors.js';
import { LAB_KINDS, LAB_NAMES } from './labs.js';
import type { RunRecorder } from './recorder.js';
import type { RunStatus } from './run-types.js';
import type { RunEvent } from './runs.js';
import type { Store } from './store.js';
import { pointLabel, sweepPoints, type SweepSpec } from './sweep.js';
import { pointConfig } from './sweep-point.js';

export interface SubmitOptions {
  name?: string;
  tags?: string[];
  notes?: string;
  sweepId?: number;
  /** steps per second (0 = full speed), live-changeable with update({steps_per_second}) */
  stepsPerSecond?: number;
  /** called with the new id before the run can start, so a listener misses none of its events */
  onId?: (id: number) => void;
  /**
   * The config to keep in the store when the one that runs holds bytes (decoded pictures): a description
   * of it (counts and sources). Such a run is recorded whole but cannot be run again from the store.
   */
  storedConfig?: unknown;
}

export interface RunEvents {
  /** the last status event of a run that ended normally carries the lab's summary */
  status: [{ id: number; status: RunStatus; detail?: string; summary?: unknown }];
  notice: [{ id: number; notice: unknown }];
  batch: [{ id: number; batch: Batch }];
  frame: [{ id: number; frame: Frame }];
  /** a live change recorded (manager.update) */
  event: [{ id: number; event: RunEvent }];
}

interface Active {
  /** why the run is held (its session waits, no state event): "store" (the recorder's backlog), "subscribers" (a slow client) */
  holds?: Set<string>;
  id: number;
  lab: string;
  session: LabSession<unknown>;
  recorder: RunRecorder;
  weightsFile: string | null;
  ended: Promise<void>;
  /** the run's config, for the values a live change replaces */
  config: unknown;
  /** each changed config path's value now (after live changes) */
  current: Map<string, number | boolean>;
  /** the last step streamed: a change takes effect after it */
  lastStep: number;
  /** why it was stopped, for its status history (stop(id, reason)) */
  stopReason?: string;
}

interface Queued {
  id: number;
  lab: string;
  config: unknown;
  opts: SubmitOptions;
}


/** Points a run may have waiting for the store before it is held (the recorder writes them all in one flush). */
export const STORE_BACKLOG = 1_000_000;
export class RunManager extends EventEmitter<RunEvents> {
  readonly concurrency: number;
  /** points a run may have waiting for the store before it is held (STORE_BACKLOG) */
  readonly storeBacklog: number;
  private readonly queue: Queued[] = [];
  private readonly active = new Map<number, Active>();
  private readonly waiters = new Map<number, (() => void)[]>();
  /** runs that failed to start, while their end is being stored */
  private readonly ending = new Map<number, Promise<void>>();
  private readonly tmp = mkdtempSync(path.join(os.tmpdir(), 'gradlab-runs-'));
  private closed = false;

  constructor(
    readonly store: Store,
    opts: { concurrency?: number; storeBacklog?: number } = {},
  ) {
    super();
    this.concurrency = opts.concurrency ?? Math.max(1, os.availableParallelism());
    this.storeBacklog = opts.storeBacklog ?? STORE_BACKLOG;
  }

  /** Validates the config (LabError naming the field; nothing stored), stores the run as queued and starts it when a slot is free. */
  async submit(lab: string, config: unknown, opts: SubmitOptions = {}): Promise<number> {
    const kind = LAB_KINDS[lab];
    if (!kind) throw new LabError(`lab: expected one of ${LAB_NAMES.join(', ')}, got ${JSON.stringify(lab)}`, 'INVALID_CONFIG');
    const parsed = kind.parse(config);
    const id = await this.store.createRun({
      lab,
      config: opts.storedConfig ?? parsed,
      seed: kind.seed(parsed),
      name: opts.name !== undefined && opts.name !== '' ? opts.name : kind.runName(parsed),
      ...(opts.tags !== undefined ? { tags: opts.tags } : {}),
      ...(opts.notes !== undefined ? { notes: opts.notes } : {}),
      ...(opts.sweepId !== undefined ? { sweepId: opts.sweepId } : {}),
    });
    await this.store.claim(id);
    opts.onId?.(id);
    this.queue.push({ id, lab, config: parsed, opts });
    this.emit('status', { id, status: 'queued' });
    this.pump();
    return id;
  }

  /**
   * Holds (or lets go) a running run for one reason: its session waits between steps while any reason
   * holds it — the store's backlog, or a client that has not taken its points yet (the host).
   */
  holdRun(id: number, reason: string, on: boolean): void {
    const e = this.active.get(id);
    if (!e?.holds) return;
    if (on) e.holds.add(reason);
    else e.holds.delete(reason);
    e.session.hold(e.holds.size > 0);
  }

  /**
   * Expands a sweep (sweep.ts), validates every run's config first (nothing is stored if one is bad:
   * the error names the run and the field), then queues them all under one sweep id.
   */
  async sweep(spec: SweepSpec, opts: Omit<SubmitOptions, 'sweepId' | 'name'> = {}): Promise<{ sweepId: number; runIds: number[] }> {
    const kind = LAB_KINDS[spec.lab];
    if (!kind) throw new LabError(`sweep.lab: expected one of ${LAB_NAMES.join(', ')}, got ${JSON.stringify(spec.lab)}`, 'INVALID_CONFIG');
    const points = sweepPoints(spec);
    const configs = points.map((p, i) => {
      const config = pointConfig(spec.base, p);
      try {
        return kind.parse(config);
      } catch (e) {
        if (e instanceof LabError) throw new LabError(`sweep run ${i + 1} (${pointLabel(p)}): ${e.message}`, e.code);
        throw e;
      }
    });
    const name = spec.name ?? `${spec.lab} sweep`;
    const sweepId = await this.store.createSweep(name, spec);
    const runIds: number[] = [];
    for (let i = 0; i < configs.length; i++)
      runIds.push(await this.submit(spec.lab, configs[i], { ...opts, sweepId, name: `${name}: ${pointLabel(points[i]!)}` }));
    return { sweepId, runIds };
  }

  /** Ids of the runs started and not yet ended, and of those waiting. */
  get running(): number[] {
    return [...this.active.keys()];
  }
  get waiting(): number[] {
    return this.queue.map((q) => q.id);
  }

  private pump(): void {
    while (!this.closed && this.active.size < this.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.start(next);
    }
  }

  private start(q: Queued): void {
    const kind = LAB_KINDS[q.lab]!;
    const weightsFile = kind.weights ? path.join(this.tmp, `run-${q.id}.glw`) : null;
    const config = weightsFile ? { ...(q.config as object), save_weights: weightsFile } : q.config;
    const startedAt = Date.now();
    let session: LabSession<unknown>;
    try {
      session = kind.start(config, { steps_per_second: q.opts.stepsPerSecond ?? 0 });
    } catch (e) {
      const ending = this.end(q.id, 'failed', { error: e }).finally(() => this.ending.delete(q.id));
      this.ending.set(q.id, ending);
      return;
    }
    const derived = labOf(q.lab)?.derivedSeries?.(q.config as Record<string, unknown>);
    const recorder = this.store.recorder(q.id, { startedAt, lab: q.lab, ...(derived ? { derived } : {}) });
    const entry: Active = { id: q.id, lab: q.lab, session, recorder, weightsFile, ended: Promise.resolve(), config: q.config, current: new Map(), lastStep: 0 };
    this.active.set(q.id, entry);
    // a run faster than the store writes is held while the store catches up: the points waiting in
    // memory stay under STORE_BACKLOG instead of growing with the run (#15: 10 000 000 steps, GBs)
    let held = false;
    entry.holds = new Set();
    session.on('batch', (batch) => {
      const steps = (batch as { rows: number; columns: Record<string, ArrayLike<number>> }).columns.step;
      const rows = (batch as { rows: number }).rows;
      if (steps && rows > 0) entry.lastStep = Math.max(entry.lastStep, steps[rows - 1]!);
      recorder.push(batch);
      this.emit('batch', { id: q.id, batch });
      if (!held && recorder.backlog >= this.storeBacklog) {
        held = true;
        this.holdRun(q.id, 'store', true);
        void recorder.flush().then(() => {
          held = false;
          this.holdRun(q.id, 'store', false);
        });
      }
    });
    session.on('notice', (notice) => this.emit('notice', { id: q.id, notice }));
    session.on('frame', (frame) => {
      recorder.frame(frame);
      this.emit('frame', { id: q.id, frame });
    });
    // the run's duration is wall time while it ran: paused spans are left out
    let pausedMs = 0;
    let pausedSince: number | null = null;
    // status writes in the order the session reported them, all done before the run's end is stored
    let statusWrites: Promise<void> = Promise.resolve();
    session.on('state', ({ state }) => {
      if (state === 'paused' && pausedSince === null) pausedSince = Date.now();
      else if (state !== 'paused' && pausedSince !== null) {
        pausedMs += Date.now() - pausedSince;
        pausedSince = null;
      }
      statusWrites = statusWrites.then(() => this.store.setStatus(q.id, state)).catch(() => undefined);
      this.emit('status', { id: q.id, status: state });
    });
    entry.ended = (async () => {
      await this.store.markStarted(q.id, startedAt);
      this.emit('status', { id: q.id, status: 'running' });
      try {
        const summary = await session.done;
        await recorder.close();
        await statusWrites;
        const { status, labStatus } = kind.outcome(summary);
        if (weightsFile) await this.keepWeights(q.id, weightsFile, summary);
        // ms per step: the engine's compute time per step; duration: how long the run ran (wall time
        // without pauses) — the engine's elapsed_ms alone read "0 ms" for a run shown at full speed
        const ms = (summary as { ms_per_step?: number }).ms_per_step;
        const now = Date.now();
        const durationMs = Math.max(0, now - startedAt - pausedMs - (pausedSince !== null ? now - pausedSince : 0));
        await this.end(q.id, status, { summary, labStatus, durationMs, ...(ms !== undefined ? { msPerStep: ms } : {}), ...(entry.stopReason ? { detail: entry.stopReason } : {}) });
      } catch (e) {
        await recorder.close().catch(() => undefined);
        await this.end(q.id, 'failed', { error: e });
      }
    })();
  }

  private async keepWeights(id: number, file: string, summary: unknown): Promise<void> {
    try {
      await this.store.storeWeights(id, 'final', (summary as { steps?: number }).steps ?? 0, readFileSync(file));
    } catch {
      // no weights file (the run failed before writing it): nothing to keep
    } finally {
      rmSync(file, { force: true });
    }
  }

  private async end(
    id: number,
    status: RunStatus,
    info: { summary?: unknown; labStatus?: string; error?: unknown; msPerStep?: number; durationMs?: number; detail?: string },
  ): Promise<void> {
    const err = info.error;
    const error =
      err === undefined ? undefined : { code: err instanceof LabError ? err.code : 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
    try {
      await this.store.finish(id, status, {
        ...(info.summary !== undefined ? { summary: info.summary } : {}),
        ...(info.labStatus !== undefined ? { labStatus: info.labStatus } : {}),
        ...(error ? { error } : {}),
        ...(info.msPerStep !== undefined ? { msPerStep: info.msPerStep } : {}),
        ...(info.durationMs !== undefined ? { durationMs: info.durationMs } : {}),
        ...(info.detail !== undefined ? { detail: info.detail } : {}),
      });
    } finally {
      this.active.delete(id);
      this.emit('status', {
        id,
        status,
        ...(error ? { detail: `${error.code}: ${error.message}` } : {}),
        ...(info.summary !== undefined ? { summary: info.summary } : {}),
      });
      for (const w of this.waiters.get(id) ?? []) w();
      this.waiters.delete(id);
      this.pump();
    }
  }

  private session(id: number, what: string): LabSession<unknown> {
    const a = this.active.get(id);
    if (a) return a.session;
    if (this.queue.some((q) => q.id === id)) throw new StoreError(`${what}: run ${id} is queued, not started yet`, 'RUN_STATE');
    throw new StoreError(`${what}: run ${id} is not running (it has ended, or another process runs it)`, 'RUN_STATE');
  }

  /** Whether this manager runs run `id` now (a live session). */
  isActive(id: number): boolean {
    return this.active.has(id);
  }

  pause(id: number): Promise<number> {
    return this.session(id, 'pause').pause();
  }
  resume(id: number): void {
    this.session(id, 'resume').resume();
  }
  step(id: number): Promise<number> {
    return this.session(id, 'step').step();
  }
  /** Live change, validated now (LabError), applied before the next step, and recorded as events of
   * the run (step, config path, old → new) so the stored run says what it really ran with. */
  update(id: number, change: unknown): void {
    this.session(id, 'update').update(change);
    const a = this.active.get(id)!;
    const changes = LAB_KINDS[a.lab]!.updateChanges((change ?? {}) as Record<string, unknown>, a.config as Record<string, unknown>);
    const at = Date.now();
    for (const [field, value] of Object.entries(changes)) {
      const before = a.current.has(field) ? a.current.get(field)! : getConfigValue(a.config, field);
      const old = typeof before === 'number' || typeof before === 'boolean' ? before : null;
      if (old === value) continue;
      a.current.set(field, value);
      void this.store.addEvent(id, { at, step: a.lastStep, field, old, new: value }).catch(() => undefined);
      this.emit('event', { id, event: { at, step: a.lastStep, field, old, new: value } });
    }
  }

  /** Stops a running run (status stopped) or removes a queued one (stopped, never started); `reason`
   * goes into its status history. */
  async stop(id: number, reason?: string): Promise<void> {
    const qi = this.queue.findIndex((q) => q.id === id);
    if (qi >= 0) {
      this.queue.splice(qi, 1);
      await this.end(id, 'stopped', {});
      return;
    }
    const a = this.active.get(id);
    if (!a) throw new StoreError(`stop: run ${id} is not running (it has ended, or another process runs it)`, 'RUN_STATE');
    if (reason !== undefined) a.stopReason = reason;
    await a.session.stop().catch(() => undefined);
    await a.ended;
  }

  /** Resolves when the run has ended and its end is stored (at once if it is not queued or running here). */
  finished(id: number): Promise<void> {
    const ending = this.ending.get(id);
    if (ending) return ending;
    if (!this.active.has(id) && !this.queue.some((q) => q.id === id)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.waiters.get(id) ?? [];
      list.push(resolve);
      this.waiters.set(id, list);
    });
  }

  /** Resolves when nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.queue.length > 0 || this.active.size > 0 || this.ending.size > 0)
      await Promise.all([...this.waiting, ...this.running, ...this.ending.keys()].map((id) => this.finished(id)));
  }

  /** Stops everything (queued runs end as stopped, never started); the store stays open. */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) await this.end(q.id, 'stopped', {});
    await Promise.all(this.running.map((id) => this.stop(id)));
    rmSync(this.tmp, { recursive: true, force: true });
  }
}
