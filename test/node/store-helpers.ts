/** Helpers for the experiment-store tests: a fresh store in a temp folder, and synthetic batches. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Batch } from '../../src/native/events.js';
import { Store } from '../../src/experiments/store.js';

export function tempHome(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'gradlab-store-'));
}

export async function tempStore(): Promise<Store> {
  return Store.open({ home: tempHome() });
}

/** A batch of `stream` member `index` with a step column from `first` and the given columns per step. */
export function batchOf(stream: string, index: number, first: number, rows: number, cols: Record<string, (step: number) => number>): Batch {
  const columns: Record<string, Float64Array> = { step: Float64Array.from({ length: rows }, (_, i) => first + i) };
  for (const [name, f] of Object.entries(cols)) columns[name] = Float64Array.from({ length: rows }, (_, i) => f(first + i));
  return { stream, index, seq: 0, rows, columns };
}
