// Running stored runs: every streamed point lands in the store, the queue keeps to its concurrency
// limit, control (pause / step / live lr / resume / stop) is recorded, failures and divergence are
// statuses, train runs keep their weights, sweeps expand into validated runs, and the same config
// stored twice gives the same numbers.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { RunManager } from '../../src/experiments/manager.js';
import { sweepPoints } from '../../src/experiments/sweep.js';
import { LabSession, startTraining } from '../../src/native/index.js';
import { expectLabError, expectLabErrorAsync } from './helpers.js';
import { tempHome, tempStore } from './store-helpers.js';

const xor = { dataset: { name: 'xor', n: 120, seed: 3 }, model: { hidden: [6] }, optimizer: { type: 'adam', lr: 0.05 }, batch_size: 16, epochs: 15, prediction: { size: 8, every_ms: 0 } };

test('a train run: every step stored, final and best metrics, frames and weights that load again', async () => {
  const store = await tempStore();
  const runs = new RunManager(store);
  const seen: string[] = [];
  runs.on('status', (e) => seen.push(e.status));
  let streamed = 0;
  runs.on('batch', (e) => {
    if (e.batch.stream === 'train') streamed += e.batch.rows;
  });
  const id = await runs.submit('train', xor, { name: 'xor', tags: ['t'] });
  await runs.finished(id);
  const run = await store.getRun(id);
  const summary = run.summary as { steps: number; final: { train_loss: number; test_acc: number } };
  assert.equal(run.status, 'completed');
  assert.equal(run.labStatus, 'completed');
  assert.deepEqual(seen, ['queued', 'running', 'completed']);
  assert.equal(run.steps, summary.steps);
  assert.equal(summary.steps, 15 * 6); // 96 training rows, batches of 16
  assert.equal(streamed, summary.steps);
  const loss = await store.readRaw(id, 'train_loss');
  assert.deepEqual([...loss.steps], Array.from({ length: summary.steps }, (_, i) => i + 1));
  assert.equal(run.final.epoch_train_loss, summary.final.train_loss);
  assert.equal(run.best.epoch_test_acc, Math.max(...(await store.readRaw(id, 'epoch_test_acc')).values));
  assert.ok(run.msPerStep! > 0 && run.durationMs! > 0);
  const [latest] = await store.readFrames(id, 'prediction', 'latest');
  assert.equal(latest!.step, summary.steps);
  assert.deepEqual(latest!.shape, [8, 8, 2]);
  // the stored weights predict exactly as the run ended
  const weights = await store.readWeights(id);
  assert.ok(weights && weights.subarray(0, 8).toString('latin1') === 'GLABWTS\0');
  const file = path.join(tempHome(), 'w.glw');
  writeFileSync(file, weights);
  const again = startTraining({ ...xor, epochs: 1, optimizer: { type: 'sgd', lr: 1e-30 }, init_weights: file, prediction: false });
  let epoch0 = NaN;
  again.on('batch', (b) => {
    if (b.stream === 'epoch' && Number.isNaN(epoch0)) epoch0 = b.columns.train_loss[0]!;
  });
  await again.done;
  assert.equal(epoch0, summary.final.train_loss);
  await runs.close();
  await store.close();
});

