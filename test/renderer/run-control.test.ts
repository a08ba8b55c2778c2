// The shared run control (controls/runController.ts) against a fake host: events that arrive before the
// start reply are replayed for the new run and others' dropped; the phase follows status events; Step
// with no run starts at a crawl, pauses when it runs, steps once if the pause came first, then sets the
// chosen speed; pause asked while starting lands once it runs; reset stops, unsubscribes and clears;
// an error after the run ended on its own is not shown; live changes go out only while live.
import { describe, expect, it } from 'vitest';

import { ADOPT_STEPS, RunController, type ControlClient } from '../../app/renderer/src/controls/runController';

type Handler = (data: never) => void;

class FakeHost {
  sent: { method: string; params: Record<string, unknown> }[] = [];
  handlers = new Map<string, Set<Handler>>();
  replies = new Map<string, (params: Record<string, unknown>) => unknown>();
  pending: { method: string; resolve: (v: unknown) => void; reject: (e: unknown) => void; params: Record<string, unknown> }[] = [];
  /** methods answered only when the test calls answer() */
  held = new Set<string>();

  client: ControlClient = {
    request: ((method: string, params: Record<string, unknown>) => {
      this.sent.push({ method, params });
      return new Promise<unknown>((resolve, reject) => {
        if (this.held.has(method)) this.pending.push({ method, resolve, reject, params });
        else {
          try {
            resolve(this.replies.get(method)?.(params) ?? {});
          } catch (e) {
            reject(e as Error);
          }
        }
      });
    }) as unknown as ControlClient['request'],
    on: ((event: string, fn: Handler) => {
      const set = this.handlers.get(event) ?? new Set();
      set.add(fn);
      this.handlers.set(event, set);
      return () => set.delete(fn);
    }) as unknown as ControlClient['on'],
  };

  emit(event: string, data: unknown): void {
    for (const fn of this.handlers.get(event) ?? []) fn(data as never);
  }

  answer(method: string, value: unknown): void {
    const i = this.pending.findIndex((p) => p.method === method);
    const [p] = this.pending.splice(i, 1);
    p!.resolve(value);
  }

