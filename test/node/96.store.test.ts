// The experiment store: migrations (and the page size of new and old files), run round trips, filters and sorting, lossless series across chunk
// boundaries, min/max decimation that keeps planted spikes and NaN, range reads, the bounded frame
// history, and weights artifacts.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';

import type * as Sqlite3 from 'sqlite3';

import { Db } from '../../src/experiments/db.js';
import { HISTORY_FRAMES } from '../../src/experiments/artifacts.js';
import { decimate, decimateSegments, sliceSegment, stepsOf, timesOf, type Segment } from '../../src/experiments/decimate.js';
import { migrate, schemaVersion } from '../../src/experiments/migrate.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/experiments/migrations.js';
import { CHUNK_POINTS } from '../../src/experiments/recorder.js';
import { Store } from '../../src/experiments/store.js';
import { STORE_FILE } from '../../src/experiments/location.js';
import { batchOf, tempHome, tempStore } from './store-helpers.js';
import { expectLabErrorAsync } from './helpers.js';

test('migrations: from empty and from each earlier version to the latest; a newer store is refused untouched', async () => {
  for (let from = 0; from <= SCHEMA_VERSION; from++) {
    const home = tempHome();
    const db = await Db.open(path.join(home, STORE_FILE));
    assert.deepEqual(await migrate(db, from), MIGRATIONS.filter((m) => m.version <= from).map((m) => m.version));
    assert.equal(await schemaVersion(db), from);
    await db.close();
    const store = await Store.open({ home });
    assert.equal(await schemaVersion(store.db), SCHEMA_VERSION);
    const tables = (await store.db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((t) => t.name);
    for (const t of ['artifacts', 'chunks', 'run_tags', 'runs', 'series', 'status_log', 'sweeps']) assert.ok(tables.includes(t), t);
    assert.equal((await store.db.get<{ journal_mode: string }>('PRAGMA journal_mode'))!.journal_mode, 'wal');
    assert.equal((await store.db.get<{ page_size: number }>('PRAGMA page_size'))!.page_size, 16384, 'a new store has 16 KiB pages');
    await store.close();
  }
  // a store made with 4 KiB pages (as before 16 KiB became the default) keeps them and works
  const small = tempHome();
  const sqlite3 = createRequire(import.meta.url)('sqlite3') as typeof Sqlite3;
  await new Promise<void>((resolve, reject) => {
    const d = new sqlite3.Database(path.join(small, STORE_FILE), (e) => (e ? reject(e) : d.exec('PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE keep (x)', (e2) => (e2 ? reject(e2) : d.close((e3) => (e3 ? reject(e3) : resolve()))))));
  });
  const old = await Store.open({ home: small });
  assert.equal((await old.db.get<{ page_size: number }>('PRAGMA page_size'))!.page_size, 4096);
  const oldRun = await old.createRun({ lab: 'train', config: {} });
  const rec = old.recorder(oldRun);
  rec.push({ stream: 'train', index: 0, seq: 0, rows: 5000, columns: { step: Float64Array.from({ length: 5000 }, (_, i) => i + 1), loss: Float64Array.from({ length: 5000 }, (_, i) => i) } });
  await rec.close();
  assert.equal((await old.readRaw(oldRun, 'train_loss')).values[4999], 4999);
  await old.close();
  const home = tempHome();
  const db = await Db.open(path.join(home, STORE_FILE));
  await db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
  await db.close();
  await expectLabErrorAsync(Store.open({ home }), 'STORE_VERSION', `schema version ${SCHEMA_VERSION + 1}, newer than this Gradient Lab knows`);
  const again = await Db.open(path.join(home, STORE_FILE));
  assert.equal(await schemaVersion(again), SCHEMA_VERSION + 1);
  assert.equal((await again.all("SELECT name FROM sqlite_master WHERE type = 'table'")).length, 0, 'nothing was created');
  await again.close();
});

test('runs: create, read back, edit, log, delete with everything that belongs to them', async () => {
  const store = await tempStore();
  const config = { dataset: 'xor', optimizer: { type: 'adam', lr: 0.01 } };
  const id = await store.createRun({ lab: 'train', config, seed: 7, tags: ['b', 'a', 'a'] });
  const run = await store.getRun(id);
  assert.equal(run.name, `train #${id}`);
  assert.deepEqual(run.config, config);
  assert.equal(run.seed, 7);
  assert.equal(run.status, 'queued');
  assert.deepEqual(run.tags, ['a', 'b']);
  await store.claim(id);
  await store.markStarted(id, 1000);
  await store.finish(id, 'completed', { labStatus: 'reached_target', summary: { steps: 5 }, msPerStep: 0.5, at: 4000 });
  const done = await store.getRun(id);
  assert.equal(done.status, 'completed');
  assert.equal(done.labStatus, 'reached_target');
  assert.equal(done.durationMs, 3000);
  assert.deepEqual(done.summary, { steps: 5 });
  assert.deepEqual(
    (await store.statusLog(id)).map((s) => s.status),
    ['queued', 'running', 'completed'],
  );
  const edited = await store.editRun(id, { name: 'xor with adam', notes: 'first try', tags: ['keep'], archived: true });
  assert.deepEqual([edited.name, edited.notes, edited.tags, edited.archived], ['xor with adam', 'first try', ['keep'], true]);
  const rec = store.recorder(id);
  rec.push(batchOf('train', 0, 1, 10, { loss: (s) => 1 / s }));
  rec.frame({ name: 'prediction', step: 10, meta: {}, shape: [2], data: new Float32Array([0.25, 0.75]) });
  await rec.close();
  await store.storeWeights(id, 'final', 10, Buffer.from('GLABWTS\0'));
  await store.deleteRun(id);
  await expectLabErrorAsync(store.getRun(id), 'UNKNOWN_RUN', `run ${id}: no such run`);
  for (const t of ['series', 'chunks', 'artifacts', 'run_tags', 'status_log'])
    assert.equal((await store.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))!.n, 0, `${t} emptied`);
  await expectLabErrorAsync(store.deleteRun(id), 'UNKNOWN_RUN');
  await store.close();
});

