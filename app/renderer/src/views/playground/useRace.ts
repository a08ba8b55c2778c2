/**
 * The playground's race against the lab host: Play starts a `race` run (subscribed, throttled to the
 * chosen speed) or resumes a paused one; Pause and Step use runs/pause and runs/step (Step before any
 * run starts one that is paused at once, so it advances exactly one update); Reset stops the run and
 * clears the map. Speed, noise and hyper-parameter edits during a run go out as runs/update. Streamed
 * batches go straight into the TrajectoryStore (never React state); React state holds only the phase,
 * the run's id and the per-optimizer statuses. Actions run one after another, in the order asked.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { LabClient } from '../../../../../src/protocol/client';
import type { FunctionSpec, OptimizerSpec } from '../../../../../src/native/schemas';
import { divergedAt, type TrajectoryStore } from './TrajectoryStore';

export type Phase = 'idle' | 'running' | 'paused' | 'ended';

/** What a run was started with (kept for the chart's series and the numbers panel). */
export interface RaceSnapshot {
  id: number;
  optimizers: OptimizerSpec[];
  /** the optimizer list's own keys, so edits find the run's optimizer */
  keys: number[];
}

export interface RaceSetup {
  function: FunctionSpec;
  start: [number, number];
  steps: number;
  sigma: number;
  optimizers: OptimizerSpec[];
  keys: number[];
}

/**
 * The rate of a run that Step starts: the engine does update 1 at once and then waits half a second for
 * update 2; the pause sent right after the start wakes the waiting loop at once (native Session::pause)
 * and lands in between. Play after it sets the chosen speed before resuming.
 */
const PAUSED_START_RATE = 2;
const TERMINAL = new Set(['completed', 'stopped', 'diverged', 'failed', 'interrupted']);

type Summary = { optimizers?: { status?: string }[] };

