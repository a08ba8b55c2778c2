// The protocol over both transports (a worker_threads MessageChannel, shaped like Electron's, and the
// WebSocket of the browser mode): every request type, every error code, malformed messages, live
// batches and frames as binary typed arrays for subscribers only, and the host serving on after errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { LabClient } from '../../src/protocol/client.js';
import type { Events } from '../../src/protocol/methods.js';
import { LabError } from '../../src/native/errors.js';
import { portRig, socketRig, type Rig } from './protocol-helpers.js';

const xor = { dataset: { name: 'xor', n: 120, seed: 3 }, model: { hidden: [6] }, optimizer: { type: 'adam', lr: 0.05 }, batch_size: 16, epochs: 5, prediction: { size: 8, every_ms: 0 } };

async function rejects(p: Promise<unknown>, code: string, part?: string): Promise<LabError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof LabError, String(e));
    assert.equal(e.code, code, e.message);
    if (part) assert.ok(e.message.includes(part), `"${e.message}" lacks "${part}"`);
    return e;
  }
  assert.fail(`expected ${code}`);
}

function until<E extends keyof Events>(client: LabClient, event: E, pred: (d: Events[E]) => boolean): Promise<Events[E]> {
  return new Promise((resolve) => {
    const off = client.on(event, (d) => {
      if (pred(d)) {
        off();
        resolve(d);
      }
    });
  });
}

