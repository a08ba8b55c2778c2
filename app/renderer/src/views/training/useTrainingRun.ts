/**
 * One training run at a time, over the protocol: start (`runs/start`, lab "train", subscribed from its
 * first batch), pause / one step / resume / stop, live changes (`runs/update`: {set: {lr}} and the
 * speed), and the run's status. Batches and frames go into a LiveRun (outside React); only the phase,
 * the status and errors are React state.
 *
 * Events of a run can arrive before the `runs/start` answer that names it, so while a start is pending
 * the events of any run not known to be someone else's are held, then replayed for the new id.
 * "Step" with no run starts one paused after its first step (started at a crawl, paused, then set to
 * the chosen speed), so every step the user asks for is exactly one optimizer step.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import type { TrainConfig } from '../../../../../src/native/schemas';
import type { Events } from '../../../../../src/protocol/methods';
import { useClient } from '../../connection/ClientProvider';
import type { PredictionFrameData } from './boundary';
import { LiveRun, type LabFrame } from './liveRun';

export type RunPhase = 'idle' | 'starting' | 'running' | 'paused' | 'ended';
type HostStatus = Events['run/status']['status'] | 'interrupted';

export interface RunOutcome {
  /** the host's status (completed, stopped, diverged, failed…) */
  status: HostStatus;
  /** the lab's own word when it ended by itself (reached_target, early_stopped, diverged…) */
  labStatus?: string;
  detail?: string;
}

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

type Held = { kind: 'batch'; data: Events['run/batch'] } | { kind: 'frame'; data: Events['run/frame'] } | { kind: 'status'; data: Events['run/status'] };

/** steps per second a run starts with until the speed choice changes it */
export const DEFAULT_SPEED = 300;
const CRAWL = 1e-3; // steps per second of a run started for one step: it waits ~17 min before a second