export function useRace(client: LabClient, store: TrajectoryStore) {
  const [phase, setPhaseState] = useState<Phase>('idle');
  const [run, setRun] = useState<RaceSnapshot | null>(null);
  const [finalStatus, setFinalStatus] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const phaseRef = useRef<Phase>('idle');
  const runRef = useRef<RaceSnapshot | null>(null);
  const starting = useRef<{ batches: unknown[] } | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const setPhase = useCallback((p: Phase) => {
    phaseRef.current = p;
    setPhaseState(p);
  }, []);

  // events: batches of our run into the store; its end (with the summary) into the phase
  useEffect(() => {
    type BatchEv = { id: number; stream: string; index: number; rows: number; columns: Record<string, Float64Array> };
    const onBatch = (b: BatchEv) => {
      if (starting.current) starting.current.batches.push(b);
      else if (b.id === runRef.current?.id && b.stream === 'race') store.append(b.index, b.columns, b.rows);
    };
    const offBatch = client.on('run/batch', onBatch);
    const offStatus = client.on('run/status', (e) => {
      if (e.id !== runRef.current?.id || !TERMINAL.has(e.status)) return;
      const summary = (e as { summary?: Summary }).summary;
      setFinalStatus(summary?.optimizers?.map((o) => o.status ?? e.status) ?? runRef.current.optimizers.map(() => e.status));
      if (e.status === 'failed' && e.detail) setError(e.detail);
      setPhase('ended');
    });
    return () => {
      offBatch();
      offStatus();
    };
  }, [client, store, setPhase]);

  /** Runs `fn` after every action asked before it; errors become the message under the controls. */
  const enqueue = useCallback((fn: () => Promise<void>) => {
    queue.current = queue.current.then(fn).catch((e: unknown) => {
      // the run ended on its own just before a pause / step / update reached it: nothing to report
      if ((e as { code?: string }).code === 'RUN_STATE' && phaseRef.current === 'ended') return;
      setError(e instanceof Error ? e.message : String(e));
    });
    return queue.current;
  }, []);

  const startRun = useCallback(
    async (setup: RaceSetup, stepsPerSecond: number) => {
      store.reset(setup.optimizers.length, setup.steps + 1);
      setFinalStatus(null);
      setError(null);
      const config = {
        function: setup.function,
        start: setup.start,
        steps: setup.steps,
        optimizers: setup.optimizers,
        ...(setup.sigma > 0 ? { noise: { sigma: setup.sigma } } : {}),
      };
      runRef.current = null;
      starting.current = { batches: [] };
      let id: number;
      try {
        ({ id } = await client.request('runs/start', { lab: 'race', config, subscribe: true, stepsPerSecond }));
      } finally {
        const early = starting.current?.batches ?? [];
        starting.current = null;
        // batches that raced ahead of the answer: keep ours, in order
        for (const b of early as { id: number; stream: string; index: number; rows: number; columns: Record<string, Float64Array> }[])
          if (b.id === id! && b.stream === 'race') store.append(b.index, b.columns, b.rows);
      }
      const snap = { id, optimizers: setup.optimizers, keys: setup.keys };
      runRef.current = snap;
      setRun(snap);
    },
    [client, store],
  );

  const live = () => phaseRef.current === 'running' || phaseRef.current === 'paused';

  const play = useCallback(
    (setup: RaceSetup, speed: number) =>
      enqueue(async () => {
        if (phaseRef.current === 'paused' && runRef.current) {
          await client.request('runs/update', { id: runRef.current.id, change: { steps_per_second: speed } });
          await client.request('runs/resume', { id: runRef.current.id });
          if (phaseRef.current === 'paused') setPhase('running');
          return;
        }
        if (phaseRef.current === 'running') return;
        await startRun(setup, speed);
        setPhase('running');
      }),
    [enqueue, client, startRun, setPhase],
  );

  const pause = useCallback(
    () =>
      enqueue(async () => {
        if (phaseRef.current !== 'running' || !runRef.current) return;
        await client.request('runs/pause', { id: runRef.current.id });
        if (phaseRef.current === 'running') setPhase('paused');
      }),
    [enqueue, client, setPhase],
  );

  const step = useCallback(
    (setup: RaceSetup) =>
      enqueue(async () => {
        if (phaseRef.current === 'running') return;
        if (phaseRef.current === 'paused' && runRef.current) {
          await client.request('runs/step', { id: runRef.current.id });
          return;
        }
        // no run yet (or it has ended): start one that does its first update and then waits
        await startRun(setup, PAUSED_START_RATE);
        setPhase('paused');
        const { step: at } = await client.request('runs/pause', { id: runRef.current!.id });
        if (at === 0) await client.request('runs/step', { id: runRef.current!.id });
      }),
    [enqueue, client, startRun, setPhase],
  );

  const reset = useCallback(
    () =>
      enqueue(async () => {
        const r = runRef.current;
        if (r && live()) await client.request('runs/stop', { id: r.id }).catch(() => undefined);
        runRef.current = null;
        setRun(null);
        setFinalStatus(null);
        setError(null);
        store.reset(0);
        setPhase('idle');
      }),
    [enqueue, client, store, setPhase],
  );

  /** A live change (validated by the engine at once); ignored when no run is going. */
  const update = useCallback(
    (change: Record<string, unknown>) =>
      enqueue(async () => {
        if (!live() || !runRef.current) return;
        await client.request('runs/update', { id: runRef.current.id, change });
      }),
    [enqueue, client],
  );

  // leaving the view ends its run
  useEffect(
    () => () => {
      const r = runRef.current;
      if (r && (phaseRef.current === 'running' || phaseRef.current === 'paused')) void client.request('runs/stop', { id: r.id }).catch(() => undefined);
    },
    [client],
  );

  /** Each optimizer's status word: the summary's once the run ended, else running / paused / diverged. */
  const statusOf = (i: number): string => {
    if (finalStatus) return finalStatus[i] ?? 'completed';
    if (phase === 'idle') return 'idle';
    const track = store.tracks[i];
    if (track && divergedAt(track)) return 'diverged';
    return phase === 'paused' ? 'paused' : phase === 'ended' ? 'completed' : 'running';
  };

  return { phase, run, error, setError, play, pause, step, reset, update, statusOf, live: phase === 'running' || phase === 'paused' };
}
