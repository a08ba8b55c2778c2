// People's CSV files (src/data/csv-table.ts, `gradlab dataset csv`, `gradlab train --dataset csv`): the
// five shapes the new-user report found refused — string class labels, quoted fields, a BOM with CRLF,
// `;` or tab with decimal commas, more than three columns — each read to the right numbers and classes;
// columns picked by header name or 0-based index; every problem named with its line and column.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { csvPoints, readCsvTable } from '../../src/data/csv-table.js';
import { makeDataset } from '../../src/native/index.js';
import { expectLabError } from './helpers.js';

const bin = fileURLToPath(new URL('../../../bin/gradlab.js', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gradlab-csv-'));

function gradlab(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function file(name: string, text: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
}

const IRIS = 'sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n7.0,3.2,4.7,1.4,versicolor\n6.3,3.3,6.0,2.5,virginica\n4.9,3.0,1.4,0.2,setosa\n';

test('string labels become classes in sorted order, named; more than three columns: the features by name or index', () => {
  const table = readCsvTable(IRIS, 'iris.csv');
  assert.deepEqual(table.header, ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
  assert.deepEqual(table.lines, [2, 3, 4, 5]);
  const byDefault = csvPoints(table);  // the first two numeric columns, the last as label
  assert.deepEqual(byDefault.columns, { x: 'sepal_length', y: 'sepal_width', label: 'species' });
  assert.deepEqual(byDefault.classNames, ['setosa', 'versicolor', 'virginica']);
  assert.deepEqual(byDefault.labels, [0, 1, 2, 0]);
  const picked = csvPoints(table, { x: 'petal_length', y: 3, label: '4' });
  assert.deepEqual([picked.x, picked.y], [[1.4, 4.7, 6, 1.4], [0.2, 1.4, 2.5, 0.2]]);
  assert.equal(picked.text, '1.4,0.2,0\n4.7,1.4,1\n6,2.5,2\n1.4,0.2,0\n');
  // the engine reads the normalised text to the same points (in its own order)
  const ds = makeDataset({ name: 'csv', kind: 'classification', text: picked.text });
  const triples = Array.from(ds.labels!, (l, i) => `${Math.round(ds.x[2 * i]! * 10) / 10},${Math.round(ds.x[2 * i + 1]! * 10) / 10},${l}`).sort();
  assert.deepEqual([ds.classes, triples], [3, ['1.4,0.2,0', '1.4,0.2,0', '4.7,1.4,1', '6,2.5,2']]);
});

test('quoted fields, a BOM with CRLF, semicolons with decimal commas, tabs: each read to the same numbers', () => {
  const shapes: [string, string][] = [
    ['quoted', '"x","y","label"\r\n"0.1","0.2","0"\r\n"0.3","0.4","1"\r\n'],
    ['bom-crlf', '\uFEFFx,y,label\r\n0.1,0.2,0\r\n0.3,0.4,1\r\n'],
    ['semicolon', 'x;y;label\n0,1;0,2;0\n0,3;0,4;1\n'],
    ['tab', 'x\ty\tlabel\n0,1\t0,2\t0\n0,3\t0,4\t1\n'],
    ['no header', '0.1,0.2,0\n0.3,0.4,1\n'],
    ['blank lines', '\nx,y,label\n\n0.1,0.2,0\n\n0.3,0.4,1\n\n'],
  ];
  for (const [name, text] of shapes) {
    const p = csvPoints(readCsvTable(text, name));
    assert.deepEqual([p.x, p.y, p.labels, p.classNames], [[0.1, 0.3], [0.2, 0.4], [0, 1], ['0', '1']], name);
  }
  const semi = readCsvTable('x;y;label\n0,1;0,2;0\n0,3;0,4;1\n', 's');
  assert.deepEqual([semi.delimiter, semi.decimalComma], [';', true]);
  assert.deepEqual(readCsvTable('\nx,y,label\n\n0.1,0.2,0\n\n0.3,0.4,1\n', 'b').lines, [4, 6]);
  // a quoted field with a comma and a line break inside: one field, and the lines after it counted
  const quoted = readCsvTable('name,x,y\n"a, b",1,2\n"c\nd",3,4\n"e",5,x\n', 'q.csv');
  assert.deepEqual(quoted.rows.map((r) => r[0]), ['a, b', 'c\nd', 'e']);
  expectLabError(() => csvPoints(quoted, { x: 'x', y: 'y', label: 'name' }), 'INVALID_CONFIG', 'q.csv: line 5, column "y": expected a number, got "x"');
  // labels −1 and +1 (as SVM data writes them) are two classes, not an error
  const pm = csvPoints(readCsvTable('x,y,t\n1,2,-1\n3,4,+1\n5,6,-1\n', 'pm'));
  assert.deepEqual([pm.classNames, pm.labels], [['-1', '+1'], [0, 1, 0]]);
  // two columns: regression, x then y
  const reg = csvPoints(readCsvTable('t,v\n0,1.5\n1,2.5\n', 'r'));
  assert.deepEqual([reg.kind, reg.x, reg.y, reg.text], ['regression', [0, 1], [1.5, 2.5], '0,1.5\n1,2.5\n']);
});

test('problems are named with the file, the line and the column', () => {
  const cases: [string, object, string][] = [
    ['x,y,label\n1,2,0\n3,oops,1\n', {}, 'f.csv: line 3, column "y": expected a number, got "oops"'],
    ['x,y,label\n1,2,0\n3,4\n', {}, 'f.csv: line 3: expected 3 fields like line 1, got 2'],
    ['x,y,label\n1,2,0\n"3,4,1\n', {}, 'f.csv: line 3: a quoted field is never closed'],
    ['x,y,label\n1,2,a\n3,4,a\n', {}, 'column "label" holds one class only ("a")'],
    ['x,y,label\n1,2,0\n3,4,1\n', { x: 'width' }, '--x: no column named "width" in f.csv; its columns are "x", "y", "label"'],
    ['x,y,label\n1,2,0\n3,4,1\n', { y: 7 }, '--y: column 7 is out of range; f.csv has 3 columns (0 … 2)'],
    ['1,2,0\n3,4,1\n', { x: 'x' }, '--x: f.csv has no header line, so give a 0-based column index (0 … 2), not "x"'],
    ['x,y,label\n1,2,0\n3,4,1\n', { x: 'x', y: 'x' }, '--y: the same column as --x ("x")'],
    ['x,y,label\n1,2,0\n3,4,1\n', { x: 'x', label: 'x' }, '--label: "x" is also --x'],
    ['x,y\n1,2\n3,4\n', { kind: 'classification' }, 'classification needs two feature columns and a label column; it has 2'],
    ['x,y\n1,2\n3,4\n', { kind: 'regression', label: 'y' }, '--label: a regression data set has no label column'],
    ['x,y,label\n1,2,0\n', {}, 'f.csv: expected at least 2 data lines, got 1'],
    ['x,x,label\n1,2,0\n3,4,1\n', {}, 'f.csv: line 1: the header names "x" twice'],
    ['  \n', {}, 'f.csv: the file is empty'],
    ['x,y,label\n', {}, 'f.csv: only a header line, no data'],
  ];
  for (const [text, cols, message] of cases) expectLabError(() => csvPoints(readCsvTable(text, 'f.csv'), cols), 'INVALID_CONFIG', message);
  const many = 'x,y,id\n' + Array.from({ length: 120 }, (_, i) => `${i},${i},id${i}`).join('\n');
  expectLabError(() => csvPoints(readCsvTable(many, 'f.csv')), 'INVALID_CONFIG', 'column "id" has 120 different labels; at most 100 classes');
});

test('gradlab dataset csv and train --dataset csv: columns by name or index, class names in the output, errors exit 2', () => {
  const iris = file('iris.csv', IRIS.replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2'));  // the European form
  const d = gradlab('dataset', 'csv', '--csv', iris, '--x', 'petal_length', '--y', '3', '--label', 'species', '--format', 'json');
  assert.equal(d.code, 0, d.err);
  const doc = JSON.parse(d.out) as { classes: number; class_names: string[]; source_columns: object; rows: [string, number, number, number][] };
  assert.deepEqual([doc.classes, doc.class_names, doc.source_columns], [3, ['setosa', 'versicolor', 'virginica'], { x: 'petal_length', y: 'petal_width', label: 'species' }]);
  assert.deepEqual(doc.rows.map((r) => `${Math.round(r[1] * 10) / 10},${Math.round(r[2] * 10) / 10},${r[3]}`).sort(), ['1.4,0.2,0', '1.4,0.2,0', '4.7,1.4,1', '6,2.5,2']);
  const t = gradlab('train', '--dataset', 'csv', '--csv', iris, '--x', '2', '--y', '3', '--epochs', '5', '--format', 'json');
  assert.equal(t.code, 0, t.err);
  const run = JSON.parse(t.out) as { classes: string[]; confusion: number[][]; config: { batch_size?: number } };
  assert.deepEqual(run.classes, ['setosa', 'versicolor', 'virginica']);
  assert.equal(run.confusion.flat().reduce((a, b) => a + b, 0), 1);  // the CSV's seeded split keeps 1 of the 4 rows for testing
  assert.equal(run.config.batch_size, undefined);  // the engine's default: the 4 rows, not 32
  const bad: [string[], RegExp][] = [
    [['dataset', 'csv', '--csv', iris, '--x', 'nope'], /--x: no column named "nope"/],
    [['train', '--dataset', 'moons', '--label', '2'], /--label: only with a CSV file/],
    [['train', '--dataset', 'csv'], /--csv: give the file/],
    [['train', '--dataset', 'csv', '--csv', path.join(tmp, 'missing.csv')], /--csv: cannot read .*missing\.csv: ENOENT/],
  ];
  for (const [args, message] of bad) {
    const r = gradlab(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message);
  }
});
