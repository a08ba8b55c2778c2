/**
 * The run control every lab view shares, outside React so it can be tested with a fake client: one run
 * of one lab at a time, over the protocol. It owns start (`runs/start`, subscribed from its first
 * batch), pause, resume, one step, reset, live changes (`runs/update`), probes and the speed, and the
 * events that reach the client before the start reply names the run (held, then replayed for the new
 * id; those of other runs are dropped). The phase follows the host's status events, never guesses.
 *
 * "Step" with no run starts one at a crawl (the engine does step 1 at once, then waits), pauses it as
 * soon as it runs, does the first step itself if the pause landed before it, then sets the chosen
 * speed for Play: every step the user asks for is exactly one step of the lab.
 *
 * The lab's data go to a sink (a chart store, a trajectory store); React sees only `state`.
 */
import type { LabClient } from '../../../../src/protocol/client';
import type { Events } from '../../../../src/protocol/methods';

export type RunPhase = 'idle' | 'starting' | 'running' | 'paused' | 'ended';
type HostStatus = Events['run/status']['status'] | 'interrupted';

export interface RunOutcome {
  /** the host's status (completed, stopped, diverged, failed…) */
  status: HostStatus;
  /** the lab's own word when it ended by itself (reached_target, early_stopped, diverged…) */
  labStatus?: string;
  detail?: string;
  /** the run's summary as the host sent it with its end */
  summary?: unknown;
}

export interface RunState {
  phase: RunPhase;
  runId: number | null;
  outcome: RunOutcome | null;
  /** the host refused something (start, pause, update…): its message */
  error: string | null;
}

/** Where a run's data go. `clear` is called when the view leaves its run (reset, a new start). */
export interface RunSink {
  batch(data: Events['run/batch']): void;
  frame?(data: Events['run/frame']): void;
  clear(): void;
}

export type ControlClient = Pick<LabClient, 'request' | 'on'>;

type Held = { kind: 'batch'; data: Events['run/batch'] } | { kind: 'frame'; data: Events['run/frame'] } | { kind: 'status'; data: Events['run/status'] };

/** steps per second of a run started for one step: it waits ~17 min before a second */
const CRAWL = 1e-3;
const LIVE: ReadonlySet<RunPhase> = new Set(['running', 'paused']);

export interface StartOptions {
  /** the run's name in the store (the descriptor names it when empty) */
  name?: string;
  /** start from the final weights of this stored run (runs/start continueFrom) */
  continueFrom?: number;
}

export class RunController {
  private s: RunState = { phase: 'idle', runId: null, outcome: null, error: null };
  private starting = false;
  private held: Held[] = [];
  /** runs this view left (reset, replaced) or never owned: their events are dropped */
  private readonly foreign = new Set<number>();
  private pauseWhenRunning = false;
  /** started for one step and not paused yet */
  private crawling = false;
  private listeners = new Set<() => void>();

  constructor(
    private readonly client: ControlClient,
    private readonly lab: string,
    private readonly sink: RunSink,
    private speed: number,
  ) {}

  get state(): RunState {
    return this.s;
  }

  get live(): boolean {
    return LIVE.has(this.s.phase);
  }

  /** Calls `fn` after every change of `state`; returns the unsubscribe. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Listens to the client's run events; the returned function stops listening and unsubscribes the run
   * (which goes on in the host: the lab's active-runs list offers it back), or stops it with `stopRun`. */
  attach(stopRun = false): () => void {
    const route = (h: Held) => {
      const id = h.data.id;
      if (id === this.s.runId) this.deliver(h);
      else if (this.starting && this.s.runId === null && !this.foreign.has(id)) this.held.push(h);
    };
    const offs = [
      this.client.on('run/batch', (data) => route({ kind: 'batch', data })),
      this.client.on('run/frame', (data) => route({ kind: 'frame', data })),
      this.client.on('run/status', (data) => route({ kind: 'status', data })),
    ];
    return () => {
      for (const off of offs) off();
      const id = this.s.runId;
      if (id === null) return;
      if (stopRun && this.live) void this.client.request('runs/stop', { id }).catch(() => undefined);
      void this.client.request('runs/unsubscribe', { ids: [id] }).catch(() => undefined);
    };
  }

  /** Starts a run, or resumes the paused one. */
  play(config: unknown, opts: StartOptions = {}): void {
    const id = this.s.runId;
    if (id !== null && this.s.phase === 'paused') {
      this.set({ error: null });
      this.client.request('runs/resume', { id }).catch((e: unknown) => this.fail(e, id));
    } else if (this.s.phase === 'idle' || this.s.phase === 'ended') this.start(config, opts, false);
  }

  pause(): void {
    const id = this.s.runId;
    if (id === null) {
      if (this.s.phase === 'starting') this.pauseWhenRunning = true;
      return;
    }
    if (this.s.phase === 'running') this.pauseNow(id);
    else if (this.s.phase === 'starting') this.pauseWhenRunning = true;
  }

  /** One step of the paused run, or a new run paused after its first step. */
  step(config: unknown, opts: StartOptions = {}): void {
    const id = this.s.runId;
    if (id !== null && this.s.phase === 'paused') this.client.request('runs/step', { id }).catch((e: unknown) => this.fail(e, id));
    else if (this.s.phase === 'idle' || this.s.phase === 'ended') this.start(config, opts, true);
  }