test('list: filter by lab, status, tag, text and config values; sort by config values and metrics', async () => {
  const store = await tempStore();
  const mk = async (lab: string, type: string, lr: number, tags: string[], status: 'completed' | 'failed', loss?: number) => {
    const id = await store.createRun({ lab, name: `${type} lr=${lr}`, config: { optimizer: { type, lr } }, tags });
    if (loss !== undefined) {
      const rec = store.recorder(id);
      rec.push(batchOf('epoch', 0, 1, 3, { test_loss: (s) => loss * (4 - s) }));
      await rec.close();
    }
    await store.finish(id, status);
    return id;
  };
  const a = await mk('train', 'adam', 0.01, ['x'], 'completed', 0.5);
  const b = await mk('train', 'sgd', 0.1, ['x', 'y'], 'completed', 0.2);
  const c = await mk('train', 'adam', 0.001, [], 'failed', 0.9);
  const d = await mk('race', 'adam', 0.05, ['y'], 'completed');
  const ids = async (...args: Parameters<Store['listRuns']>) => (await store.listRuns(...args)).map((r) => r.id);
  assert.deepEqual(await ids({ lab: 'train' }, { by: 'id' }), [a, b, c]);
  assert.deepEqual(await ids({ status: 'failed' }), [c]);
  assert.deepEqual(await ids({ tag: 'y' }, { by: 'id' }), [b, d]);
  assert.deepEqual(await ids({ text: 'SGD' }), [b]);
  assert.deepEqual(await ids({ config: { 'optimizer.type': 'adam' } }, { by: 'id' }), [a, c, d]);
  assert.deepEqual(await ids({ config: { 'optimizer.lr': 0.1 } }), [b]);
  assert.deepEqual(await ids({}, { by: 'config.optimizer.lr' }), [c, a, d, b]);
  assert.deepEqual(await ids({}, { by: 'config.optimizer.lr', desc: true }), [b, d, a, c]);
  // best test loss: min over the series (loss·1 at step 3); runs without it last
  assert.deepEqual(await ids({}, { by: 'best.epoch_test_loss' }), [b, a, c, d]);
  assert.equal((await store.getRun(b)).best.epoch_test_loss, 0.2);
  assert.equal((await store.getRun(b)).final.epoch_test_loss, 0.2);
  await store.editRun(a, { archived: true });
  assert.deepEqual(await ids({ lab: 'train' }, { by: 'id' }), [b, c]);
  assert.deepEqual(await ids({ lab: 'train', archived: true }), [a]);
  assert.deepEqual(await ids({ lab: 'train', archived: 'all' }, { by: 'id' }), [a, b, c]);
  await expectLabErrorAsync(store.listRuns({}, { by: 'config.x); DROP TABLE runs; --' }), 'INVALID_CONFIG', 'sort.by: expected a dotted path');
  await expectLabErrorAsync(store.listRuns({}, { by: 'colour' }), 'INVALID_CONFIG', 'sort.by: expected one of');
  await expectLabErrorAsync(store.listRuns({ status: 'done' as never }), 'INVALID_CONFIG', 'filter.status');
  await store.close();
});

