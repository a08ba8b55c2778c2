// `gradlab sweep` and `gradlab race --save`: a 2×2 grid makes four completed runs with the right
// configs under one sweep, sorted by the chosen metric; a seeded random search is reproducible; a bad
// sweep stores nothing; race --save stores every point and gives its id in the json output.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Run } from '../../src/experiments/run-types.js';
import { gradlabIn, jsonIn } from './cli-store-helpers.js';
import { tempHome } from './store-helpers.js';

const BASE = JSON.stringify({ dataset: { name: 'xor', n: 100, seed: 2 }, optimizer: { type: 'adam' }, batch_size: 20, epochs: 3 });

test('sweep: a 2×2 grid gives 4 completed runs with the right configs, sorted by the metric', () => {
  const home = tempHome();
  const grid = ['sweep', '--lab', 'train', '--base-json', BASE, '--grid', 'optimizer.lr=0.1,0.01', '--grid', 'model.hidden[0]=4,8', '--concurrency', '2'];
  const runs = jsonIn<Run[]>(home, ...grid, '--tag', 'grid', '--sort', 'final.epoch_test_loss');
  assert.equal(runs.length, 4);
  for (const r of runs) {
    assert.equal(r.status, 'completed');
    assert.equal(r.sweepId, 1);
    assert.deepEqual(r.tags, ['grid']);
    assert.equal(r.steps, 3 * 4);
  }
  const configs = runs.map((r) => r.config as { optimizer: { lr: number }; model: { hidden: number[] }; epochs: number });
  assert.deepEqual(
    configs.map((c) => `${c.optimizer.lr}/${c.model.hidden[0]}`).sort(),
    ['0.01/4', '0.01/8', '0.1/4', '0.1/8'],
  );
  assert.ok(configs.every((c) => c.epochs === 3));
  const losses = runs.map((r) => r.final.epoch_test_loss!);
  assert.deepEqual(losses, [...losses].sort((a, b) => a - b));
  assert.deepEqual(jsonIn<Run[]>(home, 'runs', 'list', '--sweep', '1').length, 4);

  // its summary: ranked by the final test loss, the two varied parameters, each grid cell that run's value
  type Summary = { metric: string; better: string; params: string[]; best_id: number; rows: { id: number; metric: number; values: Record<string, unknown> }[]; grid: { x: string; y: string; xs: number[]; ys: number[]; cells: number[][] } };
  const sum = jsonIn<Summary>(home, 'sweeps', 'summary', '1');
  assert.equal(sum.metric, 'epoch_test_loss');
  assert.equal(sum.better, 'min');
  assert.deepEqual(sum.params, ['model.hidden', 'optimizer.lr']);
  assert.deepEqual(sum.rows.map((r) => r.id), runs.map((r) => r.id), 'the same order as sorted by the store');
  assert.equal(sum.best_id, runs[0]!.id);
  assert.deepEqual(sum.grid.xs, ['[4]', '[8]']);
  assert.deepEqual(sum.grid.ys, [0.01, 0.1]);
  for (const r of runs) {
    const c = r.config as { optimizer: { lr: number }; model: { hidden: number[] } };
    assert.equal(sum.grid.cells[sum.grid.ys.indexOf(c.optimizer.lr)]![c.model.hidden[0] === 4 ? 0 : 1], r.final.epoch_test_loss);
  }
  const acc = jsonIn<Summary>(home, 'sweeps', 'summary', '1', '--metric', 'epoch_test_acc', '--best');
  assert.equal(acc.better, 'max');
  assert.deepEqual(acc.rows.map((r) => r.metric), [...runs].map((r) => r.best.epoch_test_acc!).sort((a, b) => b - a));
  const listed = jsonIn<{ id: number; lab: string; runs: number }[]>(home, 'sweeps', 'list');
  assert.deepEqual(listed.map((x) => [x.id, x.lab, x.runs]), [[1, 'train', 4]]);
  const bad = gradlabIn(home, 'sweeps', 'summary', '1', '--metric', 'speed');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--metric: expected one of epoch_test_loss, epoch_test_acc, got "speed"/);
  const text = gradlabIn(home, 'sweeps', 'summary', '1');
  assert.match(text.out, /^sweep 1 \(train sweep\): 4 runs ranked by final epoch_test_loss \(lower is better\)/);
  assert.match(text.out, /epoch_test_loss, mean of each cell's runs: optimizer\.lr down, model\.hidden across/);

  const table = gradlabIn(home, 'sweep', '--lab', 'train', '--base-json', BASE, '--grid', 'batch_size=10,50', '--name', 'batches');
  assert.equal(table.code, 0, table.err);
  assert.match(table.out, /^sweep 2: 2 runs, sorted by best\.epoch_test_loss/);
  assert.match(table.out, /batches: batch_size=10 +train +completed/);
});

