// `gradlab runs …` over a store in a temp folder: train --save recorded with every point, shown,
// exported as CSV (as many points as steps) and as a bundle that imports into another store with the
// same series; tags, edits, deletes, filters, sorting, best; errors exit 2 naming what is wrong.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import type { Run } from '../../src/experiments/run-types.js';
import { Store } from '../../src/experiments/store.js';
import { gradlabIn, jsonIn } from './cli-store-helpers.js';
import { tempHome } from './store-helpers.js';

const TRAIN = ['train', '--dataset', 'xor', '--set', 'n=100', '--epochs', '4', '--batch', '20'];

interface Shown {
  run: Run;
  status_log: { status: string }[];
  series: { name: string; points: number; final: number | null }[];
  artifacts: { kind: string; name: string }[];
}

test('train --save: the run with every point, its weights, then list/show/export csv', () => {
  const home = tempHome();
  const plain = gradlabIn(home, ...TRAIN);
  const saved = gradlabIn(home, ...TRAIN, '--save', '--name', 'xor small', '--tag', 'cli');
  assert.equal(saved.code, 0, saved.err);
  assert.equal(saved.out.replace(/[\d.]+ ms per step/, ''), plain.out.replace(/[\d.]+ ms per step/, ''), 'prints what it prints without --save');
  assert.match(saved.err, /saved as run 1\b/);

  const runs = jsonIn<Run[]>(home, 'runs', 'list');
  assert.equal(runs.length, 1);
  const run = runs[0]!;
  assert.deepEqual([run.name, run.lab, run.status, run.tags], ['xor small', 'train', 'completed', ['cli']]);
  assert.equal(run.steps, 4 * 4); // 80 training rows in batches of 20
  const table = gradlabIn(home, 'runs', 'list');
  assert.match(table.out, /^ *1 +xor small +train +completed +16 /m);

  const shown = jsonIn<Shown>(home, 'runs', 'show', '1');
  assert.deepEqual(shown.status_log.map((l) => l.status), ['queued', 'running', 'completed']);
  assert.equal(shown.series.find((s) => s.name === 'train_loss')!.points, run.steps);
  assert.equal(shown.series.find((s) => s.name === 'epoch_test_loss')!.points, 5); // epoch 0 … 4
  assert.deepEqual(shown.artifacts.map((a) => [a.kind, a.name]), [['weights', 'final']]);
  assert.match(gradlabIn(home, 'runs', 'show', '1').out, /status history:[\s\S]*series:[\s\S]*train_loss +16 /);

  const file = path.join(home, 'run1.csv');
  const exported = gradlabIn(home, 'runs', 'export', '1', '--csv', file);
  assert.equal(exported.code, 0, exported.err);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'series,step,time_ms,value');
  const trainLoss = lines.filter((l) => l.startsWith('train_loss,'));
  assert.equal(trainLoss.length, run.steps);
  assert.deepEqual(trainLoss.map((l) => Number(l.split(',')[1])), Array.from({ length: run.steps }, (_, i) => i + 1));
  assert.equal(lines.length - 1, shown.series.reduce((n, s) => n + s.points, 0));
});

test('export --bundle, import into another store: the same series; a bad bundle exits 2 and changes nothing', async () => {
  const home = tempHome();
  const other = tempHome();
  assert.equal(gradlabIn(home, ...TRAIN, '--save').code, 0);
  const bundle = path.join(home, 'run.glrun');
  assert.equal(gradlabIn(home, 'runs', 'export', '1', '--bundle', bundle).code, 0);
  assert.equal(gradlabIn(other, ...TRAIN, '--seed', '2', '--save').code, 0); // so the import gets id 2
  const imported = gradlabIn(other, 'runs', 'import', bundle);
  assert.equal(imported.code, 0, imported.err);
  assert.equal(imported.out, '2\n');

  const a = await Store.open({ home });
  const b = await Store.open({ home: other });
  try {
    const names = (await a.listSeries(1)).map((s) => s.name);
    assert.deepEqual((await b.listSeries(2)).map((s) => s.name), names);
    for (const name of names) assert.deepEqual(await b.readRaw(2, name), await a.readRaw(1, name), name);
  } finally {
    await a.close();
    await b.close();
  }

  const again = gradlabIn(other, 'runs', 'import', bundle);
  assert.equal(again.code, 2);
  assert.match(again.err, /already in the store as run 2 \[BUNDLE_FORMAT\]/);
  const bad = path.join(home, 'bad.glrun');
  writeFileSync(bad, 'not a bundle');
  const refused = gradlabIn(other, 'runs', 'import', bad);
  assert.equal(refused.code, 2);
  assert.equal(refused.err.trim().split('\n').length, 1);
  assert.match(refused.err, /not a Gradient Lab run bundle/);
  assert.equal(jsonIn<Run[]>(other, 'runs', 'list').length, 2);
});