test('series: every point stored, in order, across chunk boundaries and flushes; range reads are exact', async () => {
  const store = await tempStore();
  const id = await store.createRun({ lab: 'race', config: {} });
  const rec = store.recorder(id, { flushMs: 5 });
  const total = 3 * CHUNK_POINTS + 123;
  let step = 1;
  for (const size of [1, 7, 4096, 5000, 13, 3000]) {
    rec.push(batchOf('race', 1, step, size, { f: (s) => Math.sin(s), x: (s) => s * 0.5 }));
    step += size;
    if (size === 7) await rec.flush(); // the open chunk is rewritten, not duplicated
  }
  rec.push(batchOf('race', 1, step, total - (step - 1), { f: (s) => Math.sin(s), x: (s) => s * 0.5 }));
  await rec.close();
  const all = await store.readRaw(id, 'race1_f');
  assert.equal(all.steps.length, total);
  for (let i = 0; i < total; i++) {
    assert.equal(all.steps[i], i + 1);
    assert.equal(all.values[i], Math.sin(i + 1));
  }
  assert.deepEqual(await store.listSeries(id), [
    { name: 'race1_f', points: total },
    { name: 'race1_x', points: total },
  ]);
  const chunks = await store.db.all<{ n: number }>('SELECT n FROM chunks c JOIN series s ON s.id = c.series_id WHERE s.name = ? ORDER BY seq', ['race1_f']);
  assert.deepEqual(
    chunks.map((c) => c.n),
    [CHUNK_POINTS, CHUNK_POINTS, CHUNK_POINTS, 123],
  );
  const part = await store.readRaw(id, 'race1_x', { from: 4000, to: 8200 });
  assert.equal(part.steps[0], 4000);
  assert.equal(part.steps.at(-1), 8200);
  assert.equal(part.values.length, 4201);
  assert.equal(part.values[100], 4100 * 0.5);
  await expectLabErrorAsync(store.readRaw(id, 'nope'), 'INVALID_CONFIG', 'has no series "nope"');
  await expectLabErrorAsync(store.readRaw(id + 1, 'race1_f'), 'UNKNOWN_RUN');
  await store.close();
});

test('decimation keeps every bucket’s min, max and NaN: planted spikes and non-finite values survive', async () => {
  const n = 200_000;
  const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 100) + 0.01 * Math.cos(i * 7.3));
  const planted: [number, number][] = [
    [33_333, 1e6],
    [77_777, -1e6],
    [120_001, Infinity],
    [150_000, -Infinity],
  ];
  for (const [i, v] of planted) values[i] = v;
  values[50_000] = NaN;
  const p = { steps: Float64Array.from({ length: n }, (_, i) => i), times: new Float64Array(n), values };
  const d = decimate(p, 2000);
  assert.ok(d.steps.length <= 2000, `${d.steps.length} points`);
  for (const [i, v] of planted) assert.ok(d.steps.includes(i) && d.values[d.steps.indexOf(i)] === v, `spike ${v} at ${i} kept`);
  assert.ok(Number.isNaN(d.values[d.steps.indexOf(50_000)]!), 'the NaN is kept');
  for (let k = 1; k < d.steps.length; k++) assert.ok(d.steps[k]! > d.steps[k - 1]!, 'in step order');
  for (let k = 0; k < d.steps.length; k++) assert.ok(Object.is(values[d.steps[k]!], d.values[k]), 'every kept point is a real one');
  // in each of the 666 buckets, the kept points include that bucket's true min and max
  const buckets = Math.floor(2000 / 3);
  const width = (n - 1) / buckets;
  const bucketOf = (s: number) => Math.min(buckets - 1, Math.floor(s / width));
  const trueMin = new Array<number>(buckets).fill(Infinity), trueMax = new Array<number>(buckets).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) continue;
    const b = bucketOf(i);
    trueMin[b] = Math.min(trueMin[b]!, values[i]!);
    trueMax[b] = Math.max(trueMax[b]!, values[i]!);
  }
  const keptMin = new Array<number>(buckets).fill(Infinity), keptMax = new Array<number>(buckets).fill(-Infinity);
  for (let k = 0; k < d.steps.length; k++) {
    if (Number.isNaN(d.values[k])) continue;
    const b = bucketOf(d.steps[k]!);
    keptMin[b] = Math.min(keptMin[b]!, d.values[k]!);
    keptMax[b] = Math.max(keptMax[b]!, d.values[k]!);
  }
  assert.deepEqual(keptMin, trueMin);
  assert.deepEqual(keptMax, trueMax);
  assert.equal(decimate(p, n), p, 'a series that fits is returned as it is');
});

