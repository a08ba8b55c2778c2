/**
 * The protocol's requests: method name → params schema (zod, checked by the host before anything runs)
 * and the result type the client gets. One map, so the host, the clients and the docs cannot drift.
 * Lab configs inside params are checked by the labs' own schemas (src/native/schemas.ts) when a run
 * starts, with their field paths ("train.optimizer.lr: …").
 */
import type { StoreUsage } from '../experiments/usage.js';
import { z } from 'zod';

import type { ComparedSeries } from '../experiments/compare.js';
import type { ArtifactInfo } from '../experiments/artifacts.js';
import { CONFIG_PATH, CONFIG_PATH_FORM } from '../experiments/config-path.js';
import type { SeriesInfo } from '../experiments/metrics.js';
import type { ReencodeReport } from '../experiments/reencode.js';
import { RUN_STATUSES, type Run, type RunStatus, type SweepInfo } from '../experiments/run-types.js';
import type { NativeDataset } from '../native/binding.js';
import type { Frame } from '../native/events.js';
import type { ComputationGraph } from '../native/graph-types.js';
import type { GridResult } from '../native/landscapes.js';
import type { CartpoleRollout, GridworldBackup } from '../native/rl.js';
import type { MctsResult } from '../native/mcts.js';
import type { CheckpointMeta } from '../native/checkpoints.js';
import type { AzIteration } from '../native/az.js';

const id = z.number().int().positive();
const ids = z.array(id).min(1).max(64);
const path = z.string().regex(CONFIG_PATH, CONFIG_PATH_FORM);
const seriesName = z.string().regex(/^[A-Za-z0-9_]+$/, 'a series name such as train_loss');

