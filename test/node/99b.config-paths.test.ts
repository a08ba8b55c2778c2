// Config paths and flattened configs (src/experiments/config-path.ts, flatten-config.ts): the one
// parser of "optimizers[1].beta1" that the store, sweeps, the protocol and the sweep form share; get and
// set by path; and the one flattener behind the app's run table and `runs list --format csv`, on a
// nested config with arrays, its columns worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { runsOutput } from '../../src/cli/run-table.js';
import { formatConfigPath, getConfigValue, isConfigPath, lastKey, parseConfigPath, setConfigValue } from '../../src/experiments/config-path.js';
import { flattenConfig, isSettingPath } from '../../src/experiments/flatten-config.js';
import type { Run } from '../../src/experiments/run-types.js';
import { pointLabel, setPath } from '../../src/experiments/sweep.js';

test('parseConfigPath: keys and indices; anything else is refused', () => {
  assert.deepEqual(parseConfigPath('optimizer.lr'), ['optimizer', 'lr']);
  assert.deepEqual(parseConfigPath('batch_size'), ['batch_size']);
  assert.deepEqual(parseConfigPath('optimizers[1].beta1'), ['optimizers', 1, 'beta1']);
  assert.deepEqual(parseConfigPath('model.layers[12][0]._x'), ['model', 'layers', 12, 0, '_x']);
  for (const bad of ['', '1a', '.a', 'a.', 'a..b', '[0]', 'a[x]', 'a[-1]', 'a[1', 'a b', 'a.1b', "x); DROP TABLE runs; --", 'a.b.'])
    assert.equal(parseConfigPath(bad), null, bad);
  assert.equal(isConfigPath('optimizers[0].lr'), true);
  assert.equal(isConfigPath('optimizers.[0]'), false);
  assert.equal(formatConfigPath(['optimizers', 1, 'beta1']), 'optimizers[1].beta1');
  assert.equal(formatConfigPath(['a', 2, 3, 'b']), 'a[2][3].b');
  assert.equal(lastKey('optimizers[1].beta1'), 'beta1');
  assert.equal(lastKey('model.hidden[0]'), 'hidden[0]');
  assert.equal(lastKey('batch_size'), 'batch_size');
  assert.throws(() => lastKey('a..b'), RangeError);
});

const CONFIG = {
  dataset: { name: 'spiral', classes: 3 },
  model: { hidden: [16, 8], activation: 'tanh', layers: [{ type: 'conv', out: 8 }, 'relu', 'flatten'] },
  optimizers: [{ type: 'adam', lr: 0.01, betas: [0.9, 0.999] }],
  tags: [],
  stop: {},
  prediction: { size: 64 },
  seed: null,
  grid: [[1, 2], [3]],
};

test('getConfigValue: own values only, undefined where a step is missing', () => {
  assert.equal(getConfigValue(CONFIG, 'optimizers[0].lr'), 0.01);
  assert.equal(getConfigValue(CONFIG, 'optimizers[0].betas[1]'), 0.999);
  assert.equal(getConfigValue(CONFIG, 'model.layers[1]'), 'relu');
  assert.equal(getConfigValue(CONFIG, 'grid[1][0]'), 3);
  assert.deepEqual(getConfigValue(CONFIG, 'model.hidden'), [16, 8]);
  assert.equal(getConfigValue(CONFIG, 'seed'), null);
  assert.equal(getConfigValue(CONFIG, ['dataset', 'name']), 'spiral');
  for (const missing of ['model.hidden[2]', 'optimizers.lr', 'model[0]', 'dataset.name.length', 'constructor', 'stop.__proto__', 'nothing.here'])
    assert.equal(getConfigValue(CONFIG, missing), undefined, missing);
  assert.throws(() => getConfigValue(CONFIG, 'a..b'), /expected a dotted path such as optimizer\.lr, got "a\.\.b"/);
});

