/**
 * "Thin this run" (#15): an explicit action that shrinks a finished run's stored points while keeping
 * what a chart or a reader looks for — every k-th point, the first and the last, every NaN and ±Inf,
 * and in each block of k points its smallest and largest value. It is never done silently: the run's
 * history gets a "thinned" event (step = the points kept, value = k), which runs/get, the CSV export
 * (an `event:thinned` row) and bundles carry.
 */
import { VALS_DERIVED } from './chunk-codec.js';
import type { Db } from './db.js';
import { derivationDepth, derivationOf } from './derived.js';
import { StoreError } from './errors.js';
import { listSeries, readRaw } from './metrics.js';
import { RunRecorder } from './recorder.js';
import { ACTIVE_STATUSES } from './run-types.js';
import { addEvent, getRun } from './runs.js';

/** The indices kept of `values` thinned by k (ascending, without repeats). */
export function thinIndices(values: Float64Array, k: number): number[] {
  const n = values.length;
  if (n === 0) return [];
  const keep = new Uint8Array(n);
  keep[n - 1] = 1;
  for (let b = 0; b < n; b += k) {
    keep[b] = 1;
    let lo = -1,
      hi = -1;
    for (let i = b; i < Math.min(n, b + k); i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) {
        keep[i] = 1;
        continue;
      }
      if (lo < 0 || v < values[lo]!) lo = i;
      if (hi < 0 || v > values[hi]!) hi = i;
    }
    if (lo >= 0) keep[lo] = 1;
    if (hi >= 0) keep[hi] = 1;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
  return out;
}

const pick = (a: Float64Array, idx: number[]) => Float64Array.from(idx, (i) => a[i]!);

/** Thins every series of a run that is not going; returns the points kept and the points before. */
export async function thinRun(db: Db, runId: number, k: number): Promise<{ kept: number; of: number }> {
  if (!Number.isInteger(k) || k < 2 || k > 1_000_000) throw new StoreError(`every: expected an integer in [2, 1000000], got ${k}`, 'INVALID_CONFIG');
  const run = await getRun(db, runId);
  if (ACTIVE_STATUSES.includes(run.status)) throw new StoreError(`run ${runId} is ${run.status}: thin it once it has ended`, 'RUN_STATE');
  let kept = 0,
    of = 0;
  const rec = new RunRecorder(db, runId, { lab: run.lab });
  await db.transaction(async () => {
    // a series derived from others (derived.ts) is read before they are rewritten: m̂ before m before gx
    const from = await derivedFrom(db, runId);
    const series = (await listSeries(db, runId)).map((s) => ({ ...s, depth: derivationDepth(s.name, (n) => from.get(n)) })).sort((a, b) => b.depth - a.depth);
    for (const s of series) {
      const p = await readRaw(db, runId, s.name);
      const idx = thinIndices(p.values, k);
      of += p.values.length;
      kept += idx.length;
      await db.run('DELETE FROM chunks WHERE series_id = (SELECT id FROM series WHERE run_id = ? AND name = ?)', [runId, s.name]);
      await rec.writeRaw(s.name, pick(p.steps, idx), pick(p.times, idx), pick(p.values, idx));
    }
    await addEvent(db, runId, { at: Date.now(), step: kept, field: 'thinned', old: null, new: k });
  });
  return { kept, of };
}

/** The series each derived series of a run is computed from (the headers of its derived chunks). */
async function derivedFrom(db: Db, runId: number): Promise<Map<string, Set<string>>> {
  const rows = await db.all<{ name: string; vals: Buffer }>(
    'SELECT s.name, c.vals FROM chunks c JOIN series s ON s.id = c.series_id WHERE s.run_id = ? AND c.vals_enc = ?',
    [runId, VALS_DERIVED],
  );
  const out = new Map<string, Set<string>>();
  for (const r of rows) for (const src of derivationOf(r.vals).src) out.set(r.name, (out.get(r.name) ?? new Set()).add(src));
  return out;
}
