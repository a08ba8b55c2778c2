/**
 * What `gradlab train` and `gradlab race` watch while a lab runs: its batches, its notices and its
 * summary. Either a plain native session, or — with --save — a run of the experiment store run by a
 * RunManager, so every point, the status history and the weights land in the store the app uses.
 */
import { writeFileSync } from 'node:fs';

import { LabError, type Batch, type LabSession } from '../native/index.js';
import type { Frame } from '../native/events.js';
import { RunManager } from '../experiments/manager.js';
import { Store } from '../experiments/store.js';
import type { HomeArgs } from './store-access.js';

export interface LiveRun<S, B, N> {
  onBatch(fn: (batch: B) => void): void;
  onNotice(fn: (notice: N) => void): void;
  done: Promise<S>;
  /** the stored run's id, with --save */
  runId?: number;
}

export function liveSession<S, B extends Batch, N, F extends Frame>(session: LabSession<S, B, N, F>): LiveRun<S, B, N> {
  return { onBatch: (fn) => session.on('batch', fn), onNotice: (fn) => session.on('notice', fn), done: session.done };
}

export interface SaveArgs extends HomeArgs {
  name?: string;
  tag: string[];
}

/**
 * Stores the run (queued → running → its end) and runs it here. `weightsTo`: also write the run's
 * final weights (kept in the store) to this file; `storedConfig`: what the store keeps instead of a
 * config holding bytes. The store closes when the run has ended.
 */
export async function savedRun<S, B, N>(lab: string, config: unknown, save: SaveArgs, weightsTo?: string, storedConfig?: unknown): Promise<LiveRun<S, B, N>> {
  const store = await Store.open(save.home !== undefined ? { home: save.home } : {});
  const manager = new RunManager(store, { concurrency: 1 });
  let summary: unknown;
  manager.on('status', (e) => {
    if (e.summary !== undefined) summary = e.summary;
  });
  let runId: number;
  try {
    runId = await manager.submit(lab, config, { ...(save.name !== undefined ? { name: save.name } : {}), tags: save.tag, ...(storedConfig !== undefined ? { storedConfig } : {}) });
  } catch (e) {
    await manager.close();
    await store.close();
    throw e;
  }
  const done = (async () => {
    try {
      await manager.finished(runId);
      const run = await store.getRun(runId);
      if (run.error) throw new LabError(run.error.message, run.error.code);
      if (weightsTo !== undefined) {
        const weights = await store.readWeights(runId);
        if (weights) writeFileSync(weightsTo, weights);
      }
      return summary as S;
    } finally {
      await manager.close();
      await store.close();
    }
  })();
  return {
    onBatch: (fn) => manager.on('batch', (e) => fn(e.batch as B)),
    onNotice: (fn) => manager.on('notice', (e) => fn(e.notice as N)),
    done,
    runId,
  };
}
