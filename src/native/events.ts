/**
 * What a native session sends to JS, in order. Batches carry columnar rows as Float64Arrays (binary,
 * never JSON numbers); `seq` numbers the batches of a session from 0 with no gaps.
 */
import type { LabError } from './errors.js';

export interface Batch<Column extends string = string> {
  stream: string;
  /** Which member of the stream (for a race: the optimizer's index in the config). */
  index: number;
  seq: number;
  rows: number;
  columns: Record<Column, Float64Array>;
}

/**
 * A picture of the lab at one step (a decision boundary, later samples or filters): float32 numbers in
 * a row-major `shape`, described by `meta`. Throttled by the lab; the UI keeps the last one.
 */
export interface Frame<Meta = unknown> {
  name: string;
  step: number;
  meta: Meta;
  shape: number[];
  data: Float32Array;
}

export type NativeEvent =
  | ({ type: 'batch' } & Batch)
  | { type: 'state'; state: 'paused' | 'running'; step: number }
  | { type: 'notice'; value: unknown }
  | ({ type: 'frame' } & Frame)
  | { type: 'done'; summary: unknown }
  | { type: 'failed'; error: LabError };
