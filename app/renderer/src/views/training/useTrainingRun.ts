/**
 * One training run at a time (lab "train": the training and CNN views) on the shared run control
 * (controls/runController.ts): batches and frames go into a LiveRun (outside React); the phase, the
 * status and errors are React state. Adds the data set key of the run the live data belong to.
 */
import { useCallback, useMemo, useRef, useState } from 'react';

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
  /** takes over run `id` (left going by a reloaded page; the view's fields set from its config) */
  adopt(config: TrainConfig, datasetKey: string, name: string, id: number, status: 'running' | 'paused'): void;
  reset(): void;
  update(set: Record<string, number | boolean>): void;
  /** sends a live change other than hyper-parameters to the running or paused run */
  change(change: Record<string, unknown>): void;
  /** image sets: one test image ({example}) or drawn picture ({pixels}) through the network — the live
   * run's current weights, or an ended run's stored ones; the "features" frame lands in `live` */
  probe(probe: { example: number } | { pixels: number[] }): void;
  setSpeed(stepsPerSecond: number): void;
  /** "continue for n more epochs": a paused run's budget grows by n and it resumes; an ended run's
   * weights start a new run of n epochs with its settings (runs/start continueFrom) */
  continueEpochs(n: number): void;
  /** whether continueEpochs can act now */
  canContinue: boolean;
}

/** steps per second a run starts with until the speed choice changes it */
export const DEFAULT_SPEED = 300;

export function useTrainingRun(): TrainingRun {
  const live = useMemo(() => new LiveRun(), []);
  const sink = useMemo(
    () => ({
      batch: (b: { stream: string; index: number; columns: Record<string, Float64Array> }) => live.addBatch(b.stream, b.columns, b.index),
      frame: (f: { name: string }) => {
        if (f.name === 'prediction') live.setFrame(f as unknown as PredictionFrameData);
        else live.setLabFrame(f as unknown as LabFrame);
      },
      clear: () => live.clear(),
    }),
    [live],
  );
  const run = useRunControl('train', sink, DEFAULT_SPEED, { manualAdopt: true });
  const c = run.controller;
  const [datasetKey, setDatasetKey] = useState<string | null>(null);
  // the run's config and epoch budget as started (and grown by continueEpochs)
  const started = useRef<{ config: TrainConfig; key: string; name: string; epochs: number } | null>(null);

  const begin = useCallback(
    (how: 'play' | 'step', config: TrainConfig, key: string, name: string, continueFrom?: number) => {
      const fresh = c.state.phase === 'idle' || c.state.phase === 'ended';
      if (fresh) {
        setDatasetKey(key);
        started.current = { config, key, name, epochs: config.epochs ?? 100 };
      }
      const opts = { name, ...(continueFrom !== undefined ? { continueFrom } : {}) };
      if (how === 'play') c.play(config, opts);
      else c.step(config, opts);
    },
    [c],
  );

  const ended = run.phase === 'ended' && run.outcome !== null && run.outcome.status !== 'failed' && run.outcome.status !== 'diverged';
  const canContinue = started.current !== null && (run.phase === 'paused' || (ended && run.runId !== null));
  const continueEpochs = useCallback(
    (n: number) => {
      const s = started.current;
      if (!s || !Number.isInteger(n) || n < 1) return;
      if (c.state.phase === 'paused') {
        s.epochs += n;
        c.update({ epochs: s.epochs });
        c.play(s.config);
      } else if (c.state.phase === 'ended' && c.state.runId !== null) {
        const from = c.state.runId;
        begin('play', { ...s.config, epochs: n }, s.key, s.name ? `${s.name} (+${n})` : '', from);
      }
    },
    [c, begin],
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
    adopt: useCallback(
      (config: TrainConfig, key: string, name: string, id: number, status: 'running' | 'paused') => {
        setDatasetKey(key);
        started.current = { config, key, name, epochs: config.epochs ?? 100 };
        void c.adopt(id, status);
      },
      [c],
    ),
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
    continueEpochs,
    canContinue,
  };
}
