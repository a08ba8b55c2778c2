/**
 * The training lab: an MLP learning a data set, streamed live.
 *   const run = startTraining({ dataset: 'spiral', model: { hidden: [64, 64] }, optimizer: { type: 'adam', lr: 0.01 } });
 *   run.on('batch', (b) => (b.stream === 'epoch' ? plotAccuracy(b.columns.test_acc) : plotLoss(b.columns.loss)));
 *   const summary = await run.done;
 * Streams: "train" (every step: step, epoch, loss, lr) and "epoch" (epoch 0 = untrained, then every
 * epoch: train/test loss and accuracy, gradient and weight norms, ms per step).
 */
import type { Batch } from './events.js';
import { parseTrainConfig, SessionOptionsSchema, TrainUpdateSchema, type TrainConfig, type TrainUpdate } from './schemas.js';
import { LabSession, type SessionOptions } from './session.js';
import { parseOrThrow } from './validate.js';

export type TrainStatus = 'running' | 'completed' | 'reached_target' | 'early_stopped' | 'diverged' | 'stopped';
export type TrainColumn =
  | 'step' | 'epoch' | 'loss' | 'lr'
  | 'train_loss' | 'test_loss' | 'train_acc' | 'test_acc' | 'grad_norm' | 'weight_norm' | 'ms_per_step';
export type TrainBatch = Batch<TrainColumn>;

export interface TrainSummary {
  status: TrainStatus;
  steps: number;
  epochs: number;
  parameters: number;
  elapsed_ms: number;
  ms_per_step: number;
  optimizer: { type: string; hypers: Record<string, number | boolean> };
  final: { train_loss: number; test_loss: number; train_acc: number; test_acc: number };
}

export interface TrainNotice {
  type: 'train_status';
  status: TrainStatus;
  step: number;
  epoch?: number;
  reason?: string;
}

export class TrainSession extends LabSession<TrainSummary, TrainBatch, TrainNotice> {
  override update(change: TrainUpdate): void {
    super.update(parseOrThrow(TrainUpdateSchema, change, 'update'));
  }
}

/** Validates (LabError on bad input, nothing started) and starts training on its own native thread. */
export function startTraining(config: TrainConfig, options: SessionOptions = {}): TrainSession {
  const parsed = parseTrainConfig(config);
  return new TrainSession('train', parsed, parseOrThrow(SessionOptionsSchema, options, 'options'));
}
