/**
 * The experiment store's benchmark (run by `npm run bench` through scripts/bench_store.mjs; needs the
 * TypeScript build): prints one JSON line per measurement.
 *   lab_rate     points/s the fastest lab streams into JS: a two-optimizer race at full speed,
 *                every batch received and counted, nothing stored (the reference for the write goal)
 *   store_write  points/s the recorder stores: race-shaped batches (4096 rows, one step column and
 *                7 value columns) pushed as fast as JS can, flushed in its usual transactions, until
 *                every point is on disk (close)
 *   chart_read   ms to read a 1,000,000-point series reduced to 2,000 points (median of 7 reads),
 *                with the kept points' wall times and (chart_read_no_times) without them
 * Goals (docs/benchmarks.md): store_write ≥ 10 × lab_rate; chart_read < 50 ms.
 *   node dist/bench/store.js [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Store } from '../src/experiments/store.js';
import { startRace } from '../src/native/index.js';

const quick = process.argv.includes('--quick');
const emit = (o: object) => console.log(JSON.stringify(o));

async function labRate(): Promise<void> {
  const steps = quick ? 200_000 : 2_000_000;
  const race = startRace({ function: 'rosenbrock', steps, optimizers: [{ type: 'adam', lr: 1e-4 }, { type: 'momentum', lr: 1e-5 }], stop: { grad_tol: 0 } } as never);
  let points = 0;
  const t0 = performance.now();
  race.on('batch', (b) => (points += b.rows * (Object.keys(b.columns).length - 1)));
  await race.done;
  const s = (performance.now() - t0) / 1000;
  emit({ bench: 'lab_rate', points, seconds: s, points_per_s: points / s });
}

async function storeWrite(home: string): Promise<number> {
  const store = await Store.open({ home });
  const id = await store.createRun({ lab: 'race', config: {} });
  const rec = store.recorder(id);
  const rows = 4096,
    batches = quick ? 60 : 500;
  const cols = ['x', 'y', 'f', 'gx', 'gy', 'gnorm', 'lr'];
  // the batches exist before the clock starts: only storing them is timed
  const data = Array.from({ length: batches }, (_, b) => {
    const columns: Record<string, Float64Array> = { step: Float64Array.from({ length: rows }, (_, i) => b * rows + i) };
    for (const c of cols) columns[c] = Float64Array.from({ length: rows }, (_, i) => Math.sin(b * rows + i + c.length));
    return columns;
  });
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) {
    rec.push({ stream: 'race', index: 0, seq: b, rows, columns: data[b]! });
    if (b % 16 === 15) await new Promise((r) => setImmediate(r)); // let flushes run, as a live run would
  }
  await rec.close();
  const s = (performance.now() - t0) / 1000;
  const points = rows * batches * cols.length;
  emit({ bench: 'store_write', points, seconds: s, points_per_s: points / s });
  await store.close();
  return id;
}

async function chartRead(home: string): Promise<void> {
  const store = await Store.open({ home });
  const id = await store.createRun({ lab: 'train', config: {} });
  const rec = store.recorder(id);
  const n = 1_000_000;
  for (let start = 0; start < n; start += 4096) {
    const rows = Math.min(4096, n - start);
    rec.push({ stream: 'train', index: 0, seq: 0, rows, columns: { step: Float64Array.from({ length: rows }, (_, i) => start + i + 1), loss: Float64Array.from({ length: rows }, (_, i) => 1 / (start + i + 1)) } });
  }
  await rec.close();
  for (const withTimes of [true, false]) {
    const times: number[] = [];
    let kept = 0;
    for (let k = 0; k < 7; k++) {
      const t0 = performance.now();
      const r = await store.readForChart(id, 'train_loss', 2000, {}, withTimes);
      times.push(performance.now() - t0);
      kept = r.steps.length;
    }
    times.sort((a, b) => a - b);
    emit({ bench: withTimes ? 'chart_read' : 'chart_read_no_times', points: n, max_points: 2000, kept, ms: times[3], ms_min: times[0] });
  }
  await store.close();
}

const home = mkdtempSync(path.join(os.tmpdir(), 'gradlab-bench-store-'));
try {
  await labRate();
  await storeWrite(home);
  await chartRead(home);
} finally {
  rmSync(home, { recursive: true, force: true });
}
