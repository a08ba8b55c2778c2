/**
 * The live side of one training run, outside React: the series the charts draw (SeriesBuffers), the
 * latest numbers (step, epoch, losses, accuracies, lr, ms per step) and the latest prediction frame.
 * Batches of the training lab's streams are appended here as they arrive ("train": step, epoch, loss,
 * lr every step; "epoch": the evaluation at each epoch end — see src/native/train.ts); the view reads
 * them at most once per animation frame, so per-step data never goes through React state.
 */
import { SeriesBuffer } from '../../charts/SeriesBuffer';
import type { PredictionFrameData } from './boundary';

export interface LiveNumbers {
  /** bumped on every change, so readers can skip unchanged frames */
  version: number;
  step: number;
  epoch: number;
  lr: number;
  batchLoss: number;
  /** the last evaluation (epoch stream): its epoch and step, and its numbers */
  evalEpoch: number;
  evalStep: number;
  trainLoss: number;
  testLoss: number;
  trainAcc: number;
  testAcc: number;
  msPerStep: number;
}

export interface FrameSlot {
  frame: PredictionFrameData | null;
  version: number;
}

type Columns = Record<string, Float64Array | undefined>;

function last(col: Float64Array | undefined): number {
  return col && col.length > 0 ? col[col.length - 1]! : NaN;
}

/** A lab frame as the protocol delivers it (see src/native/events.ts): its numbers and what they mean. */
export interface LabFrame {
  name: string;
  step: number;
  meta: Record<string, unknown>;
  shape: number[];
  data: Float32Array;
}

/** One weighted layer's norms at the end of an epoch (the "layer" stream, member = layer). */
export interface LayerNorms {
  epoch: number;
  /** ‖W‖ of the layer's parameters */
  weight: number;
  /** the mean over the epoch's steps of ‖∇‖ of the layer's parameters */
  grad: number;
}

export class LiveRun {
  /** x = step: the mini-batch loss of each step */
  readonly stepLoss = new SeriesBuffer(1, 8192);
  /** x = epoch: [train, test] loss */
  readonly epochLoss = new SeriesBuffer(2, 1024);
  /** x = epoch: [train, test] accuracy */
  readonly epochAcc = new SeriesBuffer(2, 1024);
  readonly numbers: LiveNumbers = LiveRun.emptyNumbers();
  readonly frame: FrameSlot = { frame: null, version: 0 };
  /** the newest frame of every other name (the CNN lab's filters, features, confusion…), and a version */
  readonly frames = new Map<string, LabFrame>();
  framesVersion = 0;
  /** per weighted layer, its latest norms; a version bumped on each change */
  readonly layers: LayerNorms[] = [];
  layersVersion = 0;

  private static emptyNumbers(): LiveNumbers {
    return { version: 0, step: NaN, epoch: NaN, lr: NaN, batchLoss: NaN, evalEpoch: NaN, evalStep: NaN, trainLoss: NaN, testLoss: NaN, trainAcc: NaN, testAcc: NaN, msPerStep: NaN };
  }

  clear(): void {
    this.stepLoss.clear();
    this.epochLoss.clear();
    this.epochAcc.clear();
    const version = this.numbers.version + 1;
    Object.assign(this.numbers, LiveRun.emptyNumbers(), { version });
    this.frame.frame = null;
    this.frame.version++;
    this.frames.clear();
    this.framesVersion++;
    this.layers.length = 0;
    this.layersVersion++;
  }

  addBatch(stream: string, columns: Columns, index = 0): void {
    const n = this.numbers;
    if (stream === 'layer' && columns.epoch) {
      this.layers[index] = { epoch: last(columns.epoch), weight: last(columns.weight_norm), grad: last(columns.grad_norm) };
      for (let i = 0; i < index; i++) this.layers[i] ??= { epoch: NaN, weight: NaN, grad: NaN };
      this.layersVersion++;
      return;
    }
    if (stream === 'train' && columns.step) {
      this.stepLoss.append(columns.step, [columns.loss]);
      n.step = last(columns.step);
      n.epoch = last(columns.epoch);
      n.lr = last(columns.lr);
      n.batchLoss = last(columns.loss);
      n.version++;
    } else if (stream === 'epoch' && columns.epoch) {
      this.epochLoss.append(columns.epoch, [columns.train_loss, columns.test_loss]);
      this.epochAcc.append(columns.epoch, [columns.train_acc, columns.test_acc]);
      n.evalEpoch = last(columns.epoch);
      n.evalStep = last(columns.step);
      n.trainLoss = last(columns.train_loss);
      n.testLoss = last(columns.test_loss);
      n.trainAcc = last(columns.train_acc);
      n.testAcc = last(columns.test_acc);
      const ms = last(columns.ms_per_step);
      if (Number.isFinite(ms)) n.msPerStep = ms;
      if (!Number.isFinite(n.step)) n.step = n.evalStep;
      n.version++;
    }
  }

  /** The step count the host reported (pause / one step): never behind what the batches said. */
  noteStep(step: number): void {
    if (!(this.numbers.step >= step)) {
      this.numbers.step = step;
      this.numbers.version++;
    }
  }

  setLabFrame(frame: LabFrame): void {
    this.frames.set(frame.name, frame);
    this.framesVersion++;
  }

  setFrame(frame: PredictionFrameData): void {
    this.frame.frame = frame;
    this.frame.version++;
  }
}