test('sweep --random: seeded draws in the range, the same again with the same seed', () => {
  const base = JSON.stringify({ function: 'rosenbrock', steps: 30, optimizers: [{ type: 'adam' }] });
  const draw = (home: string) =>
    jsonIn<Run[]>(home, 'sweep', '--lab', 'race', '--base-json', base, '--random', 'optimizers[0].lr=0.001:0.1:log', '--samples', '3', '--seed', '7', '--sort', 'id');
  const a = draw(tempHome()).map((r) => (r.config as { optimizers: { lr: number }[] }).optimizers[0]!.lr);
  const b = draw(tempHome()).map((r) => (r.config as { optimizers: { lr: number }[] }).optimizers[0]!.lr);
  assert.equal(a.length, 3);
  assert.deepEqual(a, b);
  for (const lr of a) assert.ok(lr >= 0.001 && lr <= 0.1, String(lr));
});

test('a bad sweep exits 2 naming the run and field, and stores nothing', () => {
  const home = tempHome();
  const cases: [string[], RegExp][] = [
    [['--base-json', BASE, '--grid', 'optimizer.lr=0.1,-1'], /sweep run 2 \(lr=-1\): .*lr/],
    [['--base-json', '{', '--grid', 'epochs=1'], /--base-json: not valid JSON/],
    [['--base', `${home}/none.json`, '--grid', 'epochs=1'], /--base: cannot read/],
    [['--base-json', BASE], /sweep: expected a grid or random parameters/],
    [['--base-json', BASE, '--random', 'optimizer.lr=0.1'], /--samples: expected with --random/],
    [['--base-json', BASE, '--random', 'optimizer.lr=a:b', '--samples', '2'], /--random: expected PATH=MIN:MAX/],
    [['--base-json', BASE, '--grid', 'epochs=1', '--sort', 'speed'], /--sort: expected one of/],
  ];
  for (const [args, message] of cases) {
    const r = gradlabIn(home, 'sweep', '--lab', 'train', ...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message, args.join(' '));
  }
  assert.equal(jsonIn<Run[]>(home, 'runs', 'list', '--archived').length + jsonIn<Run[]>(home, 'runs', 'list').length, 0);
});

test('race --save: json output with run_id, every point of every racer stored', () => {
  const home = tempHome();
  const doc = jsonIn<{ run_id: number; optimizers: { x: number[] }[] }>(home, 'race', '--fn', 'himmelblau', '--opt', 'adam:lr=0.05', '--opt', 'sgd:lr=0.01', '--steps', '40', '--save', '--name', 'duo');
  assert.equal(doc.run_id, 1);
  assert.equal(doc.optimizers[0]!.x.length, 41);
  const shown = jsonIn<{ run: Run; series: { name: string; points: number }[] }>(home, 'runs', 'show', '1');
  assert.equal(shown.run.name, 'duo');
  assert.equal(shown.run.steps, 40);
  for (const name of ['race_x', 'race_f', 'race1_x', 'race1_f']) assert.equal(shown.series.find((s) => s.name === name)?.points, 41, name);
});
