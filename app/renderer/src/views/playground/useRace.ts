/**
 * The playground's race (lab "race") on the shared run control (controls/runController.ts): Play starts
 * a run (subscribed, throttled to the chosen speed) or resumes a paused one; Pause, Step and Reset as in
 * every lab; speed, noise and hyper-parameter edits during a run go out as runs/update. Streamed batches
 * go straight into the TrajectoryStore (never React state); React state holds the phase, the run and
 * the per-optimizer statuses. Leaving the view stops its run.
 */
import { useCallback, useMemo, useRef } from 'react';

import type { FunctionSpec, OptimizerSpec } from '../../../../../src/native/schemas';
import type { Events } from '../../../../../src/protocol/methods';
import { useRunControl } from '../../controls/useRunControl';
import { divergedAt, type TrajectoryStore } from './TrajectoryStore';

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

type Summary = { optimizers?: { status?: string }[] };

const configOf = (setup: RaceSetup) => ({
  function: setup.function,
  start: setup.start,
  steps: setup.steps,
  optimizers: setup.optimizers,
  ...(setup.sigma > 0 ? { noise: { sigma: setup.sigma } } : {}),
});

export function useRace(store: TrajectoryStore, initialSpeed: number) {
  // the store's shape for the run about to start; the sink clears the store to it when the view
  // leaves its previous run (a start or a reset)
  const nextShape = useRef<{ tracks: number; capacity: number }>({ tracks: 0, capacity: 0 });
  const setupRef = useRef<RaceSetup | null>(null);
  const sink = useMemo(
    () => ({
      batch: (b: Events['run/batch']) => b.stream === 'race' && store.append(b.index, b.columns, b.rows),
      clear: () => {
        store.reset(nextShape.current.tracks, nextShape.current.capacity || undefined);
        nextShape.current = { tracks: 0, capacity: 0 };
      },
    }),
    [store],
  );
  const rc = useRunControl('race', sink, initialSpeed, { stopOnLeave: true, manualAdopt: true });
  const c = rc.controller;

  const begin = useCallback(
    (setup: RaceSetup) => {
      const fresh = c.state.phase === 'idle' || c.state.phase === 'ended';
      if (fresh) {
        nextShape.current = { tracks: setup.optimizers.length, capacity: setup.steps + 1 };
        setupRef.current = setup;
      }
      return fresh;
    },
    [c],
  );

  const play = useCallback(
    (setup: RaceSetup, speed: number) => {
      c.setSpeed(speed);
      begin(setup);
      c.play(configOf(setup));
    },
    [c, begin],
  );
  const step = useCallback(
    (setup: RaceSetup) => {
      begin(setup);
      c.step(configOf(setup));
    },
    [c, begin],
  );
  /** Takes over run `id` (left going by a reloaded page): the view set its fields from the run's config, `setup` is what they give. */
  const adopt = useCallback(
    (setup: RaceSetup, id: number, status: 'running' | 'paused') => {
      nextShape.current = { tracks: setup.optimizers.length, capacity: setup.steps + 1 };
      setupRef.current = setup;
      void c.adopt(id, status);
    },
    [c],
  );
  const reset = useCallback(() => c.reset(), [c]);
  const pause = useCallback(() => c.pause(), [c]);
  const update = useCallback((change: Record<string, unknown>) => c.update(change), [c]);
  const setSpeed = useCallback((v: number) => c.setSpeed(v), [c]);
  const setError = useCallback((e: string | null) => c.setError(e), [c]);

  const run = useMemo<RaceSnapshot | null>(
    () => (rc.runId !== null && setupRef.current ? { id: rc.runId, optimizers: setupRef.current.optimizers, keys: setupRef.current.keys } : null),
    [rc.runId],
  );

  const finalStatus = useMemo(() => {
    const o = rc.outcome;
    if (!o || rc.phase !== 'ended') return null;
    const per = (o.summary as Summary | undefined)?.optimizers;
    return per ? per.map((x) => x.status ?? o.status) : (run?.optimizers.map(() => o.status) ?? []);
  }, [rc.outcome, rc.phase, run]);

  /** Each optimizer's status word: the summary's once the run ended, else running / paused / diverged. */
  const statusOf = (i: number): string => {
    if (finalStatus) return finalStatus[i] ?? 'completed';
    if (rc.phase === 'idle') return 'idle';
    const track = store.tracks[i];
    if (track && divergedAt(track)) return 'diverged';
    return rc.phase === 'paused' ? 'paused' : rc.phase === 'ended' ? 'completed' : 'running';
  };

  return { phase: rc.phase, run, error: rc.error, setError, play, pause, step, reset, adopt, update, setSpeed, statusOf, live: rc.live };
}
