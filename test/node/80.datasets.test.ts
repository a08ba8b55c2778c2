// The training lab's data sets through the API and the CLI: shapes, class balance, the train/test
// split, determinism, and CSV text refused with its line number — never a crash.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { DATASETS, listDatasets, makeDataset } from '../../src/native/index.js';
import { expectLabError } from './helpers.js';

test('every generated data set of the primer is listed, with the catalog matching', () => {
  const names = listDatasets().map((d) => d.name);
  for (const n of ['spiral', 'circles', 'moons', 'xor', 'blobs', 'checkerboard', 'sine', 'polynomial', 'step']) assert.ok(names.includes(n), n);
  assert.equal(DATASETS.length, names.length);
});

test('a 3-class spiral of 300 points: 240 train / 60 test, 100 per class, inside its view', () => {
  const ds = makeDataset({ name: 'spiral', n: 300, classes: 3, test_fraction: 0.2, seed: 7 });
  assert.equal(ds.kind, 'classification');
  assert.equal(ds.d, 2);
  assert.equal(ds.classes, 3);
  assert.equal(ds.nTrain, 240);
  assert.equal(ds.x.length, 600);
  const counts = [0, 0, 0];
  for (const l of ds.labels!) counts[l]! += 1;
  assert.deepEqual(counts, [100, 100, 100]);
  for (let i = 0; i < 300; i++) {
    assert.ok(ds.x[2 * i]! >= ds.view.xmin && ds.x[2 * i]! <= ds.view.xmax);
    assert.ok(ds.x[2 * i + 1]! >= ds.view.ymin && ds.x[2 * i + 1]! <= ds.view.ymax);
  }
  assert.deepEqual(makeDataset({ name: 'spiral', n: 300, classes: 3, test_fraction: 0.2, seed: 7 }), ds, 'same seed, same bits');
  assert.notDeepEqual(makeDataset({ name: 'spiral', n: 300, classes: 3, test_fraction: 0.2, seed: 8 }).x, ds.x);
});

test('regression sets have one input and a target per sample', () => {
  const ds = makeDataset({ name: 'sine', n: 50, noise: 0, test_fraction: 0 });
  assert.equal(ds.kind, 'regression');
  assert.equal(ds.d, 1);
  assert.equal(ds.nTrain, 50);
  for (let i = 0; i < 50; i++) assert.ok(Math.abs(ds.y![i]! - Math.sin(ds.x[i]!)) < 1e-6, 'noise 0 lies on sin(x)');
});

test('a CSV given as text loads, and a malformed one is refused with its line number', () => {
  const ds = makeDataset({ name: 'csv', text: 'x,y,label\n0,0,0\n1,1,1\n0.5,0.2,1\n1,0,0\n', test_fraction: 0 });
  assert.equal(ds.classes, 2);
  assert.equal(ds.nTrain, 4);
  expectLabError(() => makeDataset({ name: 'csv', text: 'x,y,label\n0,0,0\n1,1\n' }), 'INVALID_CONFIG', 'line 3', 'expected 3');
  expectLabError(() => makeDataset({ name: 'csv', text: '0,0,0\n1,nan,1\n' }), 'INVALID_CONFIG', 'line 2');
  expectLabError(() => makeDataset({ name: 'spiral', classes: 50 } as never), 'INVALID_CONFIG', 'dataset.classes', '50');
  expectLabError(() => makeDataset('spirals' as never), 'INVALID_CONFIG', 'unknown data set "spirals"');
});

const bin = fileURLToPath(new URL('../../../bin/gradlab.js', import.meta.url));
const gradlab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

test('gradlab dataset prints the points; a bad CSV file gives its line and exit code 2', () => {
  const r = gradlab('dataset', 'moons', '--set', 'n=40', '--set', 'test_fraction=0.25', '--format', 'csv');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'split,x,y,label');
  assert.equal(lines.filter((l) => l.startsWith('train,')).length, 30);
  assert.equal(lines.filter((l) => l.startsWith('test,')).length, 10);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'gradlab-csv-'));
  const bad = path.join(dir, 'bad.csv');
  writeFileSync(bad, 'x,y,label\n0,0,0\n0,one,1\n');
  const b = gradlab('dataset', 'csv', '--csv', bad);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /line 3/);
  const list = gradlab('datasets');
  assert.equal(list.status, 0);
  assert.match(list.stdout, /spiral\s+classification/);
});
