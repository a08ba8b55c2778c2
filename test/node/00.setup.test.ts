// The addon loads once through the one loader, errors are LabError instances, and the generated
// catalog (used by the schemas and the UI) matches the engine's own tables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { native } from '../../src/native/binding.js';
import { LANDSCAPES, LabError, OPTIMIZERS, listLandscapes, listOptimizers } from '../../src/native/index.js';

test('the addon loads and lists every optimizer of the primer and beyond', () => {
  const types = listOptimizers().map((o) => o.type);
  for (const t of ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw', 'amsgrad', 'nadam', 'adadelta']) {
    assert.ok(types.includes(t), `missing optimizer ${t}`);
  }
  const adam = listOptimizers().find((o) => o.type === 'adam')!;
  const byName = Object.fromEntries(adam.hypers.map((h) => [h.name, h.default]));
  assert.deepEqual(
    { lr: byName.lr, beta1: byName.beta1, beta2: byName.beta2, eps: byName.eps, bias_correction: byName.bias_correction },
    { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: true },
  );
  assert.deepEqual(adam.state, ['m', 'v', 'm_hat', 'v_hat']);
});

test('the addon lists the landscapes with their minima', () => {
  const names = listLandscapes().map((l) => l.name);
  for (const n of ['rosenbrock', 'beale', 'himmelblau', 'booth', 'matyas', 'goldstein_price', 'ackley', 'rastrigin', 'saddle', 'quadratic']) {
    assert.ok(names.includes(n), `missing landscape ${n}`);
  }
  const gp = listLandscapes().find((l) => l.name === 'goldstein_price')!;
  assert.deepEqual(gp.minima, [{ x: 0, y: -1, f: 3 }]);
  assert.equal(listLandscapes().find((l) => l.name === 'himmelblau')!.minima.length, 4);
});

test('src/native/catalog.ts is generated from the current engine tables', async () => {
  const { render } = (await import(new URL('../../../scripts/gen-catalog.mjs', import.meta.url).href + '?check')) as {
    render: (o: unknown, l: unknown, d: unknown) => string;
  };
  const file = readFileSync(new URL('../../../src/native/catalog.ts', import.meta.url), 'utf8');
  assert.equal(file, render(native().listOptimizers(), native().listLandscapes(), native().listDatasets()), 'run `node scripts/gen-catalog.mjs`');
  assert.equal(OPTIMIZERS.length, listOptimizers().length);
  assert.equal(LANDSCAPES.length, listLandscapes().length);
});

test('errors raised in native code are LabError instances with a code', () => {
  try {
    native().resolveRace({ function: 'nope', optimizers: [{ type: 'sgd' }] });
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof LabError);
    assert.equal(e.code, 'UNKNOWN_FUNCTION');
    assert.match(e.message, /race\.function: unknown function "nope"/);
  }
});