test('setConfigValue: a deep copy with the value set, containers made on the way', () => {
  const before = JSON.stringify(CONFIG);
  const a = setConfigValue(CONFIG, 'optimizers[0].lr', 0.5) as typeof CONFIG;
  assert.equal(a.optimizers[0]!.lr, 0.5);
  assert.equal(CONFIG.optimizers[0]!.lr, 0.01);
  assert.notEqual(a.dataset, CONFIG.dataset); // deep: nothing shared with the original
  assert.equal(JSON.stringify(CONFIG), before);
  // objects before a key, arrays before an index (holes become null in JSON)
  assert.deepEqual(setConfigValue({}, 'optimizer.schedule.type', 'cosine'), { optimizer: { schedule: { type: 'cosine' } } });
  assert.equal(JSON.stringify(setConfigValue({ model: {} }, 'model.layers[2].out', 4)), '{"model":{"layers":[null,null,{"out":4}]}}');
  // a plain value, or the wrong kind of container, on the way is replaced
  assert.deepEqual(setConfigValue({ dataset: 'moons' }, 'dataset.noise', 0.1), { dataset: { noise: 0.1 } });
  assert.deepEqual(setConfigValue({ optimizers: { type: 'sgd' } }, 'optimizers[0].lr', 0.1), { optimizers: [{ lr: 0.1 }] });
  assert.deepEqual(setConfigValue(null, 'batch_size', 16), { batch_size: 16 });
  // "__proto__" is a plain key: no prototype is touched
  const p = setConfigValue({}, '__proto__.polluted', 1) as Record<string, unknown>;
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(Object.keys(p), ['__proto__']);
  assert.equal(getConfigValue(p, '__proto__.polluted'), 1);
  // the sweep's setPath and run names go through the same parser
  assert.deepEqual(setPath({ optimizer: { type: 'adam' } }, 'optimizer.lr', 0.01), { optimizer: { type: 'adam', lr: 0.01 } });
  assert.throws(() => setPath({}, 'optimizer..lr', 1), /sweep path optimizer\.\.lr: expected a dotted path such as optimizer\.lr/);
  assert.equal(pointLabel({ 'optimizers[1].beta1': 0.912345, 'model.hidden[0]': 32, 'optimizer.type': 'sgd' }), 'beta1=0.9123, hidden[0]=32, type=sgd');
});

const FLAT = {
  'dataset.name': 'spiral',
  'dataset.classes': 3,
  'model.hidden': '[16,8]',
  'model.activation': 'tanh',
  'model.layers[0].type': 'conv',
  'model.layers[0].out': 8,
  'model.layers[1]': 'relu',
  'model.layers[2]': 'flatten',
  'optimizers[0].type': 'adam',
  'optimizers[0].lr': 0.01,
  'optimizers[0].betas': '[0.9,0.999]',
  tags: '[]',
  'prediction.size': 64,
  seed: null,
  'grid[0]': '[1,2]',
  'grid[1]': '[3]',
};

test('flattenConfig: objects → dotted paths, arrays with an object or array → by index, other arrays → JSON', () => {
  assert.deepEqual(flattenConfig(CONFIG), FLAT);
  // the key order follows the config's
  assert.deepEqual(Object.keys(flattenConfig(CONFIG)), Object.keys(FLAT));
  // each column's path reads its value back (a JSON cell is the array's JSON)
  for (const [path, v] of Object.entries(FLAT)) {
    const back = getConfigValue(CONFIG, path);
    assert.deepEqual(Array.isArray(back) ? JSON.stringify(back) : back, v, path);
  }
  // a prefix in front of every path; a bare value under a prefix is one column
  const prefixed = flattenConfig(CONFIG, { prefix: 'config' });
  assert.equal(prefixed['config.optimizers[0].lr'], 0.01);
  assert.equal(prefixed['config.model.hidden'], '[16,8]');
  assert.equal(Object.keys(prefixed).length, Object.keys(FLAT).length);
  assert.deepEqual(flattenConfig({ race_f: 0.25, race1_f: NaN }, { prefix: 'final' }), { 'final.race_f': 0.25, 'final.race1_f': NaN });
  assert.deepEqual(flattenConfig(7, { prefix: 'config' }), { config: 7 });
  assert.deepEqual(flattenConfig(7), {});
  assert.deepEqual(flattenConfig({ a: undefined, b: {} }), {});
  // the run table leaves settings out (the prediction frames, weight files, a CSV's text)
  const table = flattenConfig({ ...CONFIG, save_weights: 'w.glw', init_weights: 'v.glw', dataset: { name: 'csv', text: '0,0,1\n' } }, { skip: isSettingPath });
  assert.equal('prediction.size' in table, false);
  assert.equal('save_weights' in table || 'init_weights' in table || 'dataset.text' in table, false);
  assert.equal(table['dataset.name'], 'csv');
  assert.equal(table['model.hidden'], '[16,8]');
});

test('runs list --format csv writes the flattened config, final and best as columns', () => {
  const run: Run = {
    id: 3, uid: 'u3', lab: 'train', name: 'spiral', config: { model: { hidden: [16, 8] }, optimizers: [{ type: 'adam', lr: 0.01 }] }, seed: 1,
    status: 'completed', labStatus: 'completed', createdAt: 0, startedAt: 0, endedAt: 1500, durationMs: 1500, steps: 10, msPerStep: 150,
    final: { train_loss: 0.5 }, best: { train_loss: 0.25 }, summary: null, error: null, notes: '', tags: ['a', 'b'], archived: false, sweepId: null,
  };
  const [header, row] = runsOutput([run], 'csv').trim().split('\n');
  const cols = header!.split(',');
  assert.deepEqual(cols.slice(-5), ['config.model.hidden', 'config.optimizers[0].type', 'config.optimizers[0].lr', 'final.train_loss', 'best.train_loss']);
  assert.ok(row!.endsWith(',"[16,8]",adam,0.01,0.5,0.25'), row);
});
