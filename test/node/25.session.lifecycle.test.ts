// Sessions and the life of the process around them: worker threads streaming races and a training run
// can be terminated mid-stream again and again (no abort, every session's native state freed, the
// process still computes the right numbers), and a process can exit with sessions running or paused —
// no crash, no hang.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { test } from 'node:test';

import { native } from '../../src/native/binding.js';
import { startRace } from '../../src/native/index.js';
import { collect } from './helpers.js';

const api = new URL('../../src/native/index.js', import.meta.url).href;

// In the worker: a race streaming small batches as fast as it can, a paused race, a throttled race and
// a training run streaming every step; it says "streaming" once both busy streams have delivered
// batches, then keeps streaming until it is terminated.
const workerSource = `
  const { startRace, startTraining } = await import(${JSON.stringify(api)});
  const { parentPort } = await import('node:worker_threads');
  const fast = { max_rows: 8, flush_ms: 0 };
  const race = startRace({ function: 'rosenbrock', steps: 10000000, optimizers: [{ type: 'adam' }, { type: 'sgd', lr: 0.0001 }] }, fast);
  const paused = startRace({ function: 'booth', steps: 10000000, optimizers: [{ type: 'sgd' }] });
  startRace({ function: 'himmelblau', steps: 10000000, optimizers: [{ type: 'rmsprop' }] }, { steps_per_second: 500 });
  const train = startTraining({ dataset: 'moons', optimizer: { type: 'sgd', lr: 0.05 }, batch_size: 1, epochs: 100000 }, fast);
  await paused.pause();
  let raceBatches = 0, trainBatches = 0, told = false;
  const tell = () => {
    if (!told && raceBatches >= 20 && trainBatches >= 20) { told = true; parentPort.postMessage('streaming'); }
  };
  race.on('batch', () => { raceBatches += 1; tell(); });
  train.on('batch', () => { trainBatches += 1; tell(); });`;

async function startStreamingWorker(): Promise<Worker> {
  const w = new Worker(workerSource, { eval: true });
  await new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`the worker exited (code ${code}) before streaming`)));
  });
  return w;
}

test('worker threads streaming sessions can be terminated mid-stream, again and again', async () => {
  const iterations = 20;
  for (let i = 0; i < iterations; i++) {
    const w = await startStreamingWorker();
    // Termination lands at a different point of the stream each time: at once, after a few turns of
    // the event loop, or after a few milliseconds of streaming.
    if (i % 3 === 1) for (let k = 0; k < i; k++) await new Promise((r) => setImmediate(r));
    if (i % 3 === 2) await new Promise((r) => setTimeout(r, i % 7));
    const code = await w.terminate();
    assert.equal(code, 1, `iteration ${i}: the worker was terminated`);
  }
  // Every session of every terminated worker was stopped, its thread joined and its state freed when
  // the worker's environment was torn down.
  assert.equal(native().liveSessions(), 0);

  // …and the process still runs races with the right numbers (see 10.race.numbers.test.ts).
  const race = startRace({ function: { name: 'quadratic', params: { kappa: 10 } }, start: [1, 1], steps: 3, optimizers: [{ type: 'sgd', lr: 0.1 }] });
  const { rows } = collect(race);
  const summary = await race.done;
  assert.equal(summary.status, 'completed');
  assert.deepEqual(rows[0]!.step, [0, 1, 2, 3]);
  assert.ok(Math.abs(rows[0]!.x![3]! - 0.729) < 1e-15); // 0.9³
  assert.ok(Math.abs(rows[0]!.y![1]!) < 1e-15); // 1 − 0.1·10
});

test('a process exits cleanly with one race running and one paused', () => {
  const script = `
    const { startRace } = await import(${JSON.stringify(api)});
    const a = startRace({ function: 'rosenbrock', steps: 10000000, optimizers: [{ type: 'adam' }] });
    const b = startRace({ function: 'booth', steps: 10000000, optimizers: [{ type: 'sgd' }] });
    await b.pause();
    setTimeout(() => process.exit(0), 30);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
});
