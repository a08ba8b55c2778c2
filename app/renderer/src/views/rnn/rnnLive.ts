/**
 * The live side of one RNN-lab run, outside React: the series the charts draw (each step's loss; the
 * held-out score at each evaluation), the latest numbers and the latest frame of each kind (gradient
 * norms through time, a sample, the hidden state over a passage, a task example). The view reads them a
 * few times a second, so per-step data never goes through React state.
 */
import { SeriesBuffer } from '../../charts/SeriesBuffer';

export interface SeqFrame {
  name: string;
  step: number;
  meta: Record<string, unknown>;
  shape: number[];
  data: Float32Array;
}

export interface SeqNumbers {
  step: number;
  loss: number;
  evalStep: number;
  valLoss: number;
  /** val_bpc, acc, val_mse or seq_acc (the attention lab's): whichever the run reports */
  metric: number;
  metricName: string;
}

type Columns = Record<string, Float64Array | undefined>;
const last = (c: Float64Array | undefined) => (c && c.length > 0 ? c[c.length - 1]! : NaN);
const EMPTY: SeqNumbers = { step: 0, loss: NaN, evalStep: NaN, valLoss: NaN, metric: NaN, metricName: '' };

export class SeqLive {
  /** x = step: [loss] (nats, or bits per character for a text) */
  readonly loss = new SeriesBuffer(1, 8192);
  /** x = step: [the held-out score] */
  readonly score = new SeriesBuffer(1, 1024);
  numbers: SeqNumbers = { ...EMPTY };
  readonly frames = new Map<string, SeqFrame>();
  version = 0;

  addBatch(stream: string, c: Columns): void {
    if (!c.step || c.step.length === 0) return;
    if (stream === 'batch') {
      this.loss.append(c.step, [c.bpc ?? c.loss]);
      this.numbers = { ...this.numbers, step: last(c.step), loss: last(c.bpc ?? c.loss) };
    } else if (stream === 'eval') {
      const name = ['val_bpc', 'acc', 'val_mse', 'seq_acc'].find((k) => c[k] !== undefined) ?? '';
      this.score.append(c.step, [c[name]]);
      this.numbers = { ...this.numbers, evalStep: last(c.step), valLoss: last(c.val_loss), metric: last(c[name]), metricName: name };
    } else return;
    this.version++;
  }

  setFrame(f: SeqFrame): void {
    this.frames.set(f.name, f);
    this.version++;
  }

  clear(): void {
    this.loss.clear();
    this.score.clear();
    this.numbers = { ...EMPTY };
    this.frames.clear();
    this.version++;
  }
}
