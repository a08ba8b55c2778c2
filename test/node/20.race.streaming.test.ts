// Streaming: every row arrives once, in order, batches numbered without gaps — for long runs and for
// several sessions at once; the async iterator sees the same rows as listeners.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startRace, type RaceBatch } from '../../src/native/index.js';
import { collect } from './helpers.js';

function assertComplete(steps: number[], n: number): void {
  assert.equal(steps.length, n + 1, 'one row per step plus the start');
  for (let i = 0; i < steps.length; i++) if (steps[i] !== i) assert.fail(`row ${i} has step ${steps[i]}`);
}

test('a long race streams every step of every optimizer once, in order', async () => {
  const n = 300_000;
  const race = startRace({
    function: 'rosenbrock',
    steps: n,
    optimizers: [{ type: 'adam', lr: 1e-4 }, { type: 'momentum', lr: 1e-5 }, { type: 'rmsprop', lr: 1e-5 }],
  });
  const { rows, seqs } = collect(race);
  const s = await race.done;
  assert.equal(s.steps, n);
  for (let i = 0; i < 3; i++) assertComplete(rows[i]!.step!, n);
  assert.deepEqual(seqs, seqs.map((_, i) => i));
  assert.ok(seqs.length > 3, 'rows come in several batches');
});

test('several sessions at once each stream completely', async () => {
  const sessions = [0, 1, 2, 3].map((k) =>
    startRace({ function: 'himmelblau', start: [k - 2, 1], steps: 50_000 + k, optimizers: [{ type: 'sgd', lr: 1e-4 }, { type: 'nesterov', lr: 1e-4 }] }),
  );
  const collected = sessions.map(collect);
  const summaries = await Promise.all(sessions.map((s) => s.done));
  summaries.forEach((s, k) => {
    assert.equal(s.steps, 50_000 + k);
    assertComplete(collected[k]!.rows[0]!.step!, 50_000 + k);
    assertComplete(collected[k]!.rows[1]!.step!, 50_000 + k);
    assert.equal(collected[k]!.rows[0]!.x![0], k - 2);
  });
});

test('the async iterator yields the same batches as the listener', async () => {
  const race = startRace({ function: 'booth', steps: 20_000, optimizers: [{ type: 'adagrad', lr: 0.5 }] }, { max_rows: 1000 });
  const { rows } = collect(race);
  const steps: number[] = [];
  for await (const b of race.batches() as AsyncIterable<RaceBatch>) steps.push(...b.columns.step);
  assert.deepEqual(steps, rows[0]!.step);
  assertComplete(steps, 20_000);
});

test('same config and seed give the same trajectory, noise included; another seed does not', async () => {
  const run = async (seed: number) => {
    const race = startRace({ function: 'rosenbrock', steps: 2000, seed, noise: { sigma: 0.5 }, optimizers: [{ type: 'adam', lr: 0.01 }, { type: 'sgd', lr: 1e-4 }] });
    const { rows } = collect(race);
    await race.done;
    return rows;
  };
  const [a, b, c] = [await run(7), await run(7), await run(8)];
  assert.deepEqual(a, b);
  assert.notDeepEqual(a[0]!.x, c[0]!.x);
  // both optimizers saw the same noise sequence at the start point: the same noisy gradient in row 0
  assert.equal(a[0]!.gx![0], a[1]!.gx![0]);
  assert.notEqual(a[0]!.gx![0], c[0]!.gx![0]);
});