  methods = () => this.sent.map((s) => s.method);
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(speed = 30) {
  const host = new FakeHost();
  const batches: { id: number; stream: string }[] = [];
  let cleared = 0;
  const ctl = new RunController(host.client, 'demo', { batch: (b) => batches.push({ id: b.id, stream: b.stream }), clear: () => cleared++ }, speed);
  const detach = ctl.attach(true);
  return { host, ctl, batches, cleared: () => cleared, detach };
}

const batch = (id: number, stream = 's') => ({ id, stream, index: 0, seq: 0, rows: 1, columns: {} });

describe('RunController', () => {
  it('replays the events of its run that came before the start reply, and drops the others', async () => {
    const { host, ctl, batches } = setup();
    host.held.add('runs/start');
    ctl.play({ a: 1 }, { name: 'n' });
    expect(ctl.state.phase).toBe('starting');
    expect(host.sent[0]).toEqual({ method: 'runs/start', params: { lab: 'demo', config: { a: 1 }, name: 'n', subscribe: true, stepsPerSecond: 30 } });
    host.emit('run/status', { id: 7, status: 'queued' });
    host.emit('run/status', { id: 7, status: 'running' });
    host.emit('run/batch', batch(7));
    host.emit('run/batch', batch(6)); // someone else's run, started at the same time
    host.answer('runs/start', { id: 7 });
    await flush();
    expect(ctl.state).toMatchObject({ runId: 7, phase: 'running' });
    expect(batches).toEqual([{ id: 7, stream: 's' }]);
    host.emit('run/batch', batch(6));
    host.emit('run/batch', batch(7, 't'));
    expect(batches.map((b) => b.stream)).toEqual(['s', 't']);
  });

  it('ends with the host status, the lab word and the summary', async () => {
    const { host, ctl } = setup();
    host.replies.set('runs/start', () => ({ id: 3 }));
    ctl.play({});
    await flush();
    host.emit('run/status', { id: 3, status: 'running' });
    const summary = { status: 'reached_target', optimizers: [{ status: 'diverged' }] };
    host.emit('run/status', { id: 3, status: 'completed', summary });
    expect(ctl.state.phase).toBe('ended');
    expect(ctl.state.outcome).toEqual({ status: 'completed', labStatus: 'reached_target', summary });
    expect(ctl.live).toBe(false);
  });

  it('Step with no run: starts at a crawl, pauses once running, steps when the pause came first, then sets the speed', async () => {
    const { host, ctl } = setup(50);
    host.replies.set('runs/start', () => ({ id: 4 }));
    host.replies.set('runs/pause', () => ({ step: 0 }));
    host.replies.set('runs/step', () => ({ step: 1 }));
    ctl.step({});
    await flush();
    expect(host.sent[0]!.params.stepsPerSecond).toBe(1e-3);
    expect(host.methods()).toEqual(['runs/start']);
    host.emit('run/status', { id: 4, status: 'running' });
    await flush();
    await flush();
    expect(host.methods()).toEqual(['runs/start', 'runs/pause', 'runs/step', 'runs/update']);
    expect(host.sent[3]!.params).toEqual({ id: 4, change: { steps_per_second: 50 } });
    host.emit('run/status', { id: 4, status: 'paused' });
    expect(ctl.state.phase).toBe('paused');
    // a paused run steps by runs/step and plays by runs/resume
    ctl.step({});
    ctl.play({});
    await flush();
    expect(host.methods().slice(4)).toEqual(['runs/step', 'runs/resume']);
  });

  it('Step whose pause lands after the first step does not step again', async () => {
    const { host, ctl } = setup();
    host.replies.set('runs/start', () => ({ id: 4 }));
    host.replies.set('runs/pause', () => ({ step: 1 }));
    ctl.step({});
    await flush();
    host.emit('run/status', { id: 4, status: 'running' });
    await flush();
    await flush();
    expect(host.methods()).toEqual(['runs/start', 'runs/pause', 'runs/update']);
  });

  it('a pause asked while starting is sent once the run runs', async () => {
    const { host, ctl } = setup();
    host.held.add('runs/start');
    host.replies.set('runs/pause', () => ({ step: 9 }));
    ctl.play({});
    ctl.pause();
    host.answer('runs/start', { id: 5 });
    await flush();
    expect(host.methods()).toEqual(['runs/start']);
    host.emit('run/status', { id: 5, status: 'running' });
    await flush();
    expect(host.methods()).toEqual(['runs/start', 'runs/pause']);
  });

  it('reset stops and unsubscribes a going run, clears the data and ignores its later events', async () => {
    const { host, ctl, batches, cleared } = setup();
    host.replies.set('runs/start', () => ({ id: 8 }));
    ctl.play({});
    await flush();
    expect(cleared()).toBe(1); // a start leaves the previous data
    host.emit('run/status', { id: 8, status: 'running' });
    ctl.reset();
    await flush();
    expect(host.methods().slice(1)).toEqual(['runs/stop', 'runs/unsubscribe']);
    expect(ctl.state).toEqual({ phase: 'idle', runId: null, outcome: null, error: null });
    expect(cleared()).toBe(2);
    host.emit('run/batch', batch(8));
    host.emit('run/status', { id: 8, status: 'stopped' });
    expect(batches).toEqual([]);
    expect(ctl.state.phase).toBe('idle');
  });

  it('shows a refused start and goes back to idle; hides a refusal that only says the run already ended', async () => {
    const { host, ctl } = setup();
    host.replies.set('runs/start', () => {
      throw new Error('demo.steps: expected an integer ≥ 1, got -5');
    });
    ctl.play({});
    await flush();
    expect(ctl.state).toMatchObject({ phase: 'idle', error: 'demo.steps: expected an integer ≥ 1, got -5' });

    host.replies.set('runs/start', () => ({ id: 2 }));
    host.held.add('runs/pause');
    ctl.play({});
    await flush();
    expect(ctl.state.error).toBeNull();
    host.emit('run/status', { id: 2, status: 'running' });
    ctl.pause();
    host.emit('run/status', { id: 2, status: 'completed' });
    const p = host.pending.find((x) => x.method === 'runs/pause')!;
    p.reject(Object.assign(new Error('run 2 is not running'), { code: 'RUN_STATE' }));
    await flush();
    expect(ctl.state.error).toBeNull();
  });

  it('sends live changes, probes and speed only while live; an ended run answers probes from the store', async () => {
    const frames: unknown[] = [];
    const host = new FakeHost();
    const ctl = new RunController(host.client, 'demo', { batch: () => undefined, frame: (f) => frames.push(f), clear: () => undefined }, 10);
    ctl.attach();
    ctl.update({ set: { lr: 0.1 } });
    ctl.setSpeed(20);
    expect(host.sent).toEqual([]);
    host.replies.set('runs/start', () => ({ id: 1 }));
    ctl.play({});
    await flush();
    expect(host.sent[0]!.params.stepsPerSecond).toBe(20);
    host.emit('run/status', { id: 1, status: 'running' });
    ctl.update({ set: { lr: 0.1 } });
    ctl.probe({ example: 3 });
    ctl.setSpeed(40);
    expect(host.sent.slice(1).map((s) => s.params)).toEqual([
      { id: 1, change: { set: { lr: 0.1 } } },
      { id: 1, change: { probe: { example: 3 } } },
      { id: 1, change: { steps_per_second: 40 } },
    ]);
    host.emit('run/status', { id: 1, status: 'completed' });
    host.replies.set('runs/probe', () => ({ frame: { name: 'features', step: 5 } }));
    ctl.probe({ example: 2 });
    await flush();
    expect(host.sent.at(-1)).toEqual({ method: 'runs/probe', params: { id: 1, probe: { example: 2 } } });
    expect(frames).toEqual([{ id: 1, name: 'features', step: 5 }]);
  });

  it('leaving the view stops a going run when asked to', async () => {
    const { host, ctl, detach } = setup();
    host.replies.set('runs/start', () => ({ id: 9 }));
    ctl.play({});
    await flush();
    host.emit('run/status', { id: 9, status: 'paused' });
    detach();
    expect(host.methods().slice(1)).toEqual(['runs/stop', 'runs/unsubscribe']);
  });

  it('adopts a run it did not start: its stored points first, then the live rows after them, then its status', async () => {
    const host = new FakeHost();
    const got: { stream: string; index: number; rows: number; columns: Record<string, number[]> }[] = [];
    const frames: unknown[] = [];
    const ctl = new RunController(
      host.client,
      'demo',
      {
        batch: (b) => got.push({ stream: b.stream, index: b.index, rows: b.rows, columns: Object.fromEntries(Object.entries(b.columns).map(([k, v]) => [k, Array.from(v)])) }),
        frame: (f) => frames.push(f),
        clear: () => undefined,
      },
      30,
    );
    ctl.attach();
    const f64 = (a: number[]) => Float64Array.from(a);
    const stored: Record<string, { steps: number[]; values: number[] }> = {
      s_loss: { steps: [0, 1, 2, 3], values: [4, 3, 2, 1] },
      s_lr: { steps: [0, 1, 2, 3], values: [0.1, 0.1, 0.1, 0.1] },
      s2_loss: { steps: [0, 1], values: [9, 8] },
      e_acc: { steps: [0, 5], values: [0.5, 0.75] },
    };
    host.replies.set('runs/series', (p) => {
      const s = stored[p.name as string]!;
      const keep = s.steps.map((st, i) => i).filter((i) => s.steps[i]! >= ((p.from as number | undefined) ?? -Infinity) && s.steps[i]! <= ((p.to as number | undefined) ?? Infinity));
      return { steps: f64(keep.map((i) => s.steps[i]!)), times: f64(keep.map((i) => s.steps[i]!)), values: f64(keep.map((i) => s.values[i]!)), raw: true };
    });
    host.replies.set('runs/frames', (p) => ({ frames: [{ name: p.name, step: 3, shape: [1], data: f64([7]) }] }));
    host.held.add('runs/get');
    const done = ctl.adopt(12, 'running', 0);
    expect(ctl.state).toMatchObject({ runId: 12, phase: 'running' });
    await flush();
    await flush();
    expect(host.methods()).toEqual(['runs/subscribe', 'runs/get']);
    // live events that come while the store is read wait, then go without the rows it gave
    host.emit('run/batch', { id: 12, stream: 's', index: 0, seq: 4, rows: 3, columns: { step: f64([2, 3, 4]), loss: f64([2, 1, 0.5]), lr: f64([0.1, 0.1, 0.1]) } });
    host.emit('run/batch', { id: 12, stream: 's', index: 2, seq: 2, rows: 1, columns: { step: f64([4]), loss: f64([5]) } });
    host.emit('run/status', { id: 12, status: 'paused' });
    expect(got).toEqual([]);
    host.answer('runs/get', { run: { id: 12, status: 'running' }, series: Object.keys(stored).map((name) => ({ name, points: stored[name]!.steps.length })), artifacts: [{ kind: 'frame_latest', name: 'map' }, { kind: 'frame', name: 'map' }] });
    await flush();
    // meanwhile the store took steps 2 and 3 of member 2, made before the subscription: read once more
    stored.s2_loss = { steps: [0, 1, 2, 3, 4], values: [9, 8, 7, 6, 5] };
    await done;
    expect(got).toEqual([
      { stream: 's', index: 0, rows: 4, columns: { step: [0, 1, 2, 3], loss: [4, 3, 2, 1], lr: [0.1, 0.1, 0.1, 0.1] } },
      { stream: 's', index: 2, rows: 2, columns: { step: [0, 1], loss: [9, 8] } },
      { stream: 'e', index: 0, rows: 2, columns: { step: [0, 5], acc: [0.5, 0.75] } },
      { stream: 's', index: 2, rows: 2, columns: { step: [2, 3], loss: [7, 6] } },
      { stream: 's', index: 0, rows: 1, columns: { step: [4], loss: [0.5], lr: [0.1] } },
      { stream: 's', index: 2, rows: 1, columns: { step: [4], loss: [5] } },
    ]);
    expect(frames).toEqual([{ id: 12, name: 'map', step: 3, shape: [1], data: f64([7]) }]);
    expect(ctl.state.phase).toBe('paused');
    // from now on its events go straight through
    host.emit('run/batch', { id: 12, stream: 's', index: 0, seq: 5, rows: 1, columns: { step: f64([5]), loss: f64([0.4]) } });
    expect(got.at(-1)).toEqual({ stream: 's', index: 0, rows: 1, columns: { step: [5], loss: [0.4] } });
    // and the controls act on it
    ctl.play({});
    expect(host.sent.at(-1)).toEqual({ method: 'runs/resume', params: { id: 12 } });
  });

  it('adopting a run that ended meanwhile shows it ended, as the store says', async () => {
    const host = new FakeHost();
    const ctl = new RunController(host.client, 'demo', { batch: () => undefined, clear: () => undefined }, 30);
    ctl.attach();
    host.replies.set('runs/get', () => ({ run: { id: 4, status: 'completed' }, series: [], artifacts: [] }));
    await ctl.adopt(4, 'running', 0);
    expect(ctl.state).toMatchObject({ runId: 4, phase: 'ended', outcome: { status: 'completed' } });
  });

  it('adopting a long run replays only its latest steps (the view stays bounded)', async () => {
    const host = new FakeHost();
    const ctl = new RunController(host.client, 'demo', { batch: () => undefined, clear: () => undefined }, 30);
    ctl.attach();
    host.replies.set('runs/get', () => ({ run: { id: 5, status: 'paused', steps: 300_000 }, series: [{ name: 's_loss', points: 300_001 }], artifacts: [] }));
    host.replies.set('runs/series', () => ({ steps: Float64Array.from([300_000]), times: Float64Array.from([0]), values: Float64Array.from([1]), raw: true }));
    await ctl.adopt(5, 'paused', 0);
    expect(host.sent.find((x) => x.method === 'runs/series')?.params).toEqual({ id: 5, name: 's_loss', from: 300_000 - ADOPT_STEPS });
  });
});
