/**
 * Reading stored series back: the raw points of any step range, or the range reduced for a chart
 * (decimate.ts), and several runs' series aligned for comparison. Only the chunks that overlap the
 * range are decoded.
 */
import { chunkSegment, decodeSteps, decodeTimes } from './chunk-codec.js';
import { concatF64 } from './codec.js';
import type { Db } from './db.js';
import { decodeRowValues } from './derived-read.js';
import { decimateSegments, sliceSegment, stepAt, stepsOf, timesOf, type Segment } from './decimate.js';
import { StoreError } from './errors.js';
import type { SeriesPoints } from './run-types.js';

interface ChunkRow {
  steps: Buffer;
  steps_enc: number;
  vals: Buffer;
  vals_enc: number;
  first_step: number;
  last_step: number;
  n: number;
}

export interface SeriesInfo {
  name: string;
  points: number;
}

export async function listSeries(db: Db, runId: number): Promise<SeriesInfo[]> {
  return db.all<SeriesInfo>('SELECT name, points FROM series WHERE run_id = ? ORDER BY id', [runId]);
}

export interface RangeQuery {
  from?: number;
  to?: number;
}

async function seriesIdOf(db: Db, runId: number, name: string): Promise<number> {
  const s = await db.get<{ id: number }>('SELECT id FROM series WHERE run_id = ? AND name = ?', [runId, name]);
  if (s) return s.id;
  const run = await db.get('SELECT id FROM runs WHERE id = ?', [runId]);
  if (!run) throw new StoreError(`run ${runId}: no such run`, 'UNKNOWN_RUN');
  throw new StoreError(`run ${runId} has no series ${JSON.stringify(name)}`, 'INVALID_CONFIG');
}

/** Every point with from ≤ step ≤ to (the whole series by default), in step order. */
export async function readRaw(db: Db, runId: number, name: string, q: RangeQuery = {}): Promise<SeriesPoints> {
  const s = { id: await seriesIdOf(db, runId, name) };
  const from = q.from ?? -Infinity,
    to = q.to ?? Infinity;
  const rows = await db.all<ChunkRow & { times: Buffer; times_enc: number }>(
    'SELECT steps, steps_enc, times, times_enc, vals, vals_enc, first_step, last_step, n FROM chunks WHERE series_id = ? AND last_step >= ? AND first_step <= ? ORDER BY seq',
    [s.id, Number.isFinite(from) ? from : -1e308, Number.isFinite(to) ? to : 1e308],
  );
  const steps: Float64Array[] = [],
    times: Float64Array[] = [],
    values: Float64Array[] = [];
  const decoded = await decodeRowValues(db, runId, name, rows);
  for (const [i, r] of rows.entries()) {
    const st = decodeSteps(r.steps, r.steps_enc, r.first_step, r.n),
      tm = decodeTimes(r.times, r.times_enc, r.n),
      vl = decoded[i]!;
    if (r.first_step >= from && r.last_step <= to) {
      steps.push(st);
      times.push(tm);
      values.push(vl);
      continue;
    }
    let a = 0,
      b = st.length;
    while (a < b && st[a]! < from) a++;
    while (b > a && st[b - 1]! > to) b--;
    steps.push(st.subarray(a, b));
    times.push(tm.subarray(a, b));
    values.push(vl.subarray(a, b));
  }
  return { steps: concatF64(steps), times: concatF64(times), values: concatF64(values) };
}

/**
 * The range reduced to at most maxPoints points, spikes and NaN kept (decimate.ts). Decodes the chunks
 * in place and decimates across them without joining; leaves the wall times out unless `withTimes`
 * (then `times` holds the kept points' times; else it is empty).
 */
export async function readForChart(
  db: Db,
  runId: number,
  name: string,
  maxPoints: number,
  q: RangeQuery = {},
  withTimes = true,
): Promise<SeriesPoints & { raw: boolean }> {
  if (!Number.isInteger(maxPoints) || maxPoints < 3) throw new StoreError(`maxPoints: expected an integer ≥ 3, got ${maxPoints}`, 'INVALID_CONFIG');
  const seriesId = await seriesIdOf(db, runId, name);
  const from = q.from ?? -Infinity,
    to = q.to ?? Infinity;
  const rows = await db.all<ChunkRow & { times?: Buffer; times_enc?: number }>(
    `SELECT steps, steps_enc, vals, vals_enc, first_step, last_step, n${withTimes ? ', times, times_enc' : ''} FROM chunks
     WHERE series_id = ? AND last_step >= ? AND first_step <= ? ORDER BY seq`,
    [seriesId, Number.isFinite(from) ? from : -1e308, Number.isFinite(to) ? to : 1e308],
  );
  const decoded = await decodeRowValues(db, runId, name, rows);
  const segs = rows.map((r, i) => {
    const seg = chunkSegment(r, decoded[i]);
    let a = 0,
      b = r.n;
    while (a < b && stepAt(seg, a) < from) a++;
    while (b > a && stepAt(seg, b - 1) > to) b--;
    return sliceSegment(seg, a, b);
  });
  const n = segs.reduce((acc, s) => acc + s.values.length, 0);
  if (n <= maxPoints) {
    const join = (pick: (s: Segment) => Float64Array | undefined) => concatF64(segs.map((s) => pick(s) ?? new Float64Array(0)));
    return { steps: join(stepsOf), times: join(timesOf), values: join((s) => s.values), raw: true };
  }
  return { ...decimateSegments(segs, maxPoints), raw: false };
}