  /** Stops the run (if it is going), leaves it and clears the lab's data. */
  reset(): void {
    if (this.starting) return;
    this.abandon(true);
    this.set({ phase: 'idle', error: null });
  }

  /** A live change (validated by the engine at once); ignored when no run is going. */
  update(change: Record<string, unknown>): void {
    const id = this.s.runId;
    if (id === null || !this.live) return;
    this.client.request('runs/update', { id, change }).then(
      () => this.s.runId === id && this.set({ error: null }),
      (e: unknown) => this.fail(e, id),
    );
  }

  /** Asks the run's model about one input: the live run's current weights, or an ended run's stored
   * ones (runs/probe); the answer is a frame for the sink. */
  probe(probe: Record<string, unknown>): void {
    const id = this.s.runId;
    if (id === null) return;
    if (this.live) this.update({ probe });
    else if (this.s.phase === 'ended') {
      this.client.request('runs/probe', { id, probe }).then(({ frame }) => {
        if (this.s.runId !== id) return;
        if (frame) this.sink.frame?.({ id, ...(frame as object) } as Events['run/frame']);
        this.set({ error: null });
      }, (e: unknown) => this.fail(e, id));
    }
  }

  setSpeed(stepsPerSecond: number): void {
    this.speed = stepsPerSecond;
    if (this.live && !this.crawling) this.update({ steps_per_second: stepsPerSecond });
  }

  /** Shows a message of the view's own under the controls (null clears it). */
  setError(error: string | null): void {
    this.set({ error });
  }

  private set(patch: Partial<RunState>): void {
    this.s = { ...this.s, ...patch };
    for (const fn of this.listeners) fn();
  }

  private fail(e: unknown, id: number | null): void {
    if (id !== null && this.s.runId !== id) return;
    // the run ended on its own just before a pause / step / update reached it: nothing to report
    if ((e as { code?: string }).code === 'RUN_STATE' && this.s.phase === 'ended') return;
    this.set({ error: e instanceof Error ? e.message : String(e) });
  }

  private deliver(h: Held): void {
    if (h.kind === 'batch') this.sink.batch(h.data);
    else if (h.kind === 'frame') this.sink.frame?.(h.data);
    else this.onStatus(h.data);
  }

  private onStatus(e: Events['run/status']): void {
    const st = e.status as HostStatus;
    if (st === 'running') {
      this.set({ phase: 'running' });
      if (this.pauseWhenRunning) {
        this.pauseWhenRunning = false;
        this.pauseNow(e.id);
      }
    } else if (st === 'paused') this.set({ phase: 'paused' });
    else if (st === 'queued') this.set({ phase: 'starting' });
    else {
      const summary = (e as { summary?: { status?: string } }).summary;
      this.crawling = false;
      this.pauseWhenRunning = false;
      this.set({
        phase: 'ended',
        outcome: { status: st, ...(summary?.status ? { labStatus: summary.status } : {}), ...(e.detail ? { detail: e.detail } : {}), ...(summary ? { summary } : {}) },
        ...(st === 'failed' && e.detail ? { error: e.detail } : {}),
      });
    }
  }

  private pauseNow(id: number): void {
    this.client.request('runs/pause', { id }).then(
      async ({ step }) => {
        if (this.s.runId !== id || !this.crawling) return;
        // a run started for one step: its first step, if the pause came first, then the chosen speed
        this.crawling = false;
        if (step === 0) await this.client.request('runs/step', { id });
        await this.client.request('runs/update', { id, change: { steps_per_second: this.speed } });
      },
      (e: unknown) => this.fail(e, id),
    ).catch((e: unknown) => this.fail(e, id));
  }

  /** Leaves the current run (its events are ignored from now on) and clears the lab's data. */
  private abandon(stop: boolean): void {
    const id = this.s.runId;
    if (id !== null) {
      this.foreign.add(id);
      if (stop && (this.live || this.s.phase === 'starting')) void this.client.request('runs/stop', { id }).catch(() => undefined);
      void this.client.request('runs/unsubscribe', { ids: [id] }).catch(() => undefined);
    }
    this.pauseWhenRunning = false;
    this.crawling = false;
    this.sink.clear();
    this.set({ runId: null, outcome: null });
  }

  private start(config: unknown, opts: StartOptions, paused: boolean): void {
    if (this.starting) return;
    this.abandon(true);
    this.starting = true;
    this.held = [];
    this.pauseWhenRunning = paused;
    this.crawling = paused;
    this.set({ phase: 'starting', error: null });
    this.client
      .request('runs/start', {
        lab: this.lab,
        config,
        ...(opts.name ? { name: opts.name } : {}),
        ...(opts.continueFrom !== undefined ? { continueFrom: opts.continueFrom } : {}),
        subscribe: true,
        stepsPerSecond: paused ? CRAWL : this.speed,
      })
      .then(
        ({ id }) => {
          this.set({ runId: id });
          const replay = this.held.filter((h) => h.data.id === id);
          for (const h of this.held) if (h.data.id !== id) this.foreign.add(h.data.id);
          this.held = [];
          for (const h of replay) this.deliver(h);
        },
        (e: unknown) => {
          this.pauseWhenRunning = false;
          this.crawling = false;
          this.set({ phase: 'idle', error: e instanceof Error ? e.message : String(e) });
        },
      )
      .finally(() => {
        this.starting = false;
      });
  }
}
