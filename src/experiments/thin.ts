/**
 * "Thin this run" (#15): an explicit action that shrinks a finished run's stored points while keeping
 * what a chart or a reader looks for — every k-th point, the first and the last, every NaN and ±Inf,
 * and in each block of k points its smallest and largest value. It is never done silently: the run's
 * history gets a "thinned" event (step = the points kept, value = k), which runs/get, the CSV export
 * (an `event:thinned` row) and bundles carry.
 */
import type { Db } from './db.js';
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
    for (const s of await listSeries(db, runId)) {
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