test('the queue keeps to its concurrency; a queued run stops without starting; a running one stops', async () => {
  const store = await tempStore();
  const runs = new RunManager(store, { concurrency: 1 });
  const long = { function: 'rosenbrock', optimizers: [{ type: 'sgd', lr: 1e-4 }], steps: 10_000_000 };
  const a = await runs.submit('race', long, { stepsPerSecond: 1000 });
  const b = await runs.submit('race', long, { stepsPerSecond: 1000 });
  const c = await runs.submit('race', { ...long, steps: 100 });
  assert.deepEqual(runs.running, [a]);
  assert.deepEqual(runs.waiting, [b, c]);
  await runs.stop(b);
  assert.equal((await store.getRun(b)).status, 'stopped');
  assert.equal((await store.getRun(b)).startedAt, null);
  await expectLabErrorAsync(runs.stop(b), 'RUN_STATE', 'is not running');
  expectLabError(() => runs.update(c, { steps_per_second: 1 }), 'RUN_STATE', `run ${c} is queued`);
  await runs.stop(a);
  assert.equal((await store.getRun(a)).status, 'stopped');
  assert.ok((await store.getRun(a)).steps > 0);
  await runs.finished(c);
  const rc = await store.getRun(c);
  assert.equal(rc.status, 'completed');
  assert.equal(rc.steps, 100);
  assert.equal((await store.readRaw(c, 'race_f')).steps.length, 101, 'step 0 and 100 steps');
  await runs.close();
  await store.close();
});

test('pause, one step with a new learning rate, resume: recorded in the status log and the points', async () => {
  const store = await tempStore();
  const runs = new RunManager(store);
  const id = await runs.submit('train', { ...xor, epochs: 100_000, prediction: false });
  const at = await runs.pause(id);
  runs.update(id, { set: { lr: 0.001 } });
  assert.equal(await runs.step(id), at + 1);
  expectLabError(() => runs.update(id, { set: { lr: -1 } }), 'INVALID_CONFIG', 'lr');
  const resumed = new Promise<void>((resolve) =>
    runs.on('status', (e) => {
      if (e.id === id && e.status === 'running') resolve();
    }),
  );
  runs.resume(id);
  await resumed;
  await runs.stop(id);
  const run = await store.getRun(id);
  assert.equal(run.status, 'stopped');
  const log = (await store.statusLog(id)).map((s) => s.status);
  assert.deepEqual(log.slice(0, 3), ['queued', 'running', 'paused']);
  assert.ok(log.includes('running', 3));
  assert.equal(log.at(-1), 'stopped');
  const lr = await store.readRaw(id, 'train_lr', { from: at + 1, to: at + 1 });
  assert.deepEqual([...lr.values], [0.001]);
  await runs.close();
  await store.close();
});

test('a run that cannot start is failed with the error; a blow-up is diverged; a bad config stores nothing', async () => {
  const store = await tempStore();
  const runs = new RunManager(store);
  const bad = await runs.submit('train', { ...xor, init_weights: '/no/such/weights.glw' });
  await runs.finished(bad);
  const failed = await store.getRun(bad);
  assert.equal(failed.status, 'failed');
  assert.equal(failed.error?.code, 'INVALID_CONFIG');
  assert.match(failed.error!.message, /no\/such\/weights\.glw: cannot open/);
  const boom = await runs.submit('train', { dataset: { name: 'sine', n: 100 }, optimizer: { type: 'sgd', lr: 1e6 }, epochs: 1000, prediction: false });
  await runs.finished(boom);
  assert.equal((await store.getRun(boom)).status, 'diverged');
  await expectLabErrorAsync(runs.submit('train', { dataset: 'xor', epochs: 0 }), 'INVALID_CONFIG', 'train.epochs');
  await expectLabErrorAsync(runs.submit('gans', {}), 'INVALID_CONFIG', 'lab: expected one of race, train, seq, attention, gan, vae');
  assert.equal((await store.listRuns({}, { by: 'id' }, 100, 0)).length, 2);
  await runs.close();
  await store.close();
});

