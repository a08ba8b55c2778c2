/**
 * The live side of one GAN run, outside React: the series the charts draw (losses every step; modes,
 * high-quality share, KL and JS at each evaluation), the latest numbers and the latest "gan" frame. The
 * view reads them a few times a second, so per-step data never goes through React state.
 */
import { SeriesBuffer } from '../../charts/SeriesBuffer';
import { ganPicture, type GanFrameData, type GanPicture } from './ganFrame';

export interface GanNumbers {
  step: number;
  dLoss: number;
  gLoss: number;
  evalStep: number;
  modes: number;
  highQuality: number;
  kl: number;
  js: number;
}

type Columns = Record<string, Float64Array | undefined>;

export interface SamplesFrame {
  step: number;
  shape: number[];
  meta: { channels: number; rows: number; cols: number };
  data: Float32Array;
}

const last = (c: Float64Array | undefined) => (c && c.length > 0 ? c[c.length - 1]! : NaN);

const EMPTY: GanNumbers = { step: 0, dLoss: NaN, gLoss: NaN, evalStep: NaN, modes: NaN, highQuality: NaN, kl: NaN, js: NaN };

export class GanLive {
  /** x = step: [D loss, G loss] */
  readonly losses = new SeriesBuffer(2, 8192);
  /** x = step: [modes captured] */
  readonly modes = new SeriesBuffer(1, 1024);
  /** x = step: [high-quality share] */
  readonly quality = new SeriesBuffer(1, 1024);
  /** x = step: [KL, JS] */
  readonly divergence = new SeriesBuffer(2, 1024);
  numbers: GanNumbers = { ...EMPTY };
  picture: GanPicture | null = null;
  /** an image GAN's latest "samples" frame: the generator's images of fixed noise */
  samples: SamplesFrame | null = null;
  /** bumped on every change */
  version = 0;
  framesVersion = 0;

  addBatch(stream: string, c: Columns): void {
    const step = c.step;
    if (!step || step.length === 0) return;
    if (stream === 'batch') {
      this.losses.append(step, [c.d_loss, c.g_loss]);
      this.numbers = { ...this.numbers, step: last(step), dLoss: lastFinite(c.d_loss, this.numbers.dLoss), gLoss: lastFinite(c.g_loss, this.numbers.gLoss) };
    } else if (stream === 'eval') {
      this.modes.append(step, [c.modes]);
      this.quality.append(step, [c.high_quality]);
      this.divergence.append(step, [c.kl, c.js]);
      this.numbers = { ...this.numbers, evalStep: last(step), modes: last(c.modes), highQuality: last(c.high_quality), kl: last(c.kl), js: last(c.js) };
    } else return;
    this.version++;
  }

  /** A frame of the run: "gan" (the plane) or "samples" (an image GAN's grid); others are not this view's. */
  setFrame(f: (GanFrameData | SamplesFrame) & { name?: string }): void {
    if (f.name === 'samples') return this.setSamples(f as SamplesFrame);
    if (f.name !== undefined && f.name !== 'gan') return;
    const p = ganPicture(f as GanFrameData);
    if (!p) return;
    this.picture = p;
    this.framesVersion++;
    this.version++;
  }

  setSamples(f: SamplesFrame): void {
    this.samples = f;
    this.framesVersion++;
    this.version++;
  }

  clear(): void {
    for (const b of [this.losses, this.modes, this.quality, this.divergence]) b.clear();
    this.numbers = { ...EMPTY };
    this.picture = null;
    this.samples = null;
    this.framesVersion++;
    this.version++;
  }
}

/** The last finite value of a column (a D-only step's G loss is NaN: the tile keeps the last real one). */
function lastFinite(c: Float64Array | undefined, fallback: number): number {
  if (!c) return fallback;
  for (let i = c.length - 1; i >= 0; i--) if (Number.isFinite(c[i])) return c[i]!;
  return fallback;
}
