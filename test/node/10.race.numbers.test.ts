// The race through the whole stack (schema → addon → session thread → batches) gives the numbers of
// the update rules, checked against values computed by hand on ½(x² + κ·y²) with κ = 10 from (1, 1):
// ∇f = (x, κ·y) = (1, 10) at the start.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startRace } from '../../src/native/index.js';
import { collect } from './helpers.js';

const quadratic = { name: 'quadratic', params: { kappa: 10 } };

test('SGD: row 0 is the start, row k the point after k updates', async () => {
  const race = startRace({ function: quadratic, start: [1, 1], steps: 3, optimizers: [{ type: 'sgd', lr: 0.1 }] });
  const { rows } = collect(race);
  const summary = await race.done;
  const r = rows[0]!;
  assert.deepEqual(r.step, [0, 1, 2, 3]);
  // x1 = 1 − 0.1·1 = 0.9; y1 = 1 − 0.1·10 = 0; f1 = ½·0.81 = 0.405; next gradient (0.9, 0)
  assert.equal(r.x![0], 1);
  assert.equal(r.f![0], 5.5); // ½(1 + 10)
  assert.ok(Number.isNaN(r.lr![0]!));
  assert.ok(Math.abs(r.x![1]! - 0.9) < 1e-15);
  assert.ok(Math.abs(r.y![1]!) < 1e-15);
  assert.ok(Math.abs(r.f![1]! - 0.405) < 1e-15);
  assert.ok(Math.abs(r.gx![1]! - 0.9) < 1e-15);
  assert.ok(Math.abs(r.gnorm![1]! - 0.9) < 1e-15);
  assert.equal(r.lr![1], 0.1);
  // x3 = 0.9³ = 0.729
  assert.ok(Math.abs(r.x![3]! - 0.729) < 1e-15);
  assert.equal(summary.status, 'completed');
  assert.equal(summary.optimizers[0]!.status, 'completed');
  assert.equal(summary.optimizers[0]!.steps, 3);
});

test('momentum: v = β·v − lr·g; θ += v, with the velocity in the rows', async () => {
  const race = startRace({ function: quadratic, start: [1, 1], steps: 2, optimizers: [{ type: 'momentum', lr: 0.1, beta: 0.9 }] });
  const { rows } = collect(race);
  await race.done;
  const r = rows[0]!;
  // v1 = −0.1·(1, 10) = (−0.1, −1); θ1 = (0.9, 0)
  assert.ok(Math.abs(r.v_x![1]! + 0.1) < 1e-15 && Math.abs(r.v_y![1]! + 1) < 1e-15);
  // v2 = 0.9·(−0.1, −1) − 0.1·(0.9, 0) = (−0.18, −0.9); θ2 = (0.72, −0.9); f2 = ½(0.5184 + 8.1) = 4.3092
  assert.ok(Math.abs(r.v_x![2]! + 0.18) < 1e-15);
  assert.ok(Math.abs(r.v_y![2]! + 0.9) < 1e-15);
  assert.ok(Math.abs(r.x![2]! - 0.72) < 1e-15);
  assert.ok(Math.abs(r.y![2]! + 0.9) < 1e-15);
  assert.ok(Math.abs(r.f![2]! - 4.3092) < 1e-12);
});

