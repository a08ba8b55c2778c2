/**
 * What the host does for each protocol method (src/protocol/methods.ts). Each handler gets the
 * already-validated params and the host's context and returns the result; errors are LabErrors with
 * the engine's and store's codes (the host turns them into error messages).
 */
import { strToU8, zipSync } from 'fflate';

import type { Store } from '../experiments/store.js';
import type { RunManager } from '../experiments/manager.js';
import { exportBundle, importBundle } from '../experiments/bundle.js';
import { compareRuns } from '../experiments/compare.js';
import { runCsv } from '../experiments/export-csv.js';
import { pytorchScript } from '../export/pytorch/index.js';
import { DATASETS, LANDSCAPES, OPTIMIZERS } from '../native/catalog.js';
import { labOf } from '../labs/index.js';
import type { UploadCache, UploadRequest } from './uploads.js';
import { makeDataset } from '../native/datasets.js';
import { LabError } from '../native/errors.js';
import { probeLab } from '../native/probe.js';
import { computationGraph } from '../native/graph.js';
import { listCheckpoints, resolveCheckpoint } from '../native/checkpoints.js';
import { evaluateGrid } from '../native/landscapes.js';
import { cartpoleRollout, gridworldBackup } from '../native/rl.js';
import { mctsMove } from '../native/mcts.js';
import { shippedAzHistory } from '../native/az.js';
import type { DatasetPoints, Method, ParamsOf, Results } from '../protocol/methods.js';

export interface HostContext {
  store: Store;
  runs: RunManager;
  /** the runs whose batches and frames this client receives */
  subscriptions: Set<number>;
  /** pictures uploaded for the CNN lab (uploads.ts) */
  uploads: UploadCache;
}

type Handler<M extends Method> = (params: ParamsOf<M>, ctx: HostContext) => Promise<Results[M]> | Results[M];
type Handlers = { [M in Method]: Handler<M> };

