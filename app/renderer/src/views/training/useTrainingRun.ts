/**
 * One training run at a time (lab "train": the training and CNN views) on the shared run control
 * (controls/runController.ts): batches and frames go into a LiveRun (outside React); the phase, the
 * status and errors are React state. Adds the data set key of the run the live data belong to.
 */
import { useCallback, useMemo, useState } from 'react';

import type { TrainConfig } from '../../../../../src/native/schemas';
import type { RunOutcome, RunPhase } from '../../controls/runController';
import { useRunControl } from '../../controls/useRunControl';
import type { PredictionFrameData } from './boundary';
import { LiveRun, type LabFrame } from './liveRun';

export type { RunOutcome, RunPhase };

export interface TrainingRun {
  phase: RunPhase;
  runId: number | null;
  outcome: RunOutcome | null;
  /** the host refused something (start, pause, update…): its message */
  error: string | null;
  live: LiveRun;
  /** the data set key of the run the live data belong to */
  datasetKey: string | null;
  /** starts a run (named `name`) or resumes the paused one */
  play(config: TrainConfig, datasetKey: string, name: string): void;
  pause(): void;
  step(config: TrainConfig, datasetKey: string, name: string): void;
  reset(): void;
  update(set: Record<string, number | boolean>): void;
  /** sends a live change other than hyper-parameters to the running or paused run */
  change(change: Record<string, unknown>): void;
  /** image sets: one test image ({example}) or drawn picture ({pixels}) through the network — the live
   * run's current weights, or an ended run's stored ones; the "features" frame lands in `live` */
  probe(probe: { example: number } | { pixels: number[] }): void;
  setSpeed(stepsPerSecond: number): void;
}

/** steps per second a run starts with until the speed choice changes it */
export const DEFAULT_SPEED = 300;

export function useTrainingRun(): TrainingRun {
  const live = useMemo(() => new LiveRun(), []);
  const sink = useMemo(
    () => ({
      batch: (b: { stream: string; columns: Record<string, Float64Array> }) => live.addBatch(b.stream, b.columns),
      frame: (f: { name: string }) => {
        if (f.name === 'prediction') live.setFrame(f as unknown as PredictionFrameData);
        else live.setLabFrame(f as unknown as LabFrame);
      },
      clear: () => live.clear(),
    }),
    [live],
  );
  const run = useRunControl('train', sink, DEFAULT_SPEED);
  const c = run.controller;
  const [datasetKey, setDatasetKey] = useState<string | null>(null);

  const begin = useCallback(
    (how: 'play' | 'step', config: TrainConfig, key: string, name: string) => {
      const fresh = c.state.phase === 'idle' || c.state.phase === 'ended';
      if (fresh) setDatasetKey(key);
      if (how === 'play') c.play(config, { name });
      else c.step(config, { name });
    },
    [c],
  );

  return {
    phase: run.phase,
    runId: run.runId,
    outcome: run.outcome,
    error: run.error,
    live,
    // no run and none starting (reset, or a start the host refused): the live data belong to no data set
    datasetKey: run.phase === 'idle' && run.runId === null ? null : datasetKey,
    play: useCallback((config: TrainConfig, key: string, name: string) => begin('play', config, key, name), [begin]),
    pause: useCallback(() => c.pause(), [c]),
    step: useCallback((config: TrainConfig, key: string, name: string) => begin('step', config, key, name), [begin]),
    reset: useCallback(() => {
      c.reset();
      setDatasetKey(null);
    }, [c]),
    update: useCallback((set: Record<string, number | boolean>) => c.update({ set }), [c]),
    change: useCallback((change: Record<string, unknown>) => c.update(change), [c]),
    probe: useCallback((p: { example: number } | { pixels: number[] }) => c.probe(p), [c]),
    setSpeed: useCallback((sps: number) => c.setSpeed(sps), [c]),
  };
}
