// Landscapes through the API: single-point evaluation, formula descriptions, and the grid for contour
// maps against hand values.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { native } from '../../src/native/binding.js';
import { describeFunction, evaluate, evaluateGrid } from '../../src/native/index.js';
import { expectLabError, expectLabErrorAsync } from './helpers.js';

test('evaluate gives f and the exact gradient', () => {
  // Rosenbrock at (0, 0): f = 1; ∂f/∂x = −2(1 − x) − 400x(y − x²) = −2; ∂f/∂y = 200(y − x²) = 0
  assert.deepEqual(evaluate('rosenbrock', 0, 0), { f: 1, gx: -2, gy: 0 });
  // x·y + sin(x) at (2, 3): f = 6 + sin 2; ∇f = (3 + cos 2, 2)
  const r = evaluate({ formula: 'x*y + sin(x)' }, 2, 3);
  assert.ok(Math.abs(r.f - (6 + Math.sin(2))) < 1e-15);
  assert.ok(Math.abs(r.gx - (3 + Math.cos(2))) < 1e-15);
  assert.equal(r.gy, 2);
});

test('describeFunction tells what is known about a built-in or a formula', () => {
  const q = describeFunction({ name: 'quadratic', params: { kappa: 50 } });
  assert.equal(q.name, 'quadratic');
  assert.deepEqual(q.minima, [{ x: 0, y: 0, f: 0 }]);
  const f = describeFunction({ formula: 'x^2 + y^2' });
  assert.equal(f.name, 'formula');
  assert.equal(f.formula, 'x^2 + y^2');
});

test('evaluateGrid: values[row·width + col], row 0 at ymin, col 0 at xmin', async () => {
  const g = await evaluateGrid({ function: { formula: 'x + 10*y' }, width: 3, height: 2, bounds: { xmin: -1, xmax: 1, ymin: 0, ymax: 2 } });
  assert.equal(g.width, 3);
  assert.equal(g.height, 2);
  assert.deepEqual(Array.from(g.values), [-1, 0, 1, 19, 20, 21]);
  assert.equal(g.min, -1);
  assert.equal(g.max, 21);
  assert.equal(g.nonFinite, 0);
});

test('evaluateGrid uses the landscape bounds by default and counts non-finite values', async () => {
  const g = await evaluateGrid({ function: 'rosenbrock', width: 64, height: 48 });
  assert.equal(g.values.length, 64 * 48);
  assert.ok(g.bounds.xmin < 1 && g.bounds.xmax > 1);
  const l = await evaluateGrid({ function: { formula: 'log(x)' }, width: 5, height: 2, bounds: { xmin: -1, xmax: 1, ymin: 0, ymax: 1 } });
  assert.ok(l.nonFinite >= 2); // log of a negative number (NaN) and of 0 (−Infinity)
});

test('evaluateGrid refuses bad sizes and bounds', async () => {
  await expectLabErrorAsync(evaluateGrid({ function: 'booth', width: 1, height: 10 }), 'INVALID_CONFIG', 'grid.width');
  await expectLabErrorAsync(evaluateGrid({ function: 'booth', width: 10, height: 100_000 }), 'INVALID_CONFIG', 'grid.height');
  const flipped = { xmin: 1, xmax: 0, ymin: 0, ymax: 1 };
  await expectLabErrorAsync(evaluateGrid({ function: 'booth', width: 10, height: 10, bounds: flipped }), 'INVALID_CONFIG', 'grid.bounds');
  // and the engine's own check, past the schema
  expectLabError(() => void native().evaluateGrid({ function: 'booth', width: 10, height: 10, bounds: flipped }), 'INVALID_CONFIG', 'bounds');
  expectLabError(() => void native().evaluateGrid({ function: 'booth', width: 0, height: 10 }), 'INVALID_CONFIG', 'width');
});