async function everyRequest(rig: Rig): Promise<void> {
  const { client } = rig;
  const watcher = await rig.connect(); // a second client: sees status events, no batches
  const cat = await client.request('labs/catalog');
  assert.ok((cat.optimizers as { type: string }[]).some((o) => o.type === 'adam'));
  const grid = await client.request('landscape/grid', { function: 'booth', width: 3, height: 2, bounds: { xmin: 0, xmax: 2, ymin: 0, ymax: 1 } });
  assert.ok(grid.values instanceof Float64Array);
  // booth (x + 2y − 7)² + (2x + y − 5)²: row 0 is y = 0, so [1] is (1, 0) = 36 + 9 and [4] is (1, 1) = 16 + 4
  assert.equal(grid.values[1], 45);
  assert.equal(grid.values[4], 20);
  const graph = (await client.request('graph/compute', {})) as { value: number };
  assert.ok(Math.abs(graph.value - 3.61) < 1e-12);

  let batches = 0,
    rows = 0,
    frames = 0;
  client.on('run/batch', (b) => {
    assert.ok(b.columns.loss === undefined || b.columns.loss instanceof Float64Array);
    batches++;
    if (b.stream === 'train') rows += b.rows;
  });
  client.on('run/frame', (f) => {
    assert.ok(f.data instanceof Float32Array);
    frames++;
  });
  watcher.on('run/batch', () => assert.fail('batches only go to subscribers'));
  const { id } = await client.request('runs/start', { lab: 'train', config: { ...xor, epochs: 100_000 }, name: 'live', tags: ['p'] });
  await client.request('runs/subscribe', { ids: [id] });
  const { step } = await client.request('runs/pause', { id });
  await client.request('runs/update', { id, change: { set: { lr: 0.01 } } });
  assert.equal((await client.request('runs/step', { id })).step, step + 1);
  await client.request('runs/resume', { id });
  const stopped = until(watcher, 'run/status', (s) => s.id === id && s.status === 'stopped');
  const { run } = await client.request('runs/stop', { id });
  assert.equal(run.status, 'stopped');
  await stopped;
  assert.ok(batches > 0 && rows > 0 && frames > 0);

  const done = until(watcher, 'run/status', (s) => s.status === 'completed');
  const second = (await client.request('runs/start', { lab: 'train', config: xor })).id;
  await done;
  const got = await client.request('runs/get', { id: second });
  assert.equal(got.run.status, 'completed');
  assert.ok(got.series.some((s) => s.name === 'train_loss' && s.points === 30));
  assert.ok(got.artifacts.some((a) => a.kind === 'weights'));
  assert.deepEqual(got.log.map((l) => l.status), ['queued', 'running', 'completed']);
  const raw = await client.request('runs/series', { id: second, name: 'train_loss' });
  assert.ok(raw.values instanceof Float64Array && raw.values.length === 30 && raw.raw);
  const chart = await client.request('runs/series', { id: second, name: 'train_loss', maxPoints: 9 });
  assert.ok(chart.values.length <= 9 && !chart.raw);
  const list = await client.request('runs/list', { filter: { tag: 'p' } });
  assert.deepEqual(list.runs.map((r) => r.id), [id]);
  const sorted = await client.request('runs/list', { sort: { by: 'config.optimizer.lr' } });
  assert.equal(sorted.runs.length, 2);
  const cmp = await client.request('runs/compare', { ids: [second], series: 'epoch_test_loss', x: 'epoch' });
  assert.deepEqual([...cmp.series[0]!.x], [0, 1, 2, 3, 4, 5]);
  const fr = await client.request('runs/frames', { id: second, name: 'prediction', which: 'latest' });
  assert.deepEqual(fr.frames[0]!.shape, [8, 8, 2]);
  assert.ok(fr.frames[0]!.data instanceof Float32Array);
  const edited = await client.request('runs/edit', { id: second, name: 'renamed', tags: ['x'] });
  assert.equal(edited.run.name, 'renamed');
  const csv = await client.request('runs/export', { id: second, format: 'csv' });
  assert.equal(typeof csv.data, 'string');
  assert.ok((csv.data as string).startsWith('series,step,time_ms,value\n'));
  const bundle = await client.request('runs/export', { id: second, format: 'bundle' });
  assert.ok(bundle.data instanceof Uint8Array);
  assert.equal(bundle.filename, `train-${second}.glrun`);
  await client.request('runs/delete', { id: second });
  const imported = await client.request('runs/import', { data: bundle.data as Uint8Array<ArrayBuffer> });
  assert.equal((await client.request('runs/get', { id: imported.id })).run.name, 'renamed');
  await client.request('runs/unsubscribe', { ids: [id] });
  const sweep = await client.request('sweeps/start', { lab: 'race', base: { function: 'booth', optimizers: [{ type: 'sgd', lr: 0.01 }], steps: 10 }, grid: { 'optimizers[0].lr': [0.01, 0.02] } });
  assert.equal(sweep.runIds.length, 2);
  const { sweeps } = await client.request('sweeps/list', {});
  assert.deepEqual(sweeps.map(({ createdAt, ...rest }) => (assert.ok(createdAt > 0), rest)), [{ id: sweep.sweepId, name: 'race sweep', lab: 'race', runs: 2 }]);
  await rig.host.runs.idle();
  watcher.close();
}

async function everyError(rig: Rig): Promise<void> {
  const { client } = rig;
  await rejects(client.request('runs/destroy' as never), 'UNKNOWN_METHOD', 'unknown method "runs/destroy"');
  await rejects(client.request('runs/get', { id: 'one' } as never), 'INVALID_PARAMS', 'runs/get: params.id');
  await rejects(client.request('runs/get', { id: 1, extra: true } as never), 'INVALID_PARAMS', 'params.extra: unknown field');
  await rejects(client.request('runs/get', { id: 999 }), 'UNKNOWN_RUN', 'run 999: no such run');
  await rejects(client.request('runs/pause', { id: 999 }), 'UNKNOWN_RUN');
  await rejects(client.request('runs/series', { id: 999, name: 'train_loss' }), 'UNKNOWN_RUN');
  await rejects(client.request('runs/start', { lab: 'train', config: { dataset: 'xor', epochs: 0 } }), 'INVALID_CONFIG', 'train.epochs');
  const f = await rejects(client.request('landscape/grid', { function: { formula: 'x^2 + * y' }, width: 4, height: 4 }), 'FORMULA_SYNTAX');
  assert.equal(typeof f.position, 'number');
  await rejects(client.request('runs/import', { data: new Uint8Array([1, 2, 3]) }), 'BUNDLE_FORMAT');
  await rejects(client.request('runs/compare', { ids: [], series: 'x' }), 'INVALID_PARAMS', 'params.ids');
  // malformed messages: answered with BAD_MESSAGE (id null when there is none), and the host serves on
  for (const bad of [42, 'hello', null, { kind: 'request' }, { kind: 'shout', id: 1 }, { kind: 'request', id: 1.5, method: 'labs/catalog' }]) client.sendRaw(bad);
  await client.request('labs/catalog');
  assert.equal(client.stray.length, 6);
  for (const s of client.stray) assert.equal(s.code, 'BAD_MESSAGE');
}

