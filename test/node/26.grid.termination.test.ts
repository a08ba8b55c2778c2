// evaluateGrid in a worker thread that is terminated while grids are being asked for, evaluated and
// resolved, again and again: no abort (a call into the addon, or a grid finishing, while JS can no
// longer run gives up quietly), and the process still computes the right grids afterwards.
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { test } from 'node:test';

import { evaluate, evaluateGrid } from '../../src/native/index.js';

const api = new URL('../../src/native/index.js', import.meta.url).href;

// In the worker: four large grids in flight at any time (built-ins and a formula) and a request that
// is refused at once, over and over; it says "busy" once the first grid has resolved.
const workerSource = `
  const { evaluateGrid } = await import(${JSON.stringify(api)});
  const { parentPort } = await import('node:worker_threads');
  const functions = ['rosenbrock', { formula: 'sin(x*y) + x^2 - cos(y)' }, 'himmelblau'];
  for (let i = 0; ; i++) {
    const grids = [];
    for (let k = 0; k < 4; k++) grids.push(evaluateGrid({ function: functions[(i + k) % 3], width: 400 + (i % 7), height: 300 }));
    evaluateGrid({ function: 'booth', width: 1, height: 10 }).catch(() => {});
    await Promise.race(grids);
    if (i === 0) parentPort.postMessage('busy');
  }`;

async function startGridWorker(): Promise<Worker> {
  const w = new Worker(workerSource, { eval: true });
  await new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`the worker exited (code ${code}) before its first grid`)));
  });
  return w;
}

test('worker threads evaluating grids can be terminated mid-grid, again and again', async () => {
  const iterations = 30;
  for (let i = 0; i < iterations; i++) {
    const w = await startGridWorker();
    // Termination lands at a different point each time: at once, after a few turns of the event loop,
    // or after a few milliseconds of grids.
    if (i % 3 === 1) for (let k = 0; k < i % 10; k++) await new Promise((r) => setImmediate(r));
    if (i % 3 === 2) await new Promise((r) => setTimeout(r, i % 7));
    const code = await w.terminate();
    assert.equal(code, 1, `iteration ${i}: the worker was terminated`);
  }

  // …and the process still computes grids with the right numbers (see 50.landscapes.test.ts).
  const small = await evaluateGrid({ function: { formula: 'x + 10*y' }, width: 3, height: 2, bounds: { xmin: -1, xmax: 1, ymin: 0, ymax: 2 } });
  assert.deepEqual([...small.values], [-1, 0, 1, 19, 20, 21]);
  const big = await evaluateGrid({ function: 'rosenbrock', width: 401, height: 301, bounds: { xmin: -2, xmax: 2, ymin: -1, ymax: 2 } });
  assert.equal(big.values.length, 401 * 301);
  for (const [row, col, x, y] of [[0, 0, -2, -1], [150, 200, 0, 0.5], [300, 400, 2, 2]] as const) {
    assert.equal(big.values[row * 401 + col], evaluate('rosenbrock', x, y).f, `rosenbrock at (${x}, ${y})`);
  }
  assert.equal(big.nonFinite, 0);
});
