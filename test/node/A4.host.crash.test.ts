// The crash test of the experiment manager: a real host process streams runs to a client and is
// killed with SIGKILL mid-run. Reopened, the store is valid, those runs are `interrupted`, and each
// holds a gapless prefix of its points at least as long as what the client had received well before
// the kill (the host flushes at least every 250 ms).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Store } from '../../src/experiments/store.js';
import { startHostProcess } from './host-process.js';
import { tempHome } from './store-helpers.js';

test('SIGKILL of a host mid-run: the runs are interrupted and every flushed point is there', async () => {
  const home = tempHome();
  const { child, client } = await startHostProcess(home, ['--concurrency', '3']);
  const received = new Map<number, number>(); // run → last train step received
  client.on('run/batch', (b) => {
    if (b.stream !== 'train') return;
    const steps = b.columns.step!;
    assert.equal(steps[0], (received.get(b.id) ?? 0) + 1, 'gapless on the client');
    received.set(b.id, steps[b.rows - 1]!);
  });
  const config = { dataset: 'moons', model: { hidden: [8] }, batch_size: 1, epochs: 100_000, prediction: { size: 16 } };
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) ids.push((await client.request('runs/start', { lab: 'train', config: { ...config, seed: i + 1 }, stepsPerSecond: 3000, subscribe: true })).id);
  await new Promise((r) => setTimeout(r, 1500));
  const safe = new Map(received); // what had arrived 1 s before the kill: flushed by then
  await new Promise((r) => setTimeout(r, 1000));
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  assert.equal(child.signalCode, 'SIGKILL');

  const store = await Store.open({ home });
  assert.equal((await store.db.get<{ integrity_check: string }>('PRAGMA integrity_check'))!.integrity_check, 'ok');
  for (const id of ids) {
    const run = await store.getRun(id);
    assert.equal(run.status, 'interrupted', `run ${id}`);
    const loss = await store.readRaw(id, 'train_loss');
    for (let i = 0; i < loss.steps.length; i++) assert.equal(loss.steps[i], i + 1, 'a gapless prefix');
    assert.ok(loss.steps.length >= (safe.get(id) ?? 0), `run ${id}: ${loss.steps.length} stored, ${safe.get(id)} received 1 s before the kill`);
    assert.ok(loss.steps.length > 0);
    assert.equal((await store.readFrames(id, 'prediction', 'latest')).length, 1, 'the latest frame is kept too');
  }
  await store.close();
});