for (const [name, make] of [
  ['MessagePort', portRig],
  ['WebSocket', socketRig],
] as const) {
  test(`${name}: every request type`, async () => {
    const rig = await make();
    try {
      await everyRequest(rig);
    } finally {
      await rig.close();
    }
  });
  test(`${name}: every error code, malformed messages, and the host keeps serving`, async () => {
    const rig = await make();
    try {
      await everyError(rig);
    } finally {
      await rig.close();
    }
  });
}

test('continue for N more epochs: a paused run\'s budget grows live (recorded); an ended run\'s weights start a new run that begins where it ended', async () => {
  const rig = await portRig();
  const { client, host } = rig;
  try {
    // paused: 3 epochs → 5, then resumed: it ends after epoch 5, and the change is in its history
    const config = { ...xor, epochs: 3, prediction: false };
    const { id } = await client.request('runs/start', { lab: 'train', config, stepsPerSecond: 1e-3 });
    await until(client, 'run/status', (e) => e.id === id && e.status === 'running');
    await client.request('runs/pause', { id });
    await client.request('runs/update', { id, change: { epochs: 5 } });
    await rejects(client.request('runs/update', { id, change: { epochs: 0 } }), 'INVALID_CONFIG', 'update.epochs');
    await client.request('runs/update', { id, change: { steps_per_second: 0 } });
    await client.request('runs/resume', { id });
    await host.runs.finished(id);
    const epochs = (await host.store.readRaw(id, 'epoch_epoch')).values;
    assert.equal(epochs.at(-1), 5);
    const got = await client.request('runs/get', { id });
    assert.deepEqual(got.events.map((e) => [e.field, e.new]), [['epochs', 5]]);

    // ended: a new run from its final weights — its untrained evaluation (epoch 0) is the old run's last
    const next = (await client.request('runs/start', { lab: 'train', config: { ...config, epochs: 2 }, continueFrom: id, name: 'xor (+2)' })).id;
    await host.runs.finished(next);
    const before = await host.store.readRaw(id, 'epoch_test_loss');
    const after = await host.store.readRaw(next, 'epoch_test_loss');
    assert.equal(after.values[0], before.values.at(-1), 'the continued run starts from the weights the first one ended with');
    assert.equal(after.values.length, 3);
    const run = await host.store.getRun(next);
    assert.equal(run.status, 'completed');
    assert.match(run.notes, new RegExp(`^continued from run #${id} \\(`));
    assert.equal((run.config as { init_weights?: unknown }).init_weights, undefined, 'the stored config holds no weights');

    await rejects(client.request('runs/start', { lab: 'race', config: { function: 'booth', optimizers: [{ type: 'adam' }] }, continueFrom: id }), 'INVALID_CONFIG', `continueFrom: run ${id} is a train run, not race`);
    await rejects(client.request('runs/start', { lab: 'train', config, continueFrom: 9999 }), 'UNKNOWN_RUN');
  } finally {
    await rig.close();
  }
});
