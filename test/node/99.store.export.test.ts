// Reading runs out: CSV with every point (NaN included), run bundles that import elsewhere unchanged
// and re-run there to the same numbers, refused bundles that change nothing, and runs compared on
// step, epoch, examples seen or wall time.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';

import { exportBundle, importBundle } from '../../src/experiments/bundle.js';
import { compareRuns } from '../../src/experiments/compare.js';
import { runCsv } from '../../src/experiments/export-csv.js';
import { RunManager } from '../../src/experiments/manager.js';
import { expectLabErrorAsync } from './helpers.js';
import { batchOf, tempStore } from './store-helpers.js';

const xor = { dataset: { name: 'xor', n: 120, seed: 3 }, model: { hidden: [6] }, optimizer: { type: 'adam', lr: 0.05 }, batch_size: 16, epochs: 6, prediction: { size: 8, every_ms: 0 } };

test('CSV: every point of every series, exactly, NaN and Infinity as words', async () => {
  const store = await tempStore();
  const id = await store.createRun({ lab: 'race', config: {} });
  const rec = store.recorder(id);
  rec.push(batchOf('race', 0, 0, 5000, { f: (s) => (s === 7 ? NaN : s === 8 ? Infinity : Math.exp(-s / 100) / 3), x: (s) => -s / 7 }));
  await rec.close();
  const lines = (await runCsv(store, id)).trim().split('\n');
  assert.equal(lines[0], 'series,step,time_ms,value');
  assert.equal(lines.length, 1 + 2 * 5000);
  const f = lines.filter((l) => l.startsWith('race_f,')).map((l) => l.split(','));
  assert.equal(f.length, 5000);
  for (const [, step, , value] of f) {
    const s = Number(step);
    const want = s === 7 ? NaN : s === 8 ? Infinity : Math.exp(-s / 100) / 3;
    assert.ok(Object.is(Number(value), want), `step ${s}: ${value}`);
  }
  await expectLabErrorAsync(runCsv(store, id + 5), 'UNKNOWN_RUN');
  await store.close();
});

test('bundles: export → import elsewhere gives the same run; it re-runs there to the same numbers', async () => {
  const a = await tempStore();
  const runsA = new RunManager(a);
  const id = await runsA.submit('train', xor, { name: 'to carry', tags: ['carry'], notes: 'n' });
  await runsA.finished(id);
  const bytes = await exportBundle(a, id);

  const b = await tempStore();
  const bid = await importBundle(b, bytes);
  const [ra, rb] = [await a.getRun(id), await b.getRun(bid)];
  for (const k of ['uid', 'lab', 'name', 'config', 'seed', 'status', 'labStatus', 'steps', 'final', 'best', 'summary', 'notes', 'tags', 'startedAt', 'endedAt'] as const)
    assert.deepEqual(rb[k], ra[k], k);
  assert.deepEqual(await b.listSeries(bid), await a.listSeries(id));
  for (const s of await a.listSeries(id)) {
    const [pa, pb] = [await a.readRaw(id, s.name), await b.readRaw(bid, s.name)];
    assert.deepEqual([pb.steps, pb.times, pb.values], [pa.steps, pa.times, pa.values], s.name);
  }
  assert.deepEqual(await b.readWeights(bid), await a.readWeights(id));
  assert.deepEqual(await b.readFrames(bid, 'prediction', 'latest'), await a.readFrames(id, 'prediction', 'latest'));
  assert.deepEqual(
    (await b.statusLog(bid)).map((l) => l.status),
    (await a.statusLog(id)).map((l) => l.status),
  );

  const runsB = new RunManager(b);
  const again = await runsB.submit(rb.lab, rb.config);
  await runsB.finished(again);
  for (const name of ['train_loss', 'epoch_test_loss', 'epoch_train_acc'])
    assert.deepEqual([...(await b.readRaw(again, name)).values], [...(await b.readRaw(bid, name)).values], `${name} re-run`);

  await expectLabErrorAsync(importBundle(b, bytes), 'BUNDLE_FORMAT', `already in the store as run ${bid}`);
  await runsA.close();
  await runsB.close();
  await a.close();
  await b.close();
});