export const METHODS = {
  /** What the engine offers: optimizers, landscapes, data sets (with their hyper-parameters). */
  'labs/catalog': { params: z.strictObject({}).optional() },
  /** A landscape sampled on a grid for a contour map. */
  'landscape/grid': { params: z.strictObject({ function: z.unknown(), width: z.number(), height: z.number(), bounds: z.unknown().optional() }) },
  /** A computation graph for the backprop lesson (expression or network). */
  'graph/compute': { params: z.unknown() },
  /** The trained checkpoints the app ships (assets/checkpoints): a run starts from one with config.checkpoint = its id. */
  'checkpoints/list': { params: z.strictObject({}).optional() },
  /** One Monte Carlo tree search from a board (the MCTS lab: a move, the tree and its last iteration's phases; src/native/mcts.ts). */
  'mcts/search': { params: z.unknown() },
  /** The cart-pole stepped through actions from a state (the RL lab's "play it yourself"; src/native/rl.ts). */
  'rl/cartpole': { params: z.unknown() },
  /** How the shipped self-play network of a game was trained (its settings and each iteration's scores; null if none). */
  'mcts/az-history': { params: z.strictObject({ game: z.enum(['tictactoe', 'connect4']) }) },
  /** One grid-world cell's Bellman backup with its numbers (the RL lab's click on a cell; src/native/rl.ts). */
  'rl/backup': { params: z.unknown() },
  /** The points of a data set (generated, or a CSV given as text) as the training lab will see them. */
  'datasets/make': { params: z.strictObject({ dataset: z.unknown() }) },
  /** The CNN lab's pictures from the app: IDX files, or PNG/JPEG files under class folders (src/host/uploads.ts; 256 MiB at most) */
  'datasets/upload': {
    params: z.strictObject({
      kind: z.enum(['idx', 'folder']),
      files: z.array(z.strictObject({ path: z.string().max(4096), data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'the file\'s bytes (a Uint8Array)' }) })).max(200_000),
      channels: z.union([z.literal(1), z.literal(3)]).optional(),
      size: z.tuple([z.number().int().min(1).max(4096), z.number().int().min(1).max(4096)]).optional(),
    }),
  },
  'runs/start': {
    params: z.strictObject({
      lab: z.string(),
      config: z.unknown(),
      name: z.string().max(200).optional(),
      tags: z.array(z.string().max(100)).max(50).optional(),
      notes: z.string().max(100_000).optional(),
      /** start from the final weights this stored run kept (same lab and model): "continue for N more epochs" */
      continueFrom: id.optional(),
      stepsPerSecond: z.number().min(0).optional(),
      /** receive this run's batches and frames from its very first one */
      subscribe: z.boolean().optional(),
    }),
  },
  'runs/pause': { params: z.strictObject({ id }) },
  'runs/resume': { params: z.strictObject({ id }) },
  'runs/step': { params: z.strictObject({ id }) },
  'runs/stop': { params: z.strictObject({ id }) },
  'runs/update': { params: z.strictObject({ id, change: z.unknown() }) },
  'runs/list': {
    params: z
      .strictObject({
        filter: z
          .strictObject({
            lab: z.string().optional(),
            status: z.union([z.enum(RUN_STATUSES), z.array(z.enum(RUN_STATUSES))]).optional(),
            tag: z.string().optional(),
            text: z.string().optional(),
            config: z.record(path, z.union([z.string(), z.number(), z.boolean()])).optional(),
            sweepId: id.optional(),
            archived: z.union([z.boolean(), z.literal('all')]).optional(),
          })
          .optional(),
        sort: z.strictObject({ by: z.string(), desc: z.boolean().optional() }).optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .optional(),
  },
  'runs/get': { params: z.strictObject({ id }) },
  'runs/edit': {
    params: z.strictObject({
      id,
      name: z.string().max(200).optional(),
      notes: z.string().max(100_000).optional(),
      tags: z.array(z.string().max(100)).max(50).optional(),
      archived: z.boolean().optional(),
    }),
  },
  'runs/delete': { params: z.strictObject({ id }) },
  'runs/series': {
    params: z.strictObject({
      id,
      name: seriesName,
      from: z.number().optional(),
      to: z.number().optional(),
      /** reduce to at most this many points (min/max kept); omit for every raw point */
      maxPoints: z.number().int().min(3).max(1_000_000).optional(),
      /** with maxPoints: also the kept points' wall times (default true; false reads less) */
      times: z.boolean().optional(),
    }),
  },
  'runs/compare': {
    params: z.strictObject({ ids, series: seriesName, x: z.enum(['step', 'epoch', 'examples', 'time']).optional(), maxPoints: z.number().int().min(3).max(100_000).optional() }),
  },
  'runs/frames': { params: z.strictObject({ id, name: z.string(), which: z.enum(['history', 'latest']).optional() }) },
  /** A training run's network on one test image or drawn picture: live runs send the frame as an event (frame null here); ended runs answer with it, from their stored weights. */
  'runs/probe': { params: z.strictObject({ id, probe: z.unknown() }) },
  /** csv: every series; bundle: the run as a .glrun file; pytorch: its PyTorch script (.py, or a .zip with the data file beside it) */
  'runs/export': { params: z.strictObject({ id, format: z.enum(['csv', 'bundle', 'pytorch']) }) },
  /** thins a finished run's points (experiments/thin.ts); recorded in its history */
  'runs/thin': { params: z.strictObject({ id, every: z.number().int().min(2).max(1_000_000) }) },
  /** the store's size on disk and each run's share (experiments/usage.ts) */
  'store/usage': { params: z.strictObject({}).optional() },
  /** finished runs' points written again in today's encodings, then VACUUM (experiments/reencode.ts) */
  'store/reencode': { params: z.strictObject({}).optional() },
  'runs/import': { params: z.strictObject({ data: z.instanceof(Uint8Array) }) },
  /** Live batches and frames of these runs from now on (status events go to every client). */
  'runs/subscribe': { params: z.strictObject({ ids }) },
  'runs/unsubscribe': { params: z.strictObject({ ids }) },
  /** every sweep, newest first (SweepInfo) */
  'sweeps/list': { params: z.strictObject({}).optional() },
  'sweeps/start': {
    params: z.strictObject({
      lab: z.string(),
      name: z.string().max(200).optional(),
      base: z.unknown(),
      grid: z.record(path, z.array(z.union([z.string(), z.number(), z.boolean()])).min(1)).optional(),
      random: z
        .strictObject({
          samples: z.number().int().min(1).max(1000),
          seed: z.number().int().min(0).optional(),
          params: z.record(
            path,
            z.union([
              z.strictObject({ min: z.number(), max: z.number(), log: z.boolean().optional(), integer: z.boolean().optional() }),
              z.strictObject({ values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) }),
            ]),
          ),
        })
        .optional(),
    }),
  },
} as const;

