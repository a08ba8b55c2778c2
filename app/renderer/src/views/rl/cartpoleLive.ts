/**
 * The live side of one cart-pole run, outside React: the returns with the engine's trailing mean of 100,
 * the latest numbers, and the latest "episode" and "watch" frames (each state with the net's two
 * outputs there).
 */
import { SeriesBuffer } from '../../charts/SeriesBuffer';

export interface CartFrame {
  name: 'episode' | 'watch';
  step: number;
  shape: number[];
  /** per state: x, ẋ, θ, θ̇, then the net's outputs for left and right */
  data: Float32Array;
  meta: { outputs: 'probabilities' | 'q'; episode: number; return: number; watch: number };
}

type Columns = Record<string, Float64Array | undefined>;
const last = (c: Float64Array | undefined) => (c && c.length > 0 ? c[c.length - 1]! : NaN);

export class CartpoleLive {
  /** x = episode: [return, mean of the last 100] */
  readonly returns = new SeriesBuffer(2, 4096);
  numbers = { episode: 0, lastReturn: NaN, mean: NaN };
  episode: CartFrame | null = null;
  watch: CartFrame | null = null;
  version = 0;

  addBatch(stream: string, c: Columns): void {
    if (stream !== 'episode' || !c.step || c.step.length === 0) return;
    this.returns.append(c.step, [c.return, c.mean_return]);
    this.numbers = { episode: last(c.step), lastReturn: last(c.return), mean: last(c.mean_return) };
    this.version++;
  }

  setFrame(f: CartFrame): void {
    if (f.name === 'episode') this.episode = f;
    else if (f.name === 'watch') this.watch = f;
    else return;
    this.version++;
  }

  clear(): void {
    this.returns.clear();
    this.numbers = { episode: 0, lastReturn: NaN, mean: NaN };
    this.episode = null;
    this.watch = null;
    this.version++;
  }
}
