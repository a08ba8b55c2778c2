/**
 * LabSession — the JS side of one native session of any lab (the labs' descriptors: src/labs/; the
 * experiment store starts every lab through it). The loop runs in C++ on its own thread; this object
 * turns its ordered events into:
 *   - listeners: on('batch' | 'notice' | 'frame' | 'state', fn), called in order for every event;
 *   - an async iterator of batches: `for await (const b of session.batches())` (buffers from the moment
 *     it is called; call it before awaiting anything else so no batch is missed);
 *   - control: pause() / step() resolve when the loop has actually paused (with the steps done),
 *     resume(), stop(), update() (validated now, applied before the next step);
 *   - `done`: resolves with the lab's summary, or rejects with a LabError.
 */
import { LabError } from './errors.js';
import type { Batch, Frame, NativeEvent } from './events.js';
import { native, type NativeSessionHandle } from './binding.js';

export interface SessionOptions {
  /** Throttle for animation (0 = as fast as possible). Live-changeable with update({steps_per_second}). */
  steps_per_second?: number;
  /** Flush a stream's rows at this many rows (default 4096)… */
  max_rows?: number;
  /** …or after this many milliseconds (default 16). */
  flush_ms?: number;
}

type Listener<T> = (value: T) => void;
export type SessionState = 'running' | 'paused' | 'ended';

interface Waiter {
  resolve: (step: number) => void;
}

export class LabSession<Summary, B extends Batch = Batch, Notice = unknown, F extends Frame = Frame> {
  readonly done: Promise<Summary>;
  private readonly handle: NativeSessionHandle;
  private readonly batchListeners = new Set<Listener<B>>();
  private readonly noticeListeners = new Set<Listener<Notice>>();
  private readonly frameListeners = new Set<Listener<F>>();
  private readonly stateListeners = new Set<Listener<{ state: 'paused' | 'running'; step: number }>>();
  private iterators: { queue: B[]; wake: (() => void) | null }[] = [];
  private pauseWaiters: Waiter[] = [];
  private stateNow: SessionState = 'running';
  private stepsDone = 0;
  private ended = false;
  private resolveDone!: (s: Summary) => void;
  private rejectDone!: (e: LabError) => void;

  constructor(kind: string, config: unknown, options: SessionOptions = {}) {
    const callSite = new Error().stack ?? '';
    this.done = new Promise<Summary>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = (e) => {
        e.stack = `${e.stack ?? e.message}\n    --- session started at ---\n${callSite.split('\n').slice(2).join('\n')}`;
        reject(e);
      };
    });
    this.done.catch(() => undefined); // a rejection is reported through `done`; never unhandled here
    const Native = native().NativeSession;
    this.handle = new Native(kind, config, options, (ev) => this.dispatch(ev));
  }

  get state(): SessionState {
    return this.stateNow;
  }

  /** Steps done as of the last pause or end (for live progress, count rows in batches). */
  get steps(): number {
    return this.stepsDone;
  }

  on(type: 'batch', fn: Listener<B>): () => void;
  on(type: 'notice', fn: Listener<Notice>): () => void;
  on(type: 'frame', fn: Listener<F>): () => void;
  on(type: 'state', fn: Listener<{ state: 'paused' | 'running'; step: number }>): () => void;
  on(type: 'batch' | 'notice' | 'frame' | 'state', fn: Listener<never>): () => void {
    const sets = { batch: this.batchListeners, notice: this.noticeListeners, frame: this.frameListeners, state: this.stateListeners };
    const set = sets[type] as Set<Listener<unknown>>;
    set.add(fn as Listener<unknown>);
    return () => set.delete(fn as Listener<unknown>);
  }

  /** Every batch from now on, in order, until the session ends. */
  batches(): AsyncIterableIterator<B> {
    const it = { queue: [] as B[], wake: null as (() => void) | null };
    this.iterators.push(it);
    const next = async (): Promise<IteratorResult<B>> => {
      for (;;) {
        const b = it.queue.shift();
        if (b) return { value: b, done: false };
        if (this.ended) return { value: undefined, done: true };
        await new Promise<void>((r) => (it.wake = r));
      }
    };
    const iterator: AsyncIterableIterator<B> = {
      next,
      return: async () => {
        this.iterators = this.iterators.filter((x) => x !== it);
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** Asks the loop to pause after the current step; resolves with the steps done once it has. */
  pause(): Promise<number> {
    if (this.ended) return Promise.resolve(this.stepsDone);
    this.handle.pause();
    return new Promise((resolve) => this.pauseWaiters.push({ resolve }));
  }

  resume(): void {
    if (!this.ended) this.handle.resume();
  }

  /** Holds the loop before its next step (or lets it go), with no state change: a receiver that is
   * catching up (the store writing a fast run's points) slows the run instead of buffering it all. */
  hold(on: boolean): void {
    if (!this.ended) this.handle.hold(on);
  }

  /** One step while paused; resolves with the steps done when it is over. SESSION_STATE if running. */
  step(): Promise<number> {
    if (this.ended) return Promise.reject(new LabError('step: the session has ended', 'SESSION_STATE'));
    this.handle.step();
    return new Promise((resolve) => this.pauseWaiters.push({ resolve }));
  }

  /** Stops the loop; resolves with the summary (status "stopped" unless it had already finished). */
  stop(): Promise<Summary> {
    if (!this.ended) this.handle.stop();
    return this.done;
  }

  /** A live change, validated now (throws LabError), applied before the next step. */
  update(change: unknown): void {
    if (this.ended) throw new LabError('update: the session has ended', 'SESSION_STATE');
    this.handle.update(change);
  }

  private dispatch(ev: NativeEvent): void {
    // Called from native code: must never throw (an exception here would be lost on Node 20).
    try {
      switch (ev.type) {
        case 'batch': {
          const { type: _type, ...batch } = ev;
          for (const fn of this.batchListeners) fn(batch as unknown as B);
          for (const it of this.iterators) {
            it.queue.push(batch as unknown as B);
            it.wake?.();
            it.wake = null;
          }
          break;
        }
        case 'notice':
          for (const fn of this.noticeListeners) fn(ev.value as Notice);
          break;
        case 'frame': {
          const { type: _type, ...frame } = ev;
          for (const fn of this.frameListeners) fn(frame as unknown as F);
          break;
        }
        case 'state':
          this.stateNow = ev.state;
          this.stepsDone = ev.step;
          for (const fn of this.stateListeners) fn({ state: ev.state, step: ev.step });
          if (ev.state === 'paused') this.flushWaiters(ev.step);
          break;
        case 'done':
        case 'failed':
          this.ended = true;
          this.stateNow = 'ended';
          if (ev.type === 'done') {
            const s = ev.summary as { steps?: number };
            this.stepsDone = s.steps ?? this.stepsDone;
          }
          this.flushWaiters(this.stepsDone);
          for (const it of this.iterators) {
            it.wake?.();
            it.wake = null;
          }
          if (ev.type === 'done') this.resolveDone(ev.summary as Summary);
          else this.rejectDone(ev.error);
          break;
      }
    } catch (e) {
      process.emitWarning(`gradlab: a session listener threw: ${(e as Error).stack ?? String(e)}`);
    }
  }

  private flushWaiters(step: number): void {
    const waiters = this.pauseWaiters;
    this.pauseWaiters = [];
    for (const w of waiters) w.resolve(step);
  }
}