test('decimation of chunks with implicit steps (first + i) and run-length times keeps exactly what explicit ones keep', () => {
  // 10 chunks of 997 points from step 5, with NaN, ±Infinity and a run of equal infinities inside
  const n = 9970;
  const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 37) * (1 + (i % 13)));
  for (const [i, v] of [[0, NaN], [996, Infinity], [997, Infinity], [998, Infinity], [3000, -Infinity], [5000, NaN], [5001, 1e9], [n - 1, NaN]] as [number, number][]) values[i] = v;
  values.fill(-Infinity, 7000, 7040); // a whole bucket of −∞: its first is kept
  const times = Float64Array.from({ length: n }, (_, i) => 1000 + Math.floor(i / 100));
  const explicit: Segment[] = [];
  const implicit: Segment[] = [];
  const coded: Segment[] = [];
  for (let a = 0; a < n; a += 997) {
    const b = Math.min(n, a + 997);
    explicit.push({ steps: Float64Array.from({ length: b - a }, (_, i) => 5 + a + i), values: values.subarray(a, b), times: times.subarray(a, b) });
    implicit.push({ first: 5 + a, values: values.subarray(a, b), times: times.subarray(a, b) });
    // the same chunk with its times run-length coded from 3 points before it: (time, count) pairs
    const pairs: number[] = [];
    for (let i = a - 3; i < b; i++) {
      const t = i < a ? -1 : times[i]!;
      if (pairs.length && pairs[pairs.length - 2] === t) pairs[pairs.length - 1]! += 1;
      else pairs.push(t, 1);
    }
    coded.push({ first: 5 + a, values: values.subarray(a, b), timeRuns: Float64Array.from(pairs), timeSkip: 3 });
  }
  for (const maxPoints of [3, 300, 1000, 9000]) {
    const e = decimateSegments(explicit, maxPoints);
    const i = decimateSegments(implicit, maxPoints);
    assert.deepEqual(i, e, `maxPoints ${maxPoints}`);
    assert.deepEqual(decimateSegments(coded, maxPoints), e, `maxPoints ${maxPoints}, run-length times`);
    assert.ok(e.steps.length <= maxPoints);
    for (let k = 0; k < e.steps.length; k++) {
      assert.ok(Object.is(values[e.steps[k]! - 5], e.values[k]), 'a real point');
      assert.equal(e.times[k], times[e.steps[k]! - 5]);
    }
  }
  // a slice of a chunk keeps its steps and times, whether they are explicit, implicit or run-length coded
  for (const [a, b] of [[0, 997], [5, 20], [96, 905], [996, 997]] as [number, number][]) {
    for (const seg of [explicit[3]!, implicit[3]!, coded[3]!]) {
      const part = sliceSegment(seg, a, b);
      assert.deepEqual(Array.from(stepsOf(part)), Array.from({ length: b - a }, (_, i) => 5 + 3 * 997 + a + i));
      assert.deepEqual(Array.from(timesOf(part)!), Array.from(times.subarray(3 * 997 + a, 3 * 997 + b)));
    }
  }
  const d = decimateSegments(implicit, 300);
  for (const step of [5, 1001, 3005, 5005, 5006, 7005]) assert.ok(d.steps.includes(step), `step ${step} (NaN, +∞, −∞, spike, first of the −∞ run) kept`);
  assert.ok(!d.steps.includes(7006), 'only the first of a run of equal extremes');
});