export type Method = keyof typeof METHODS;
export type ParamsOf<M extends Method> = z.input<(typeof METHODS)[M]['params']>;

/**
 * A data set's points: rows [0, nTrain) are the training set, the rest the test set. x is n×d (d = 2:
 * the plane; d = 1: a line, with the target in y); labels are the classes (0 … K−1, classification only).
 */
export type DatasetPoints = Omit<NativeDataset, 'labels'> & {
  /** the classes 0 … K−1 as bytes (K ≤ 255 on the wire), classification only */
  labels: Uint8Array | null;
};

export interface SeriesResult {
  steps: Float64Array;
  times: Float64Array;
  values: Float64Array;
  raw: boolean;
}

/** What each method resolves with. */
export interface Results {
  'labs/catalog': { optimizers: unknown; landscapes: unknown; datasets: unknown };
  'landscape/grid': GridResult;
  'graph/compute': ComputationGraph;
  'rl/backup': GridworldBackup;
  'rl/cartpole': CartpoleRollout;
  'mcts/search': MctsResult;
  'checkpoints/list': { checkpoints: CheckpointMeta[] };
  'mcts/az-history': { training: { settings: Record<string, unknown>; seconds: number; history: AzIteration[] } | null };
  'datasets/make': DatasetPoints;
  'datasets/upload': { id: number; images: number; testImages: number; channels: number; rows: number; cols: number; classes: string[]; skipped: string[] };
  'runs/start': { id: number };
  'runs/pause': { step: number };
  'runs/resume': Record<string, never>;
  'runs/step': { step: number };
  'runs/stop': { run: Run };
  'runs/update': Record<string, never>;
  'runs/list': { runs: Run[] };
  'store/usage': StoreUsage;
  'store/reencode': ReencodeReport;
  'runs/thin': { kept: number; of: number };
  'runs/get': {
    run: Run;
    series: SeriesInfo[];
    artifacts: ArtifactInfo[];
    log: { at: number; status: RunStatus; detail: string | null }[];
    /** live changes: at (ms since the epoch), the last step before it took effect, config path, old → new */
    events: { at: number; step: number; field: string; old: number | boolean | null; new: number | boolean }[];
  };
  'runs/edit': { run: Run };
  'runs/delete': Record<string, never>;
  'runs/series': SeriesResult;
  'runs/compare': { series: ComparedSeries[] };
  'runs/frames': { frames: Frame[] };
  'runs/probe': { frame: Frame | null };
  'runs/export': { data: string | Uint8Array; filename: string };
  'runs/import': { id: number };
  'runs/subscribe': Record<string, never>;
  'runs/unsubscribe': Record<string, never>;
  'sweeps/list': { sweeps: SweepInfo[] };
  'sweeps/start': { sweepId: number; runIds: number[] };
}

/** Unasked messages from the host. Batches and frames only for subscribed runs. */
export interface Events {
  'run/status': { id: number; status: RunStatus; detail?: string };
  'run/batch': { id: number; stream: string; index: number; seq: number; rows: number; columns: Record<string, Float64Array> };
  'run/frame': { id: number } & Frame;
}