test('filters, sorting, best, tags, edits and deletes', () => {
  const home = tempHome();
  for (const [opt, tag] of [['adam:lr=0.05', 'fast'], ['sgd:lr=0.1', 'slow'], ['adam:lr=0.001', 'slow']] as const)
    assert.equal(gradlabIn(home, ...TRAIN, '--opt', opt, '--save', '--tag', tag).code, 0);
  assert.equal(gradlabIn(home, 'race', '--fn', 'rosenbrock', '--steps', '50', '--save', '--format', 'csv').code, 0);
  const ids = (...args: string[]) => jsonIn<Run[]>(home, 'runs', 'list', ...args).map((r) => r.id);

  assert.deepEqual(ids(), [1, 2, 3, 4]);
  assert.deepEqual(ids('--lab', 'train', '--sort', 'config.optimizer.lr'), [3, 1, 2]);
  assert.deepEqual(ids('--lab', 'train', '--sort', 'config.optimizer.lr', '--desc', '--limit', '2'), [2, 1]);
  assert.deepEqual(ids('--config', 'optimizer.type=adam'), [1, 3]);
  assert.deepEqual(ids('--tag', 'slow', '--sort', 'id', '--desc'), [3, 2]);
  assert.deepEqual(ids('--text', 'rosenbrock'), [4]);
  assert.deepEqual(ids('--status', 'completed', '--lab', 'race'), [4]);
  const byLoss = jsonIn<Run[]>(home, 'runs', 'list', '--lab', 'train', '--sort', 'best.epoch_test_loss');
  const losses = byLoss.map((r) => r.best.epoch_test_loss!);
  assert.deepEqual(losses, [...losses].sort((x, y) => x - y));
  assert.equal(jsonIn<Run[]>(home, 'runs', 'best', '--metric', 'epoch_test_loss')[0]!.id, byLoss[0]!.id);
  // against its own direction a metric is ranked by its final value
  const worst = jsonIn<Run[]>(home, 'runs', 'list', '--lab', 'train', '--sort', 'final.epoch_test_loss', '--desc')[0]!;
  assert.equal(jsonIn<Run[]>(home, 'runs', 'best', '--metric', 'epoch_test_loss', '--max')[0]!.id, worst.id);

  const tagged = jsonIn<Run[]>(home, 'runs', 'tag', '2', '--add', 'keep', '--remove', 'slow');
  assert.deepEqual(tagged[0]!.tags, ['keep']);
  const edited = jsonIn<Run[]>(home, 'runs', 'edit', '2', '--name', 'sgd baseline', '--archive');
  assert.deepEqual([edited[0]!.name, edited[0]!.archived], ['sgd baseline', true]);
  assert.deepEqual(ids(), [1, 3, 4]);
  assert.deepEqual(ids('--archived'), [2]);

  const csv = gradlabIn(home, 'runs', 'list', '--format', 'csv').out.trim().split('\n');
  assert.equal(csv.length, 4);
  for (const col of ['id', 'config.optimizer.lr', 'final.epoch_test_loss', 'best.race_f', 'tags']) assert.ok(csv[0]!.split(',').includes(col), col);

  const unknown = gradlabIn(home, 'runs', 'delete', '1', '99');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /run 99: no such run \[UNKNOWN_RUN\]/);
  assert.deepEqual(ids(), [1, 3, 4], 'nothing deleted');
  assert.equal(gradlabIn(home, 'runs', 'delete', '1', '3').code, 0);
  assert.deepEqual(ids(), [4]);
});

test('errors exit 2 with one line naming the argument', () => {
  const home = tempHome();
  const cases: [string[], RegExp][] = [
    [['runs', 'show', '7'], /run 7: no such run \[UNKNOWN_RUN\]/],
    [['runs', 'export', '7', '--csv', 'x.csv'], /run 7: no such run/],
    [['runs', 'tag', '7', '--add', 'x'], /run 7: no such run/],
    [['runs', 'show', 'seven'], /ID: expected an integer/],
    [['runs', 'list', '--sort', 'colour'], /--sort: expected one of/],
    [['runs', 'list', '--status', 'done'], /--status: expected one of/],
    [['runs', 'list', '--config', 'lr'], /--config: expected PATH=VALUE/],
    [['runs', 'export', '1'], /--csv, --bundle, --pytorch: give exactly one of them, got 0/],
    [['runs', 'import', path.join(home, 'missing.glrun')], /FILE: cannot read .*missing\.glrun/],
    [['runs', 'best', '--metric', 'race_x'], /--metric: race_x has no direction/],
  ];
  for (const [args, message] of cases) {
    const r = gradlabIn(home, ...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message, args.join(' '));
  }
});

test('--home DIR picks the store folder, before or after the command', () => {
  const env = tempHome();
  const home = tempHome();
  assert.equal(gradlabIn(env, '--home', home, ...TRAIN, '--save').code, 0);
  assert.equal(jsonIn<Run[]>(env, 'runs', 'list').length, 0);
  assert.equal(jsonIn<Run[]>(env, 'runs', 'list', '--home', home).length, 1);
});