test('a malformed or newer bundle is refused with the reason, and the store is unchanged', async () => {
  const store = await tempStore();
  const id = await store.createRun({ lab: 'train', config: xor });
  const rec = store.recorder(id);
  rec.push(batchOf('train', 0, 1, 10, { loss: (s) => 1 / s }));
  await rec.close();
  await store.finish(id, 'completed');
  const good = JSON.parse((await import('node:zlib')).gunzipSync(await exportBundle(store, id)).toString()) as Record<string, unknown> & {
    run: Record<string, unknown>;
    series: { values: string }[];
  };
  const other = await tempStore();
  const count = async () => (await other.db.get<{ n: number }>('SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM chunks) AS n'))!.n;
  const before = await count();
  const cases: [Buffer, string, string][] = [
    [Buffer.from('hello'), 'BUNDLE_FORMAT', 'expected gzip-compressed JSON'],
    [gzipSync(JSON.stringify({ ...good, format: 'zip' })), 'BUNDLE_FORMAT', 'format "zip"'],
    [gzipSync(JSON.stringify({ ...good, version: 2 })), 'STORE_VERSION', 'format version 2 is newer'],
    [gzipSync(JSON.stringify({ ...good, run: { ...good.run, status: 'great' } })), 'BUNDLE_FORMAT', 'bundle.run.status'],
    [gzipSync(JSON.stringify({ ...good, run: { ...good.run, lab: 'gans' } })), 'BUNDLE_FORMAT', 'run.lab "gans"'],
    [gzipSync(JSON.stringify({ ...good, series: [{ ...good.series[0]!, values: 'AAAA' }] })), 'BUNDLE_FORMAT', 'the same number of float64 values'],
  ];
  for (const [bytes, code, part] of cases) await expectLabErrorAsync(importBundle(other, bytes), code, part);
  assert.equal(await count(), before);
  await store.close();
  await other.close();
});

test('compare: runs aligned on step, epoch, examples seen and wall time', async () => {
  const store = await tempStore();
  const runs = new RunManager(store, { concurrency: 2 });
  const a = await runs.submit('train', { ...xor, batch_size: 16, prediction: false });
  const b = await runs.submit('train', { ...xor, batch_size: 0, prediction: false }); // full batch: 1 step an epoch
  const race = await runs.submit('race', { function: 'booth', optimizers: [{ type: 'adam', lr: 0.1 }], steps: 50 });
  await runs.idle();
  const byEpoch = await compareRuns(store, [a, b], 'epoch_test_loss', { x: 'epoch' });
  for (const s of byEpoch) assert.deepEqual([...s.x], [0, 1, 2, 3, 4, 5, 6]);
  const perStep = await compareRuns(store, [a, b], 'train_loss', { x: 'epoch' });
  assert.equal(perStep[0]!.x.at(-1), 6);
  assert.equal(perStep[0]!.x[0], 1 / 6); // 96 rows in batches of 16: 6 steps an epoch
  assert.deepEqual([...perStep[1]!.x], [1, 2, 3, 4, 5, 6]);
  const examples = await compareRuns(store, [a, b], 'train_loss', { x: 'examples' });
  assert.deepEqual([...examples[1]!.x], [96, 192, 288, 384, 480, 576]);
  assert.equal(examples[0]!.x[0], 16);
  assert.equal(examples[0]!.x.at(-1), 576);
  const time = await compareRuns(store, [a], 'train_loss', { x: 'time', maxPoints: 10 });
  assert.ok(time[0]!.x.length <= 10 && !time[0]!.raw);
  for (let i = 1; i < time[0]!.x.length; i++) assert.ok(time[0]!.x[i]! >= time[0]!.x[i - 1]!);
  await expectLabErrorAsync(compareRuns(store, [race], 'race_f', { x: 'epoch' }), 'INVALID_CONFIG', 'run 3 (race): race_f has no epochs; draw it against step or time');
  await expectLabErrorAsync(compareRuns(store, [a], 'train_loss', { x: 'hours' as never }), 'INVALID_CONFIG', 'x: expected one of');
  await runs.close();
  await store.close();
});
