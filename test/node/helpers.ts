/**
 * Small helpers for the node tests: collect a race's rows per optimizer, and expect a LabError.
 */
import assert from 'node:assert/strict';

import { LabError, type RaceBatch, type RaceSession } from '../../src/native/index.js';

export type Rows = Record<string, number[]>;

/** Appends every batch's columns to per-optimizer arrays; also checks batch seq has no gaps. */
export function collect(race: RaceSession): { rows: Rows[]; seqs: number[] } {
  const rows: Rows[] = [];
  const seqs: number[] = [];
  race.on('batch', (b: RaceBatch) => {
    seqs.push(b.seq);
    const r = (rows[b.index] ??= {});
    for (const [name, col] of Object.entries(b.columns)) {
      const arr = (r[name] ??= []);
      for (let i = 0; i < b.rows; i++) arr.push(col[i]!);
    }
  });
  return { rows, seqs };
}

export function expectLabError(fn: () => unknown, code: string, ...parts: (string | RegExp)[]): LabError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof LabError, `expected a LabError, got ${String(caught)}`);
  assert.equal(caught.code, code, `code of: ${caught.message}`);
  for (const p of parts) {
    if (typeof p === 'string') assert.ok(caught.message.includes(p), `message "${caught.message}" lacks "${p}"`);
    else assert.match(caught.message, p);
  }
  return caught;
}

export async function expectLabErrorAsync(p: Promise<unknown>, code: string, ...parts: string[]): Promise<LabError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof LabError, `expected a LabError, got ${String(caught)}`);
  assert.equal(caught.code, code, `code of: ${caught.message}`);
  for (const part of parts) assert.ok(caught.message.includes(part), `message "${caught.message}" lacks "${part}"`);
  return caught;
}


/** Polls `fn` (every 50 ms) until it gives a value, or fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
