/**
 * `gradlab datasets`: the generated data sets with their settings; `gradlab dataset NAME`: one set's
 * points (train rows first), e.g. to plot them or to check a CSV before training on it.
 */
import { readFileSync } from 'node:fs';

import { LabError } from '../../native/errors.js';
import { listDatasets, makeDataset, type Dataset, type DatasetSpec } from '../../native/index.js';
import { csv, json, table, type Cell, type Format } from '../format.js';
import { parseSettings } from '../parse-args.js';

export function datasetsCommand(format: Format): string {
  const list = listDatasets();
  if (format === 'json') return json(list);
  const headers = ['name', 'kind', 'description', 'settings (defaults)'];
  const rows = list.map((d) => [d.name, d.kind, d.description, d.params.map((p) => `${p.name}=${String(p.default)}`).join(' ')]);
  return format === 'csv' ? csv(headers, rows) : table(headers, rows);
}

export interface DatasetArgs {
  set: string[];
  csv?: string;
  kind?: 'classification' | 'regression';
  format: Format;
}

function spec(name: string, a: DatasetArgs): DatasetSpec {
  const settings = parseSettings(a.set, '--set');
  if (name !== 'csv') return { name, ...settings } as DatasetSpec;
  if (!a.csv) throw new LabError('dataset csv: give the file with --csv FILE', 'INVALID_CONFIG');
  let text: string;
  try {
    text = readFileSync(a.csv, 'utf8');
  } catch (e) {
    throw new LabError(`--csv: cannot read ${a.csv}: ${(e as Error).message}`, 'INVALID_CONFIG');
  }
  return { name: 'csv', text, ...(a.kind ? { kind: a.kind } : {}), ...settings };
}

function rowsOf(ds: Dataset): Cell[][] {
  const n = ds.kind === 'classification' ? ds.labels!.length : ds.y!.length;
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const part = i < ds.nTrain ? 'train' : 'test';
    if (ds.kind === 'classification') rows.push([part, ds.x[2 * i], ds.x[2 * i + 1], ds.labels![i]]);
    else rows.push([part, ds.x[i], ds.y![i]]);
  }
  return rows;
}

export function datasetCommand(name: string, a: DatasetArgs): string {
  const ds = makeDataset(spec(name, a));
  const headers = ds.kind === 'classification' ? ['split', 'x', 'y', 'label'] : ['split', 'x', 'y'];
  if (a.format === 'csv') return csv(headers, rowsOf(ds));
  if (a.format === 'json') {
    return json({ name: ds.name, kind: ds.kind, classes: ds.classes, n_train: ds.nTrain, view: ds.view, columns: headers, rows: rowsOf(ds) });
  }
  const n = ds.kind === 'classification' ? ds.labels!.length : ds.y!.length;
  const perClass = (from: number, to: number) => {
    if (ds.kind !== 'classification') return '';
    const counts = new Array<number>(ds.classes).fill(0);
    for (let i = from; i < to; i++) counts[ds.labels![i]!]! += 1;
    return counts.join('/');
  };
  return table(
    ['data set', 'kind', 'classes', 'train', 'test', 'train per class', 'test per class', 'view'],
    [[ds.name, ds.kind, ds.classes || null, ds.nTrain, n - ds.nTrain, perClass(0, ds.nTrain), perClass(ds.nTrain, n), `[${ds.view.xmin}, ${ds.view.xmax}]×[${ds.view.ymin}, ${ds.view.ymax}]`]],
  );
}
