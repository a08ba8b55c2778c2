/**
 * The training lab: a network (an MLP, or any layer stack) learning a data set (points, curves or
 * images), streamed live.
 *   const run = startTraining({ dataset: 'spiral', model: { hidden: [64, 64] }, optimizer: { type: 'adam', lr: 0.01 } });
 *   run.on('batch', (b) => (b.stream === 'epoch' ? plotAccuracy(b.columns.test_acc) : plotLoss(b.columns.loss)));
 *   const summary = await run.done;
 * Streams: "train" (every step: step, epoch, loss, lr), "epoch" (epoch 0 = untrained, then every
 * epoch: train/test loss and accuracy, gradient and weight norms, ms per step) and "layer" (member i =
 * the i-th layer, every epoch: weight_norm, grad_norm). Notices: "model" (the layers) at the start,
 * "train_status" when the run ends by itself. Frames: "prediction" (the decision boundary or the fitted
 * curve; see PredictionMeta), throttled by config.prediction.every_ms.
 */
import type { Batch, Frame } from './events.js';
import { native } from './binding.js';
import { SessionOptionsSchema, TrainConfigSchema, TrainProbeSchema, TrainUpdateSchema, type TrainConfig, type TrainProbe, type TrainUpdate } from './schemas.js';
import { LabSession, type SessionOptions } from './session.js';
import { parseOrThrow } from './validate.js';

export type TrainStatus = 'running' | 'completed' | 'reached_target' | 'early_stopped' | 'diverged' | 'stopped';
export type TrainColumn =
  | 'step' | 'epoch' | 'loss' | 'lr'
  | 'train_loss' | 'test_loss' | 'train_acc' | 'test_acc' | 'grad_norm' | 'weight_norm' | 'ms_per_step';
export type TrainLoss = 'cross_entropy' | 'bce' | 'mse';
export type TrainBatch = Batch<TrainColumn>;

export interface TrainSummary {
  status: TrainStatus;
  steps: number;
  epochs: number;
  parameters: number;
  loss: TrainLoss;
  /** the batch size used (the training-set size for batch_size 0) and the training rows */
  batch_size: number;
  train_rows: number;
  elapsed_ms: number;
  ms_per_step: number;
  optimizer: { type: string; hypers: Record<string, number | boolean> };
  final: { train_loss: number; test_loss: number; train_acc: number; test_acc: number };
  /** classes of a classification set (0 for regression) */
  classes: number;
  /** confusion[true][predicted] at the last evaluation, over the test set (the training set without one); null for regression */
  confusion: number[][] | null;
}

export type TrainNotice =
  | { type: 'train_status'; status: TrainStatus; step: number; epoch?: number; reason?: string }
  | {
      type: 'model';
      /** one per "layer" stream member: the parameters sharing a prefix ("layers.0") */
      layers: { name: string; parameters: number; shapes: { name: string; shape: number[] }[] }[];
      parameters: number;
      loss: TrainLoss;
      describe: string;
      /** one example's shape: [d] or [channels, rows, cols] */
      input: number[];
      /** a layer stack's layers with their output shape per example and parameter count (empty for an MLP) */
      stack: { describe: string; output: number[]; parameters: number }[];
    };

/**
 * A "prediction" frame. Column c is x = lerp(xmin, xmax, c/(size−1)), row r is y = lerp(ymin, ymax,
 * r/(size−1)), row 0 = ymin (the bottom). data: cross_entropy [size, size, K] class probabilities;
 * bce [size, size, 1] p(class 1); mse [size] the predicted y at each x.
 */
export interface PredictionMeta {
  loss: TrainLoss;
  classes: number;
  epoch: number;
  bounds: { xmin: number; xmax: number; ymin: number; ymax: number };
}
export type PredictionFrame = Frame<PredictionMeta>;

export class TrainSession extends LabSession<TrainSummary, TrainBatch, TrainNotice, PredictionFrame> {
  override update(change: TrainUpdate): void {
    super.update(parseOrThrow(TrainUpdateSchema, change, 'update'));
  }
}

/** Validates a training config (LabError naming the field, rooted at "train") and fills its defaults. */
export const parseTrainConfig = (input: unknown) => parseOrThrow(TrainConfigSchema, input, 'train');

/** Validates (LabError on bad input, nothing started) and starts training on its own native thread. */
export function startTraining(config: TrainConfig, options: SessionOptions = {}): TrainSession {
  const parsed = parseTrainConfig(config);
  return new TrainSession('train', parsed, parseOrThrow(SessionOptionsSchema, options, 'options'));
}

/**
 * One test image or drawn picture through the network of `config` (an image-set config; its weights
 * from init_weights: a finished run's stored weights), without a session: the "features" frame a live
 * probe would send (native/core/labs/image_frames.hpp). LabError for a bad config or probe.
 */
export function probeTraining(config: TrainConfig, probe: TrainProbe): Frame<Record<string, unknown>> {
  const parsed = parseTrainConfig(config);
  return native().probeLab('train', parsed, parseOrThrow(TrainProbeSchema, probe, 'probe'));
}