test('sweeps: a grid becomes runs sharing a sweep id; random draws repeat with the seed; one bad point stores nothing', async () => {
  const store = await tempStore();
  const runs = new RunManager(store);
  const { sweepId, runIds } = await runs.sweep({
    lab: 'train',
    name: 'lr × batch',
    base: { ...xor, epochs: 2, prediction: false },
    grid: { 'optimizer.lr': [0.1, 0.01], batch_size: [8, 32] },
  });
  assert.equal(runIds.length, 4);
  await runs.idle();
  const swept = await store.listRuns({ sweepId }, { by: 'id' });
  assert.deepEqual(
    swept.map((r) => [r.name, (r.config as { optimizer: { lr: number } }).optimizer.lr, (r.config as { batch_size: number }).batch_size, r.status]),
    [
      ['lr × batch: lr=0.1, batch_size=8', 0.1, 8, 'completed'],
      ['lr × batch: lr=0.1, batch_size=32', 0.1, 32, 'completed'],
      ['lr × batch: lr=0.01, batch_size=8', 0.01, 8, 'completed'],
      ['lr × batch: lr=0.01, batch_size=32', 0.01, 32, 'completed'],
    ],
  );
  const spec = { lab: 'train', base: xor, random: { samples: 5, seed: 9, params: { 'optimizer.lr': { min: 1e-4, max: 1e-1, log: true }, 'optimizer.type': { values: ['adam', 'sgd'] } } } };
  const p1 = sweepPoints(spec),
    p2 = sweepPoints(spec);
  assert.deepEqual(p1, p2);
  for (const p of p1) assert.ok((p['optimizer.lr'] as number) >= 1e-4 && (p['optimizer.lr'] as number) <= 1e-1);
  const before = (await store.listRuns({}, { by: 'id' }, 1000)).length;
  await expectLabErrorAsync(runs.sweep({ lab: 'train', base: xor, grid: { 'optimizer.lr': [0.1, -1] } }), 'INVALID_CONFIG', 'sweep run 2 (lr=-1): train.optimizer.lr');
  assert.equal((await store.listRuns({}, { by: 'id' }, 1000)).length, before);
  await runs.close();
  await store.close();
});

test('the same config and seed stored twice: identical series, bit for bit', async () => {
  const store = await tempStore();
  const runs = new RunManager(store, { concurrency: 2 });
  const cfg = { ...xor, model: { hidden: [8], dropout: 0.1 }, prediction: false };
  const a = await runs.submit('train', cfg);
  const b = await runs.submit('train', cfg);
  await runs.idle();
  const la = await store.readRaw(a, 'train_loss'),
    lb = await store.readRaw(b, 'train_loss');
  assert.equal(la.values.length, 90);
  assert.deepEqual([...la.values], [...lb.values]);
  assert.deepEqual([...(await store.readRaw(a, 'epoch_test_loss')).values], [...(await store.readRaw(b, 'epoch_test_loss')).values]);
  await runs.close();
  await store.close();
});

// #11 defect 10: "ms per step" showed the display speed (3.33 at 300/s), and a run shown at full
// speed had a duration of "0 ms". Now ms per step is the steps' compute time and the duration is the
// wall time the run ran, pauses left out.
test('a paced run: duration is its wall time without pauses, ms per step its compute time', async () => {
  const store = await tempStore();
  const runs = new RunManager(store);
  const t0 = Date.now();
  const id = await runs.submit('train', { ...xor, epochs: 4, batch_size: 96, prediction: false }, { stepsPerSecond: 10 });  // 4 steps, 100 ms apart
  await new Promise((r) => setTimeout(r, 150));
  await runs.pause(id);
  await new Promise((r) => setTimeout(r, 600));
  runs.resume(id);
  await runs.finished(id);
  const wall = Date.now() - t0;
  const run = await store.getRun(id);
  assert.equal(run.steps, 4);
  assert.ok(run.durationMs! >= 250 && run.durationMs! <= wall - 550, `duration ${run.durationMs} ms of ${wall} ms wall time, 600 of them paused`);
  assert.ok(run.msPerStep! < 20, `ms per step ${run.msPerStep}: the steps' own time, not the 100 ms pacing`);
  const epochMs = await store.readRaw(id, 'epoch_ms_per_step');
  assert.ok(Math.max(...epochMs.values.slice(1)) < 20, `per-epoch ms per step ${[...epochMs.values].join(', ')}`);
});

