// Control of a running race from JS: pause stops the stream, step advances exactly one step, resume
// continues, stop ends with status "stopped", and live hyper-parameter changes apply at the next step.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import { startRace } from '../../src/native/index.js';
import { collect, expectLabError } from './helpers.js';

const long = { function: 'rosenbrock' as const, steps: 10_000_000, optimizers: [{ type: 'adam' as const, lr: 1e-4 }] };

test('pause stops the stream; step advances exactly one; resume continues; stop ends it', async () => {
  const race = startRace(long);
  const { rows } = collect(race);
  await sleep(20);
  const at = await race.pause();
  assert.equal(race.state, 'paused');
  assert.equal(rows[0]!.step!.length, at + 1, 'every row up to the pause has arrived');
  await sleep(50);
  assert.equal(rows[0]!.step!.length, at + 1, 'nothing moves while paused');

  const after = await race.step();
  assert.equal(after, at + 1);
  assert.equal(rows[0]!.step!.length, at + 2);
  assert.equal(rows[0]!.step!.at(-1), at + 1);
  await race.step();
  assert.equal(rows[0]!.step!.length, at + 3);

  race.resume();
  await sleep(20);
  assert.ok(rows[0]!.step!.length > at + 3, 'running again');
  const s = await race.stop();
  assert.equal(s.status, 'stopped');
  assert.equal(s.optimizers[0]!.status, 'stopped');
  assert.equal(rows[0]!.step!.length, s.optimizers[0]!.steps + 1);
  assert.ok(s.ms_per_step > 0);
});

test('step is refused while running and after the end', async () => {
  const race = startRace(long);
  expectLabError(() => void race.step(), 'SESSION_STATE', 'paused');
  await race.stop();
  await assert.rejects(race.step(), { code: 'SESSION_STATE' });
  expectLabError(() => race.update({ set: { lr: 0.1 } }), 'SESSION_STATE', 'ended');
});

test('a live learning-rate change takes effect at the next step', async () => {
  const race = startRace({ function: { name: 'quadratic', params: { kappa: 10 } }, start: [1, 1], steps: 10_000_000, optimizers: [{ type: 'sgd', lr: 0.001 }] });
  const { rows } = collect(race);
  const at = await race.pause();
  race.update({ optimizer: 0, set: { lr: 0.05 } });
  await race.step();
  const r = rows[0]!;
  const k = at; // row k is the point before the changed update
  assert.equal(r.lr![k + 1], 0.05);
  // x_{k+1} = x_k − 0.05·g_x(k), bit for bit what the rule says
  assert.equal(r.x![k + 1], r.x![k]! - 0.05 * r.gx![k]!);
  const s = await race.stop();
  assert.equal(s.optimizers[0]!.hypers.lr, 0.05);
});

test('live changes are validated at once; a bad one changes nothing', async () => {
  const race = startRace({ function: 'booth', steps: 10_000_000, optimizers: [{ type: 'momentum' }] });
  expectLabError(() => race.update({ set: { lr: -1 } }), 'INVALID_CONFIG', 'update.set.lr', '> 0', '-1');
  expectLabError(() => race.update({ set: { beta1: 0.5 } }), 'UNKNOWN_HYPERPARAMETER', 'momentum has no hyper-parameter "beta1"');
  expectLabError(() => race.update({ optimizer: 3, set: { lr: 0.1 } }), 'INVALID_CONFIG', 'update.optimizer');
  const s = await race.stop();
  assert.equal(s.optimizers[0]!.hypers.lr, 0.01);
});

test('steps_per_second throttles a race and can be changed live', async () => {
  const race = startRace({ function: 'booth', steps: 1000, optimizers: [{ type: 'sgd', lr: 0.01 }] }, { steps_per_second: 100 });
  const { rows } = collect(race);
  await sleep(200);
  const n = rows[0]?.step?.length ?? 0;
  assert.ok(n >= 5 && n <= 100, `about 20 steps in 0.2 s at 100/s (never all 1000), got ${n}`);
  race.update({ steps_per_second: 0 });
  const s = await race.done;
  assert.equal(s.steps, 1000);
});
