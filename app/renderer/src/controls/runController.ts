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
 * `adopt` takes over a run this view did not start (left running or paused by a reloaded page or a
 * closed window): it subscribes, replays the run's stored points into the sink as batches (and its
 * latest frames), then the live events that came meanwhile, without the rows already replayed.
 *
 * The lab's data go to a sink (a chart store, a trajectory store); React sees only `state`.
 */
import { splitSeries } from '../../../../src/labs/kit';
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

/** The steps of an adopted run's past replayed at most (the latest ones): a view's memory stays bounded however long the run. */
export const ADOPT_STEPS = 1 << 17;

/** How long an adopted run's recorder may hold points before they reach the store (its flush, 250 ms, and a margin). */
export const ADOPT_SETTLE_MS = 400;

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
  /** an adopted run's stored points are being replayed: its live events wait in `held` */
  private adopting = false;
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
      if (id === this.s.runId) {
        if (this.adopting) this.held.push(h);
        else this.deliver(h);
      } else if (this.starting && this.s.runId === null && !this.foreign.has(id)) this.held.push(h);
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

  /**
   * Takes over run `id` of this lab, running or paused (the view's own run, if any, is left going): its
   * stored points and latest frames go to the sink first, then its live events from the subscription
   * on, less the rows the store already gave. The view sets its fields from the run's config itself.
   */
  async adopt(id: number, status: 'running' | 'paused', settleMs = ADOPT_SETTLE_MS): Promise<void> {
    if (this.starting) return;
    this.abandon(false);
    this.foreign.delete(id);
    this.adopting = true;
    this.held = [];
    this.set({ runId: id, phase: status, outcome: null, error: null });
    try {
      await this.client.request('runs/subscribe', { ids: [id] });
      // points made before the subscription reach the store at the recorder's next flush
      await new Promise((r) => setTimeout(r, settleMs));
      const { last, members, status: stored } = await this.replayStored(id);
      if (this.s.runId !== id) return;
      // rows made before the subscription that the store had not taken yet: read once more, between the
      // last stored step and the first live one of each member (a run faster than its store lags more)
      await new Promise((r) => setTimeout(r, settleMs));
      for (const [key, m] of members) {
        const first = this.held.find((h) => h.kind === 'batch' && `${h.data.stream}:${h.data.index}` === key);
        const firstStep = first?.kind === 'batch' ? first.data.columns.step?.[0] : undefined;
        const from = last.get(key);
        if (firstStep === undefined || this.s.runId !== id) continue;
        const gap = await this.readMember(id, m, from === undefined ? undefined : from + 0.5, firstStep - 0.5);
        if (gap && this.s.runId === id) {
          this.sink.batch({ id, stream: m.stream, index: m.index, seq: 0, rows: gap.rows, columns: gap.columns });
          last.set(key, gap.columns.step![gap.rows - 1]!);
        }
      }
      if (this.s.runId !== id) return;
      const replay = this.held;
      this.held = [];
      this.adopting = false;
      for (const h of replay) {
        if (h.kind !== 'batch') this.deliver(h);
        else {
          const rest = rowsAfter(h.data, last.get(`${h.data.stream}:${h.data.index}`));
          if (rest) this.deliver({ kind: 'batch', data: rest });
        }
      }
      // it ended before the subscription: no status event will come, the store says how
      if (!replay.some((h) => h.kind === 'status') && stored !== 'running' && stored !== 'paused' && stored !== 'queued')
        this.onStatus({ id, status: stored as Events['run/status']['status'] });
    } catch (e) {
      this.adopting = false;
      this.held = [];
      this.fail(e, id);
    }
  }

  /** Sends run `id`'s stored series to the sink, one batch per stream member, and its latest frames; returns each member's last step. */
  private async replayStored(id: number): Promise<{ last: Map<string, number>; members: Map<string, Member>; status: string }> {
    const { run, series, artifacts } = await this.client.request('runs/get', { id });
    const status: string = run.status;
    // a long run: only its latest ADOPT_STEPS steps (the older points stay in the store)
    const since = series.some((s) => s.points > ADOPT_STEPS) && run.steps > ADOPT_STEPS ? run.steps - ADOPT_STEPS : undefined;
    const members = new Map<string, Member>();
    for (const s of series) {
      const parts = splitSeries(s.name);
      if (!parts) continue;
      const key = `${parts.stream}:${parts.member}`;
      const m = members.get(key) ?? { stream: parts.stream, index: parts.member, columns: [] };
      m.columns.push(parts.column);
      members.set(key, m);
    }
    const last = new Map<string, number>();
    for (const [key, m] of members) {
      const read = await this.readMember(id, m, since);
      if (this.s.runId !== id) return { last, members, status };
      if (read) {
        this.sink.batch({ id, stream: m.stream, index: m.index, seq: 0, rows: read.rows, columns: read.columns });
        last.set(key, read.columns.step![read.rows - 1]!);
      }
    }
    for (const name of new Set(artifacts.filter((a) => a.kind === 'frame_latest').map((a) => a.name))) {
      const { frames } = await this.client.request('runs/frames', { id, name, which: 'latest' });
      if (this.s.runId !== id) return { last, members, status };
      for (const f of frames) this.sink.frame?.({ id, ...(f as object) } as Events['run/frame']);
    }
    return { last, members, status };
  }

  /** A stream member's stored rows (steps in [from, to]) as one batch's columns, with its step column; null when none. */
  private async readMember(id: number, m: Member, from?: number, to?: number): Promise<{ rows: number; columns: Record<string, Float64Array> } | null> {
    const prefix = `${m.stream}${m.index || ''}_`;
    const range = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
    const read = await Promise.all(m.columns.map((c) => this.client.request('runs/series', { id, name: `${prefix}${c}`, ...range })));
    const steps = read[0]?.steps;
    if (!steps || steps.length === 0) return null;
    const columns: Record<string, Float64Array> = { step: Float64Array.from(steps) };
    m.columns.forEach((c, i) => (columns[c] = alignTo(steps, read[i]!)));
    return { rows: steps.length, columns };
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
    this.adopting = false;
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

/** One member of a stream (race member 2, the "epoch" stream) and the columns it stores. */
interface Member {
  stream: string;
  index: number;
  columns: string[];
}

/** One column's values at `steps` (every column of a stream member is written with the same steps; a
 * column that misses a step gets NaN there). */
function alignTo(steps: Float64Array, s: { steps: Float64Array; values: Float64Array }): Float64Array {
  if (s.steps.length === steps.length && s.steps.every((v, i) => v === steps[i])) return Float64Array.from(s.values);
  const at = new Map<number, number>();
  s.steps.forEach((v, i) => at.set(v, s.values[i]!));
  return Float64Array.from(steps, (v) => at.get(v) ?? NaN);
}

/** The rows of a live batch after step `last` (all of them when the store had none, or the batch has no step column); null when none is left. */
function rowsAfter(b: Events['run/batch'], last: number | undefined): Events['run/batch'] | null {
  const step = b.columns.step;
  if (last === undefined || !step) return b;
  let from = 0;
  while (from < b.rows && step[from]! <= last) from++;
  if (from === 0) return b;
  if (from === b.rows) return null;
  const columns: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(b.columns)) columns[k] = v.subarray(from, b.rows);
  return { ...b, rows: b.rows - from, columns };
}