test('Adam: m, v, m̂, v̂ of the first update, with and without bias correction', async () => {
  const race = startRace({
    function: quadratic,
    start: [1, 1],
    steps: 1,
    optimizers: [
      { type: 'adam', lr: 0.1 },
      { type: 'adam', lr: 0.1, bias_correction: false },
    ],
  });
  const { rows } = collect(race);
  await race.done;
  const [on, off] = [rows[0]!, rows[1]!];
  // m = 0.1·g = (0.1, 1); v = 0.001·g² = (0.001, 0.1); m̂ = (1, 10); v̂ = (1, 100)
  assert.ok(Math.abs(on.m_y![1]! - 1) < 1e-15);
  assert.ok(Math.abs(on.v_y![1]! - 0.1) < 1e-15);
  assert.ok(Math.abs(on.m_hat_y![1]! - 10) < 1e-12);
  assert.ok(Math.abs(on.v_hat_y![1]! - 100) < 1e-10);
  // θ1 = 1 − 0.1·m̂/(√v̂ + ε) = 1 − 0.1·10/(10 + 1e−8)
  assert.ok(Math.abs(on.y![1]! - (1 - (0.1 * 10) / (10 + 1e-8))) < 1e-15);
  // no correction: θ1 = 1 − 0.1·1/(√0.1 + ε)
  assert.ok(Math.abs(off.y![1]! - (1 - (0.1 * 1) / (Math.sqrt(0.1) + 1e-8))) < 1e-15);
  assert.ok(Math.abs(off.m_hat_y![1]! - off.m_y![1]!) < 1e-15);
});

test('divergence is a status, not a crash: SGD with lr 1 on κ = 10 blows up', async () => {
  const race = startRace({ function: quadratic, start: [1, 1], steps: 10_000, optimizers: [{ type: 'sgd', lr: 1 }, { type: 'sgd', lr: 0.01 }] });
  const notices: unknown[] = [];
  race.on('notice', (n) => notices.push(n));
  const { rows } = collect(race);
  const s = await race.done;
  const bad = s.optimizers[0]!;
  assert.equal(bad.status, 'diverged');
  // y_k = (1 − 10)^k = (−9)^k passes 1e6 at k = 7 (9^7 ≈ 4.8e6)
  assert.equal(bad.steps, 7);
  assert.equal(rows[0]!.y!.length, 8);
  assert.equal(s.optimizers[1]!.status, 'completed');
  assert.equal(s.optimizers[1]!.steps, 10_000);
  assert.deepEqual(notices[0], { type: 'optimizer_status', optimizer: 0, status: 'diverged', step: 7, reason: '|θ| exceeded 1000000' });
});

test('stop rules: gradient tolerance and f target end each optimizer with its own status', async () => {
  const race = startRace({
    function: quadratic,
    start: [1, 1],
    steps: 100_000,
    stop: { grad_tol: 1e-6 },
    optimizers: [{ type: 'sgd', lr: 0.05 }],
  });
  const s = await race.done;
  const o = s.optimizers[0]!;
  assert.equal(o.status, 'converged');
  assert.ok(o.final.gnorm < 1e-6);
  // x_k = 0.95^k and y_k = 0.5^k: ‖g‖ = hypot(0.95^k, 10·0.5^k) < 1e-6 first at k = ⌈ln 1e-6 / ln 0.95⌉ = 270
  assert.equal(o.steps, 270);

  const race2 = startRace({ function: 'rosenbrock', steps: 100_000, stop: { f_target: 1e-3 }, optimizers: [{ type: 'adam', lr: 0.02 }] });
  const s2 = await race2.done;
  assert.equal(s2.optimizers[0]!.status, 'reached_target');
  assert.ok(s2.optimizers[0]!.final.f <= 1e-3);
});

test('a typed formula races like a built-in, with exact derivatives', async () => {
  const race = startRace({ function: { formula: '0.5*(x^2 + 10*y^2)' }, start: [1, 1], steps: 3, optimizers: [{ type: 'sgd', lr: 0.1 }] });
  const { rows } = collect(race);
  await race.done;
  assert.ok(Math.abs(rows[0]!.x![3]! - 0.729) < 1e-15);
  assert.ok(Math.abs(rows[0]!.gy![0]! - 10) < 1e-15);
});

test('schedules change the learning rate per update', async () => {
  const race = startRace({
    function: quadratic,
    start: [1, 1],
    steps: 4,
    optimizers: [{ type: 'sgd', lr: 0.1, schedule: { type: 'step', step_size: 2, gamma: 0.5 } }],
  });
  const { rows } = collect(race);
  await race.done;
  assert.deepEqual(rows[0]!.lr!.slice(1), [0.1, 0.1, 0.05, 0.05]);
});
