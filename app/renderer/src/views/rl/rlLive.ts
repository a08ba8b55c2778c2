/**
 * The live side of one grid-world run, outside React: the charts' series (DP: the largest change and
 * V at the start per sweep; learners: each episode's return with its trailing mean, and its length), the
 * latest numbers and the latest "values" frame (V and Q per cell, the policy, the last episode's path).
 */
import { SeriesBuffer } from '../../charts/SeriesBuffer';

export interface ValuesFrame {
  step: number;
  /** per cell: V, then Q for N, E, S, W (NaN for walls and cliffs; terminals have V 0 and no Q) */
  data: Float32Array;
  meta: {
    rows: number;
    cols: number;
    grid: string[];
    algo: string;
    policy: number[];
    path: number[];
    start: number | null;
    phase: 'evaluate' | 'improve' | null;
    gamma: number;
    epsilon: number | null;
    alpha: number | null;
  };
}

export interface RlNumbers {
  step: number;
  delta: number;
  changed: number;
  vStart: number;
  lastReturn: number;
  meanReturn: number;
  length: number;
}

const EMPTY: RlNumbers = { step: 0, delta: NaN, changed: NaN, vStart: NaN, lastReturn: NaN, meanReturn: NaN, length: NaN };
/** episodes in the engine's trailing mean (mean_return) drawn beside the returns */
export const MEAN_OF = 100;

type Columns = Record<string, Float64Array | undefined>;
const last = (c: Float64Array | undefined) => (c && c.length > 0 ? c[c.length - 1]! : NaN);

export class RlLive {
  /** x = sweep: [largest change of V] */
  readonly delta = new SeriesBuffer(1, 1024);
  /** x = sweep or episode: [V (or max Q) at the start] */
  readonly vStart = new SeriesBuffer(1, 1024);
  /** x = episode: [return, trailing mean of MEAN_OF] */
  readonly returns = new SeriesBuffer(2, 4096);
  /** x = episode: [moves] */
  readonly lengths = new SeriesBuffer(1, 4096);
  numbers: RlNumbers = { ...EMPTY };
  picture: ValuesFrame | null = null;
  version = 0;

  addBatch(stream: string, c: Columns): void {
    const step = c.step;
    if (!step || step.length === 0) return;
    if (stream === 'sweep') {
      // step 0 has no change yet (NaN): the chart starts at the first sweep
      const first = step[0] === 0 ? 1 : 0;
      if (step.length > first) this.delta.append(step.subarray(first), [c.delta?.subarray(first)]);
      this.vStart.append(step, [c.v_start]);
      const changed = c.changed ? [...c.changed].reverse().find((v) => Number.isFinite(v)) : undefined;
      this.numbers = { ...this.numbers, step: last(step), delta: last(c.delta), changed: changed ?? this.numbers.changed, vStart: last(c.v_start) };
    } else if (stream === 'episode') {
      const ret = c.return!;
      const mean = c.mean_return;
      this.returns.append(step, [ret, mean]);
      this.lengths.append(step, [c.length]);
      this.vStart.append(step, [c.v_start]);
      this.numbers = { ...this.numbers, step: last(step), lastReturn: last(ret), meanReturn: last(mean), length: last(c.length), vStart: last(c.v_start) };
    } else return;
    this.version++;
  }

  setFrame(f: ValuesFrame & { name?: string }): void {
    if (f.name !== undefined && f.name !== 'values') return;
    this.picture = f;
    this.version++;
  }

  clear(): void {
    for (const b of [this.delta, this.vStart, this.returns, this.lengths]) b.clear();
    this.numbers = { ...EMPTY };
    this.picture = null;
    this.version++;
  }
}