export const HANDLERS: Handlers = {
  'labs/catalog': () => ({ optimizers: OPTIMIZERS, landscapes: LANDSCAPES, datasets: DATASETS }),
  'landscape/grid': (p) => evaluateGrid(p as Parameters<typeof evaluateGrid>[0]),
  'graph/compute': (p) => computationGraph(noPaths(p, 'graph') as Parameters<typeof computationGraph>[0]),
  'checkpoints/list': () => ({ checkpoints: listCheckpoints().map(({ id, lab, names, config, test_acc, seconds }) => ({ id, lab, names, config, test_acc, seconds })) }),
  'mcts/search': (p) => mctsMove(p as Parameters<typeof mctsMove>[0]),
  'mcts/az-history': (p) => ({ training: shippedAzHistory(p.game) }),
  'rl/cartpole': (p) => cartpoleRollout(p as Parameters<typeof cartpoleRollout>[0]),
  'rl/backup': (p) => gridworldBackup(p as Parameters<typeof gridworldBackup>[0]),
  'datasets/make': (p) => datasetPoints(makeDataset(p.dataset as Parameters<typeof makeDataset>[0])),
  'datasets/upload': (p, { uploads }) => uploads.add(p as UploadRequest),
  'runs/start': async (p, { runs, subscriptions, uploads, store }) => {
    const resolved = uploads.resolve(noPaths(p.config, 'config'));
    let { run, stored } = resolved;
    let notes = p.notes;
    // a shipped checkpoint: its weights for the engine; the stored config keeps its id
    const checkpoint = resolveCheckpoint(p.lab, run);
    if (checkpoint.meta) {
      if (p.continueFrom !== undefined) throw new LabError('config.checkpoint: a run starts from a checkpoint or from another run (continueFrom), not both', 'INVALID_CONFIG');
      stored = stored ?? run;
      run = checkpoint.run as typeof run;
      const acc = checkpoint.meta.test_acc === null ? '' : `, test accuracy ${(100 * checkpoint.meta.test_acc).toFixed(2)} %`;
      notes = `started from the shipped checkpoint ${checkpoint.meta.id}${acc}${notes ? `\n${notes}` : ''}`;
    }
    if (p.continueFrom !== undefined) {
      // the weights travel host-side, by run id: no path and no bytes from the client
      const from = await store.getRun(p.continueFrom);
      if (from.lab !== p.lab) throw new LabError(`continueFrom: run ${from.id} is a ${from.lab} run, not ${p.lab}`, 'INVALID_CONFIG');
      const weights = await store.readWeights(from.id);
      if (!weights) throw new LabError(`continueFrom: run ${from.id} kept no weights (it ended before saving any)`, 'INVALID_CONFIG');
      stored = stored ?? run;
      run = { ...(run as object), init_weights: new Uint8Array(weights) };
      notes = `continued from run #${from.id} (${from.name})${notes ? `\n${notes}` : ''}`;
    }
    return {
    id: await runs.submit(p.lab, run, {
      ...(stored !== undefined ? { storedConfig: stored } : {}),
      ...(p.subscribe ? { onId: (id: number) => subscriptions.add(id) } : {}),
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.tags !== undefined ? { tags: p.tags } : {}),
      ...(notes !== undefined ? { notes } : {}),
      ...(p.stepsPerSecond !== undefined ? { stepsPerSecond: p.stepsPerSecond } : {}),
    }),
    };
  },
  'runs/pause': async (p, { runs, store }) => {
    await store.getRun(p.id);
    return { step: await runs.pause(p.id) };
  },
  'runs/resume': async (p, { runs, store }) => {
    await store.getRun(p.id);
    runs.resume(p.id);
    return {};
  },
  'runs/step': async (p, { runs, store }) => {
    await store.getRun(p.id);
    return { step: await runs.step(p.id) };
  },
  'runs/stop': async (p, { runs, store }) => {
    await store.getRun(p.id);
    await runs.stop(p.id);
    return { run: await store.getRun(p.id) };
  },
  'runs/update': async (p, { runs, store }) => {
    await store.getRun(p.id);
    runs.update(p.id, p.change);
    return {};
  },
  'runs/list': async (p, { store }) => ({ runs: await store.listRuns(p?.filter, p?.sort, p?.limit, p?.offset) }),
  'runs/get': async (p, { store }) => ({
    run: await store.getRun(p.id),
    series: await store.listSeries(p.id),
    artifacts: await store.listArtifacts(p.id),
    log: await store.statusLog(p.id),
    events: await store.events(p.id),
  }),
  'runs/edit': async (p, { store }) => {
    const { id, ...edit } = p;
    return { run: await store.editRun(id, edit) };
  },
  'runs/delete': async (p, { store, runs }) => {
    const run = await store.getRun(p.id);
    if (run.status === 'running' || run.status === 'paused' || run.status === 'queued') await runs.stop(p.id).catch(() => undefined);
    await store.deleteRun(p.id);
    return {};
  },
  'runs/series': async (p, { store }) => {
    const range = { ...(p.from !== undefined ? { from: p.from } : {}), ...(p.to !== undefined ? { to: p.to } : {}) };
    if (p.maxPoints === undefined) return { ...(await store.readRaw(p.id, p.name, range)), raw: true };
    return store.readForChart(p.id, p.name, p.maxPoints, range, p.times ?? true);
  },
  'runs/compare': async (p, { store }) => ({
    series: await compareRuns(store, p.ids, p.series, { ...(p.x ? { x: p.x } : {}), ...(p.maxPoints ? { maxPoints: p.maxPoints } : {}) }),
  }),
  'runs/frames': async (p, { store }) => {
    await store.getRun(p.id);
    return { frames: await store.readFrames(p.id, p.name, p.which ?? 'history') };
  },
  'runs/probe': async (p, { store, runs }) => {
    const run = await store.getRun(p.id);
    if (runs.isActive(p.id)) {
      runs.update(p.id, { probe: p.probe });
      return { frame: null };
    }
    if (!labOf(run.lab)?.probe) throw new LabError(`runs/probe: run ${p.id} is a ${run.lab} run, which cannot be probed`, 'INVALID_CONFIG');
    const weights = await store.readWeights(p.id);
    if (!weights) throw new LabError(`runs/probe: run ${p.id} kept no weights (it ended before saving them)`, 'INVALID_CONFIG');
    const { save_weights: _saved, ...config } = run.config as Record<string, unknown>;
    return { frame: probeLab(run.lab, { ...config, init_weights: new Uint8Array(weights) }, p.probe) };
  },
  'store/usage': (_p, { store }) => store.usage(),
  'store/reencode': (_p, { store }) => store.reencode(),
  'runs/thin': (p, { store }) => store.thin(p.id, p.every),
  'runs/export': async (p, { store, runs }) => {
    const run = await store.getRun(p.id);
    const base = `${run.lab}-${run.id}`;
    if (p.format === 'pytorch') {
      if (runs.isActive(p.id)) throw new LabError(`runs/export: run ${p.id} is still ${run.status}; export it when it has ended`, 'INVALID_CONFIG');
      const out = pytorchScript(run, await store.events(p.id), `${base}.py`);
      if (out.files.length === 0) return { data: out.script, filename: `${base}.py` };
      // a data set too large for the script goes beside it: both in one zip
      const files: Record<string, Uint8Array> = { [`${base}.py`]: strToU8(out.script) };
      for (const f of out.files) files[f.name] = new Uint8Array(f.bytes);
      return { data: zipSync(files), filename: `${base}-pytorch.zip` };
    }
    return p.format === 'csv'
      ? { data: await runCsv(store, p.id), filename: `${base}.csv` }
      : { data: new Uint8Array(await exportBundle(store, p.id)), filename: `${base}.glrun` };
  },
  'runs/import': async (p, { store }) => ({ id: await importBundle(store, p.data) }),
  'runs/subscribe': async (p, { store, subscriptions }) => {
    for (const id of p.ids) await store.getRun(id);
    for (const id of p.ids) subscriptions.add(id);
    return {};
  },
  'runs/unsubscribe': (p, { subscriptions }) => {
    for (const id of p.ids) subscriptions.delete(id);
    return {};
  },
  'sweeps/list': async (_p, { store }) => ({ sweeps: await store.listSweeps() }),
  'sweeps/start': (p, { runs }) => runs.sweep({ ...p, base: noPaths(p.base, 'base') } as Parameters<RunManager['sweep']>[0]),
};

/** Config fields that name a file on the host's disk (weights to read or write). */
const PATH_FIELDS = ['init_weights', 'save_weights', 'weights'];

/**
 * No file path crosses the protocol: a client cannot make the host read or write a file of its choosing.
 * Weights travel as bytes (a finished run's are read from the store by its id, as runs/probe does).
 */
function noPaths<T>(config: T, where: string): T {
  if (config !== null && typeof config === 'object')
    for (const f of PATH_FIELDS) {
      const v = (config as Record<string, unknown>)[f];
      if (typeof v === 'string')
        throw new LabError(`${where}.${f}: a file path is not accepted over the protocol; weights are kept with their run in the store`, 'INVALID_CONFIG');
    }
  return config;
}

/** The engine's data set as the protocol carries it: labels (0 … 99) as bytes, a typed array both transports keep binary. */
function datasetPoints(ds: ReturnType<typeof makeDataset>): DatasetPoints {
  return {
    name: ds.name,
    kind: ds.kind,
    d: ds.d,
    classes: ds.classes,
    nTrain: ds.nTrain,
    x: ds.x,
    labels: ds.labels ? Uint8Array.from(ds.labels) : null,
    y: ds.y,
    view: ds.view,
  };
}