export function useTrainingRun(): TrainingRun {
  const client = useClient();
  const live = useMemo(() => new LiveRun(), []);
  const [phase, setPhase] = useState<RunPhase>('idle');
  const [runId, setRunId] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [datasetKey, setDatasetKey] = useState<string | null>(null);

  const idRef = useRef<number | null>(null);
  const phaseRef = useRef<RunPhase>('idle');
  const starting = useRef(false);
  const held = useRef<Held[]>([]);
  const foreign = useRef(new Set<number>()); // runs this view left (reset, replaced) or never owned
  const pauseWhenRunning = useRef(false);
  const speedRef = useRef(DEFAULT_SPEED);
  const crawling = useRef(false); // started for one step, not paused yet

  const setPhaseBoth = useCallback((p: RunPhase) => {
    phaseRef.current = p;
    setPhase(p);
  }, []);

  const fail = useCallback((e: unknown) => setError(e instanceof Error ? e.message : String(e)), []);

  const pauseNow = useCallback(
    (id: number) => {
      client.request('runs/pause', { id }).then(
        ({ step }) => {
          if (idRef.current !== id) return;
          live.noteStep(step);
          if (crawling.current) {
            // the crawl speed of a one-step start is replaced by the chosen one, ready for play
            crawling.current = false;
            void client.request('runs/update', { id, change: { steps_per_second: speedRef.current } }).catch(() => undefined);
          }
        },
        (e: unknown) => idRef.current === id && fail(e),
      );
    },
    [client, live, fail],
  );

  const onStatus = useCallback(
    (s: Events['run/status']) => {
      const st = s.status as HostStatus;
      if (st === 'running') {
        setPhaseBoth('running');
        if (pauseWhenRunning.current) {
          pauseWhenRunning.current = false;
          pauseNow(s.id);
        }
      } else if (st === 'paused') setPhaseBoth('paused');
      else if (st === 'queued') setPhaseBoth('starting');
      else {
        const summary = (s as { summary?: { status?: string } }).summary;
        setOutcome({ status: st, ...(summary?.status ? { labStatus: summary.status } : {}), ...(s.detail ? { detail: s.detail } : {}) });
        setPhaseBoth('ended');
      }
    },
    [pauseNow, setPhaseBoth],
  );

  const deliver = useCallback(
    (h: Held) => {
      if (h.kind === 'batch') live.addBatch(h.data.stream, h.data.columns);
      else if (h.kind === 'frame') {
        if (h.data.name === 'prediction') live.setFrame(h.data as unknown as PredictionFrameData);
        else live.setLabFrame(h.data as unknown as LabFrame);
      } else onStatus(h.data);
    },
    [live, onStatus],
  );

  useEffect(() => {
    const route = (h: Held) => {
      const id = h.data.id;
      if (id === idRef.current) deliver(h);
      else if (starting.current && idRef.current === null && !foreign.current.has(id)) held.current.push(h);
    };
    const offs = [
      client.on('run/batch', (data) => route({ kind: 'batch', data })),
      client.on('run/frame', (data) => route({ kind: 'frame', data })),
      client.on('run/status', (data) => route({ kind: 'status', data })),
    ];
    return () => {
      for (const off of offs) off();
      const id = idRef.current;
      if (id !== null) void client.request('runs/unsubscribe', { ids: [id] }).catch(() => undefined);
    };
  }, [client, deliver]);

  /** Leaves the current run (its events are ignored from now on) and clears the live data. */
  const abandon = useCallback(
    (stop: boolean) => {
      const id = idRef.current;
      if (id !== null) {
        foreign.current.add(id);
        if (stop && (phaseRef.current === 'running' || phaseRef.current === 'paused' || phaseRef.current === 'starting'))
          void client.request('runs/stop', { id }).catch(() => undefined);
        void client.request('runs/unsubscribe', { ids: [id] }).catch(() => undefined);
      }
      idRef.current = null;
      pauseWhenRunning.current = false;
      crawling.current = false;
      live.clear();
      setRunId(null);
      setOutcome(null);
      setDatasetKey(null);
    },
    [client, live],
  );

  const start = useCallback(
    (config: TrainConfig, key: string, name: string, paused: boolean) => {
      if (starting.current) return;
      abandon(true);
      setError(null);
      starting.current = true;
      held.current = [];
      pauseWhenRunning.current = paused;
      crawling.current = paused;
      setDatasetKey(key);
      setPhaseBoth('starting');
      client
        .request('runs/start', { lab: 'train', config, ...(name ? { name } : {}), subscribe: true, stepsPerSecond: paused ? CRAWL : speedRef.current })
        .then(
          ({ id }) => {
            idRef.current = id;
            setRunId(id);
            const replay = held.current.filter((h) => h.data.id === id);
            for (const h of held.current) if (h.data.id !== id) foreign.current.add(h.data.id);
            held.current = [];
            for (const h of replay) deliver(h);
          },
          (e: unknown) => {
            fail(e);
            setPhaseBoth('idle');
            setDatasetKey(null);
          },
        )
        .finally(() => {
          starting.current = false;
        });
    },
    [abandon, client, deliver, fail, setPhaseBoth],
  );

  const play = useCallback(
    (config: TrainConfig, key: string, name: string) => {
      const id = idRef.current;
      if (id !== null && phaseRef.current === 'paused') {
        setError(null);
        client.request('runs/resume', { id }).catch(fail);
      } else if (phaseRef.current === 'idle' || phaseRef.current === 'ended') start(config, key, name, false);
    },
    [client, fail, start],
  );

  const pause = useCallback(() => {
    const id = idRef.current;
    if (id === null) {
      if (phaseRef.current === 'starting') pauseWhenRunning.current = true;
      return;
    }
    if (phaseRef.current === 'running') pauseNow(id);
  }, [pauseNow]);

  const step = useCallback(
    (config: TrainConfig, key: string, name: string) => {
      const id = idRef.current;
      if (id !== null && phaseRef.current === 'paused') {
        client.request('runs/step', { id }).then(({ step: s }) => idRef.current === id && live.noteStep(s), fail);
      } else if (phaseRef.current === 'idle' || phaseRef.current === 'ended') start(config, key, name, true);
    },
    [client, fail, live, start],
  );

  const reset = useCallback(() => {
    if (starting.current) return;
    abandon(true);
    setError(null);
    setPhaseBoth('idle');
  }, [abandon, setPhaseBoth]);

  const update = useCallback(
    (set: Record<string, number | boolean>) => {
      const id = idRef.current;
      if (id === null || (phaseRef.current !== 'running' && phaseRef.current !== 'paused')) return;
      client.request('runs/update', { id, change: { set } }).then(() => setError(null), fail);
    },
    [client, fail],
  );

  const change = useCallback(
    (c: Record<string, unknown>) => {
      const id = idRef.current;
      if (id === null || (phaseRef.current !== 'running' && phaseRef.current !== 'paused')) return;
      client.request('runs/update', { id, change: c }).then(() => setError(null), fail);
    },
    [client, fail],
  );

  const probe = useCallback(
    (p: { example: number } | { pixels: number[] }) => {
      const id = idRef.current;
      if (id === null) return;
      if (phaseRef.current === 'running' || phaseRef.current === 'paused') {
        client.request('runs/update', { id, change: { probe: p } }).then(() => setError(null), fail);
      } else if (phaseRef.current === 'ended') {
        client.request('runs/probe', { id, probe: p }).then(({ frame }) => {
          if (frame && idRef.current === id) live.setLabFrame(frame as unknown as LabFrame);
          setError(null);
        }, fail);
      }
    },
    [client, fail, live],
  );

  const setSpeed = useCallback(
    (sps: number) => {
      speedRef.current = sps;
      const id = idRef.current;
      if (id !== null && (phaseRef.current === 'running' || phaseRef.current === 'paused'))
        client.request('runs/update', { id, change: { steps_per_second: sps } }).catch(fail);
    },
    [client, fail],
  );

  return { phase, runId, outcome, error, live, datasetKey, play, pause, step, reset, update, change, probe, setSpeed };
}