test('chart reads through the store: at most N points, raw when it fits', async () => {
  const store = await tempStore();
  const id = await store.createRun({ lab: 'train', config: {} });
  const rec = store.recorder(id);
  rec.push(batchOf('train', 0, 1, 10_000, { loss: (s) => (s === 5000 ? NaN : 1 / s) }));
  await rec.close();
  const chart = await store.readForChart(id, 'train_loss', 300);
  assert.equal(chart.raw, false);
  assert.ok(chart.steps.length <= 300);
  assert.ok(chart.values.some((v) => Number.isNaN(v)));
  assert.equal(chart.values[0], 1);
  const small = await store.readForChart(id, 'train_loss', 300, { from: 10, to: 20 });
  assert.equal(small.raw, true);
  assert.deepEqual([...small.steps], [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  await expectLabErrorAsync(store.readForChart(id, 'train_loss', 2), 'INVALID_CONFIG', 'maxPoints');
  await store.close();
});

test(`frames: the newest always kept, the history capped at ${HISTORY_FRAMES} and evenly spaced`, async () => {
  const store = await tempStore();
  const id = await store.createRun({ lab: 'train', config: {} });
  const rec = store.recorder(id);
  for (let step = 0; step < 1000; step++) {
    rec.frame({ name: 'prediction', step, meta: { step }, shape: [2, 2], data: new Float32Array([step, 0, 0, 1]) });
    await rec.flush();
  }
  await rec.close();
  const history = await store.readFrames(id, 'prediction');
  assert.ok(history.length <= HISTORY_FRAMES && history.length >= HISTORY_FRAMES / 2, `${history.length} frames`);
  assert.equal(history[0]!.step, 0);
  const gaps = new Set(history.slice(1).map((f, i) => f.step - history[i]!.step));
  assert.equal(gaps.size, 1, `even spacing, gaps ${[...gaps].join(', ')}`);
  const latest = await store.readFrames(id, 'prediction', 'latest');
  assert.equal(latest.length, 1);
  assert.equal(latest[0]!.step, 999);
  assert.deepEqual([...latest[0]!.data], [999, 0, 0, 1]);
  assert.deepEqual(latest[0]!.shape, [2, 2]);
  await store.close();
});

test('the store folder: --home, else GRADLAB_HOME; the database is experiments.db inside it', async () => {
  const home = tempHome();
  const prev = process.env.GRADLAB_HOME;
  process.env.GRADLAB_HOME = home;
  try {
    const store = await Store.open();
    assert.equal(store.file, path.join(home, STORE_FILE));
    await store.close();
  } finally {
    if (prev === undefined) delete process.env.GRADLAB_HOME;
    else process.env.GRADLAB_HOME = prev;
  }
  const blocked = path.join(tempHome(), 'file');
  writeFileSync(blocked, 'not a folder');
  await assert.rejects(Store.open({ home: blocked }), /EEXIST|ENOTDIR|not a directory/);
});

test('migration 2: chunks written by version 1 (raw steps and times) read back unchanged after migrating', async () => {
  const home = tempHome();
  const db = await Db.open(path.join(home, STORE_FILE));
  await migrate(db, 1);
  await db.run("INSERT INTO runs (id, uid, lab, name, config, status, created_at) VALUES (1, 'u1', 'race', 'old', '{}', 'completed', 0)");
  await db.run("INSERT INTO series (id, run_id, name, points, chunks) VALUES (1, 1, 'race_f', 5, 1)");
  const f64 = (xs: number[]) => Buffer.from(Float64Array.from(xs).buffer);
  await db.run(
    'INSERT INTO chunks (series_id, seq, first_step, last_step, n, vmin, vmax, nonfinite, steps, times, vals) VALUES (1, 0, 0, 40, 5, 1, 5, 1, ?, ?, ?)',
    [f64([0, 10, 20, 30, 40]), f64([1, 2, 3, 4, 5]), f64([5, 4, NaN, 2, 1])],
  );
  await db.close();
  const store = await Store.open({ home });
  assert.equal(await schemaVersion(store.db), SCHEMA_VERSION);
  const p = await store.readRaw(1, 'race_f');
  assert.deepEqual([...p.steps], [0, 10, 20, 30, 40]);
  assert.deepEqual([...p.times], [1, 2, 3, 4, 5]);
  assert.ok(Object.is(p.values[2], NaN));
  const chart = await store.readForChart(1, 'race_f', 3);
  assert.ok(chart.steps.length <= 3);
  await store.close();
});

test('chunk codec: consecutive steps and per-batch times are stored compactly, anything else raw', async () => {
  const { encodeSteps, encodeTimes, decodeSteps, decodeTimes } = await import('../../src/experiments/chunk-codec.js');
  const consecutive = Float64Array.from({ length: 100 }, (_, i) => 7 + i);
  assert.equal(encodeSteps(consecutive).steps_enc, 1);
  assert.deepEqual(decodeSteps(encodeSteps(consecutive).steps, 1, 7, 100), consecutive);
  const gappy = Float64Array.from([1, 2, 4]);
  assert.equal(encodeSteps(gappy).steps_enc, 0);
  const batches = Float64Array.from({ length: 100 }, (_, i) => Math.floor(i / 30) * 16.5);
  const t = encodeTimes(batches);
  assert.equal(t.times_enc, 1);
  assert.equal(t.times.byteLength, 4 * 2 * 8);
  assert.deepEqual(decodeTimes(t.times, 1, 100), batches);
  const every = Float64Array.from({ length: 10 }, (_, i) => i * 0.1);
  assert.equal(encodeTimes(every).times_enc, 0);
  assert.throws(() => decodeTimes(t.times, 1, 99), /covers 100 points, not 99/);
});