// #11 defect 7: a learning rate changed mid-run was not in the saved run, which still said 0.01.
test('live changes are recorded as events of the run (step, field, old → new), in runs/get, the CSV and the bundle', async () => {
  const { runCsv } = await import('../../src/experiments/export-csv.js');
  const { exportBundle, importBundle } = await import('../../src/experiments/bundle.js');
  const store = await tempStore();
  const runs = new RunManager(store);
  const id = await runs.submit('train', { ...xor, epochs: 100_000, optimizer: { type: 'adam', lr: 0.01 }, prediction: false });
  const at = await runs.pause(id);
  runs.update(id, { set: { lr: 0.05 } });
  runs.update(id, { set: { lr: 0.05, beta1: 0.8 } });  // lr unchanged: no second event for it
  runs.update(id, { steps_per_second: 30 });  // the pace is not a setting of the run
  await runs.step(id);
  await runs.stop(id);
  const events = await store.events(id);
  assert.deepEqual(events.map((e) => [e.step, e.field, e.old, e.new]), [[at, 'optimizer.lr', 0.01, 0.05], [at, 'optimizer.beta1', null, 0.8]]);
  const csv = await runCsv(store, id);
  assert.match(csv, new RegExp(`\\nevent:optimizer\\.lr,${at},\\d+(\\.\\d+)?,0\\.05\\n`));
  const other = await tempStore();
  const copy = await importBundle(other, await exportBundle(store, id));
  assert.deepEqual(await other.events(copy), events);
});

// #11: race runs named by their landscape and optimizers ("rosenbrock · adam 0.01 vs momentum 0.001").
test('a run submitted without a name is named by its lab from its config', async () => {
  const store = await tempStore();
  const runs = new RunManager(store);
  const race = await runs.submit('race', { function: 'rosenbrock', start: [-1.5, 2], steps: 5, optimizers: [{ type: 'adam', lr: 0.01 }, { type: 'momentum', lr: 0.001, beta: 0.9 }] });
  const train = await runs.submit('train', { ...xor, epochs: 1, prediction: false });
  const named = await runs.submit('train', { ...xor, epochs: 1, prediction: false }, { name: 'mine' });
  await Promise.all([race, train, named].map((id) => runs.finished(id)));
  assert.equal((await store.getRun(race)).name, 'rosenbrock · adam 0.01 vs momentum 0.001');
  assert.match((await store.getRun(train)).name, /^xor · \w+/);
  assert.equal((await store.getRun(named)).name, 'mine');
});

test('a run faster than the store is held while the store catches up (no pause in its history), and every point is stored', async () => {
  const store = await tempStore();
  const runs = new RunManager(store, { storeBacklog: 20_000 });
  const holds: boolean[] = [];
  const proto = LabSession.prototype as unknown as { hold(on: boolean): void };
  const real = proto.hold;
  proto.hold = function (this: unknown, on: boolean) {
    holds.push(on);
    real.call(this, on);
  };
  try {
    const id = await runs.submit('race', { function: 'rosenbrock', steps: 300_000, optimizers: [{ type: 'adam' }, { type: 'sgd', lr: 0.0001 }] });
    await runs.finished(id);
    const run = await store.getRun(id);
    assert.equal(run.status, 'completed');
    assert.ok(holds.length >= 2 && holds[0] === true && holds.includes(false), `held and let go: ${holds.slice(0, 6).join(',')}`);
    assert.deepEqual((await store.statusLog(id)).map((s) => s.status), ['queued', 'running', 'completed']);
    for (const name of ['race_f', 'race1_x']) {
      const pts = await store.readRaw(id, name);
      assert.equal(pts.values.length, 300_001, name);
      assert.equal(pts.steps[300_000], 300_000);
    }
  } finally {
    proto.hold = real;
    await runs.close();
    await store.close();
  }
});
