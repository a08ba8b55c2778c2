/**
 * The live side of one VAE run, outside React: the series the charts draw (each step's reconstruction
 * term and KL; each epoch's training and test −ELBO), the latest numbers and the latest frame of each
 * kind (latent map, manifold, reconstructions, a decoded z, an interpolation). The view reads them a few
 * times a second, so per-step data never goes through React state.
 */
import { SeriesBuffer } from '../../charts/SeriesBuffer';

export interface VaeFrame {
  name: string;
  step: number;
  meta: Record<string, unknown>;
  shape: number[];
  data: Float32Array;
}

export interface VaeNumbers {
  step: number;
  epoch: number;
  loss: number;
  recon: number;
  kl: number;
  /** the last "epoch" row */
  evalEpoch: number;
  testLoss: number;
  testRecon: number;
  testKl: number;
  beta: number;
}

type Columns = Record<string, Float64Array | undefined>;
const last = (c: Float64Array | undefined) => (c && c.length > 0 ? c[c.length - 1]! : NaN);
const EMPTY: VaeNumbers = { step: 0, epoch: 0, loss: NaN, recon: NaN, kl: NaN, evalEpoch: NaN, testLoss: NaN, testRecon: NaN, testKl: NaN, beta: NaN };

export class VaeLive {
  /** x = step: [reconstruction term, KL] */
  readonly terms = new SeriesBuffer(2, 8192);
  /** x = epoch: [training −ELBO, test −ELBO] */
  readonly elbo = new SeriesBuffer(2, 256);
  numbers: VaeNumbers = { ...EMPTY };
  readonly frames = new Map<string, VaeFrame>();
  version = 0;
  framesVersion = 0;

  addBatch(stream: string, c: Columns): void {
    if (stream === 'batch' && c.step && c.step.length > 0) {
      this.terms.append(c.step, [c.recon, c.kl]);
      this.numbers = { ...this.numbers, step: last(c.step), epoch: last(c.epoch), loss: last(c.loss), recon: last(c.recon), kl: last(c.kl), beta: last(c.beta) };
    } else if (stream === 'epoch' && c.epoch && c.epoch.length > 0) {
      // epoch 0 has no training loss (nothing trained yet): absent, not a NaN the run produced
      const train = Array.from(c.train_loss ?? [], (v, i) => (c.epoch![i] === 0 && Number.isNaN(v) ? null : v));
      this.elbo.appendWithGaps(c.epoch, [train, Array.from(c.test_loss ?? [])]);
      this.numbers = { ...this.numbers, evalEpoch: last(c.epoch), testLoss: last(c.test_loss), testRecon: last(c.test_recon), testKl: last(c.test_kl), ...(this.numbers.step === 0 ? { beta: last(c.beta) } : {}) };
    } else return;
    this.version++;
  }

  setFrame(f: VaeFrame): void {
    this.frames.set(f.name, f);
    this.framesVersion++;
    this.version++;
  }

  clear(): void {
    this.terms.clear();
    this.elbo.clear();
    this.numbers = { ...EMPTY };
    this.frames.clear();
    this.framesVersion++;
    this.version++;
  }
}
