// Load: 8 runs stream at once for GRADLAB_LOAD_SECONDS (default 30) through a host to a subscribed
// WebSocket client. Every step arrives exactly once, in order, on the client and in the store; the
// test prints the points per second it saw.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Store } from '../../src/experiments/store.js';
import { startHostProcess } from './host-process.js';
import { tempHome } from './store-helpers.js';

const seconds = Number(process.env.GRADLAB_LOAD_SECONDS ?? 30);

test(`8 concurrent runs for ${seconds} s: no point lost or duplicated, on the client or in the store`, { timeout: (seconds + 120) * 1000 }, async () => {
  const home = tempHome();
  const { child, client } = await startHostProcess(home, ['--concurrency', '8']);
  try {
    const last = new Map<number, number>();
    let points = 0;
    client.on('run/batch', (b) => {
      points += b.rows * (Object.keys(b.columns).length - 1);
      if (b.stream !== 'train') return;
      const steps = b.columns.step!;
      for (let i = 0; i < b.rows; i++) {
        const want = (last.get(b.id) ?? 0) + 1;
        if (steps[i] !== want) assert.fail(`run ${b.id}: step ${steps[i]} where ${want} was due`);
        last.set(b.id, want);
      }
    });
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      const config = { dataset: i % 2 ? 'spiral' : 'moons', model: { hidden: [16] }, batch_size: 4, epochs: 100_000, seed: i + 1, prediction: { size: 32 } };
      ids.push((await client.request('runs/start', { lab: 'train', config, stepsPerSecond: 4000, subscribe: true })).id);
    }
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    for (const id of ids) await client.request('runs/stop', { id });
    const elapsed = (Date.now() - t0) / 1000;
    const runs = (await client.request('runs/list')).runs;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;

    const store = await Store.open({ home });
    let stored = 0;
    for (const id of ids) {
      const run = runs.find((r) => r.id === id)!;
      assert.equal(run.status, 'stopped');
      assert.equal(last.get(id), run.steps, `run ${id}: the client got every step`);
      const loss = await store.readRaw(id, 'train_loss');
      assert.equal(loss.steps.length, run.steps, `run ${id}: the store has every step`);
      for (let i = 0; i < loss.steps.length; i++) if (loss.steps[i] !== i + 1) assert.fail(`run ${id}: stored step ${loss.steps[i]} at ${i}`);
      for (const s of await store.listSeries(id)) stored += s.points;
    }
    await store.close();
    console.log(`load: 8 runs, ${elapsed.toFixed(1)} s: ${Math.round(points / elapsed)} points/s to the client, ${stored} points stored (${Math.round(stored / elapsed)}/s)`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
