// Every bad input gives a LabError with the right code and a message naming the field, the value and
// what was expected — from the TypeScript schemas, and from the engine itself when the raw binding is
// called directly (the C++ checks are the last line of defence). Nothing crashes, nothing starts.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { native } from '../../src/native/binding.js';
import { describeFunction, startRace, type RaceConfig } from '../../src/native/index.js';
import { expectLabError } from './helpers.js';

const ok: RaceConfig = { function: 'rosenbrock', steps: 10, optimizers: [{ type: 'adam' }] };
const bad = (patch: Record<string, unknown>) => ({ ...ok, ...patch }) as RaceConfig;

// [what, config, code, message parts]
const cases: [string, RaceConfig, string, string[]][] = [
  ['unknown optimizer', bad({ optimizers: [{ type: 'adamm' }] }), 'UNKNOWN_OPTIMIZER', ['race.optimizers[0].type', 'unknown optimizer "adamm"', 'adam']],
  ['unknown function', bad({ function: 'rosenbrok' }), 'UNKNOWN_FUNCTION', ['race.function', '"rosenbrok"', 'rosenbrock']],
  ['negative learning rate', bad({ optimizers: [{ type: 'sgd', lr: -0.1 }] }), 'INVALID_CONFIG', ['race.optimizers[0].lr', '> 0', '-0.1']],
  ['NaN learning rate', bad({ optimizers: [{ type: 'sgd', lr: NaN }] }), 'INVALID_CONFIG', ['race.optimizers[0].lr', 'NaN']],
  ['infinite learning rate', bad({ optimizers: [{ type: 'sgd', lr: Infinity }] }), 'INVALID_CONFIG', ['race.optimizers[0].lr', 'Infinity']],
  ['learning rate as a string', bad({ optimizers: [{ type: 'sgd', lr: '0.1' }] }), 'INVALID_CONFIG', ['race.optimizers[0].lr', '"0.1"']],
  ['unknown hyper-parameter', bad({ optimizers: [{ type: 'sgd', beta: 0.9 }] }), 'UNKNOWN_HYPERPARAMETER', ['race.optimizers[0].beta', 'sgd has no hyper-parameter "beta"']],
  ['β out of range', bad({ optimizers: [{ type: 'momentum', beta: 1.5 }] }), 'INVALID_CONFIG', ['race.optimizers[0].beta', '1.5']],
  ['NaN start', bad({ start: [NaN, 1] }), 'INVALID_CONFIG', ['race.start', 'NaN']],
  ['start of one number', bad({ start: [1] }), 'INVALID_CONFIG', ['race.start']],
  ['zero steps', bad({ steps: 0 }), 'INVALID_CONFIG', ['race.steps', 'integer in [1, 10000000]', 'got 0']],
  ['absurd steps', bad({ steps: 1e12 }), 'INVALID_CONFIG', ['race.steps', '1000000000000']],
  ['fractional steps', bad({ steps: 10.5 }), 'INVALID_CONFIG', ['race.steps', '10.5']],
  ['no optimizers', bad({ optimizers: [] }), 'INVALID_CONFIG', ['race.optimizers', '1 to 16']],
  ['negative noise', bad({ noise: { sigma: -1 } }), 'INVALID_CONFIG', ['race.noise.sigma', '-1']],
  ['unknown field', bad({ stpes: 10 }), 'INVALID_CONFIG', ['race.stpes', 'unknown field']],
  ['bad landscape param', bad({ function: { name: 'quadratic', params: { kappa: -1 } } }), 'INVALID_CONFIG', ['race.function.params.kappa', '-1']],
  ['unknown landscape param', bad({ function: { name: 'quadratic', params: { k: 2 } } }), 'INVALID_CONFIG', ['race.function.params.k']],
  ['bad schedule', bad({ optimizers: [{ type: 'sgd', schedule: { type: 'cosine', total: 0 } }] }), 'INVALID_CONFIG', ['race.optimizers[0].schedule.total', 'got 0']],
];

for (const [what, config, code, parts] of cases) {
  test(`startRace refuses ${what} (${code})`, () => {
    expectLabError(() => startRace(config), code, ...parts);
  });
  test(`the engine itself refuses ${what} (${code})`, () => {
    // straight to the native constructor, skipping the TypeScript schema
    const Native = native().NativeSession;
    expectLabError(() => new Native('race', config, {}, () => undefined), code, ...parts);
  });
}

test('a malformed formula is refused with its position, by the engine', () => {
  expectLabError(() => startRace(bad({ function: { formula: 'x^2 + )' } })), 'FORMULA_SYNTAX', 'position 7');
  const e = expectLabError(() => describeFunction({ formula: '2x + y' }), 'FORMULA_SYNTAX', 'position 2', '2*x');
  assert.equal(e.position, 2, 'the position travels with the error, for the UI to underline');
  expectLabError(() => describeFunction({ formula: 'sin(x' }), 'FORMULA_SYNTAX');
  expectLabError(() => describeFunction({ formula: 'z + 1' }), 'FORMULA_SYNTAX', '"z"', 'position 1');
  expectLabError(() => describeFunction({ formula: '' }), 'INVALID_CONFIG', 'function.formula');
  // nesting deeper than the engine allows is refused, not a stack overflow
  expectLabError(() => describeFunction({ formula: '('.repeat(600) + 'x' + ')'.repeat(600) }), 'FORMULA_SYNTAX');
  expectLabError(() => describeFunction({ formula: 'x+'.repeat(1500) + 'x' }), 'INVALID_CONFIG', 'at most 2000 characters');
});

test('the raw binding refuses values JSON cannot hold', () => {
  const Native = native().NativeSession;
  expectLabError(() => new Native('race', { ...ok, steps: () => 1 }, {}, () => undefined), 'INVALID_CONFIG', 'race.steps');
  expectLabError(() => new Native('race', { ...ok, start: [1n, 2] }, {}, () => undefined), 'INVALID_CONFIG', 'race.start[0]');
  expectLabError(() => new Native('nope', ok, {}, () => undefined), 'INVALID_CONFIG', 'unknown lab "nope"');
  expectLabError(() => new Native('race', ok, { steps_per_second: -1 }, () => undefined), 'INVALID_CONFIG', 'options.steps_per_second');
  const deep: Record<string, unknown> = {};
  let cur = deep;
  for (let i = 0; i < 100; i++) cur = (cur.a = {}) as Record<string, unknown>;
  expectLabError(() => new Native('race', { ...ok, function: deep }, {}, () => undefined), 'INVALID_CONFIG', 'nested too deeply');
});

test('after all these refusals the engine still runs a race', async () => {
  const s = await startRace(ok).done;
  assert.equal(s.status, 'completed');
});
