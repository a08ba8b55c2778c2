/**
 * `gradlab datasets`: the generated data sets with their settings; `gradlab dataset NAME`: one set's
 * points (train rows first), e.g. to plot them or to check a CSV before training on it.
 */
import { readCsvArgs, refuseColumnsWithout, type CsvArgs } from '../csv-args.js';
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

export interface DatasetArgs extends CsvArgs {
  set: string[];
  format: Format;
}

function spec(name: string, a: DatasetArgs): { spec: DatasetSpec; classNames?: string[]; columns?: Record<string, string> } {
  const settings = parseSettings(a.set, '--set');
  if (name !== 'csv') {
    refuseColumnsWithout(a, `dataset ${name}`);
    return { spec: { name, ...settings } as DatasetSpec };
  }
  const { spec, points } = readCsvArgs(a, settings);
  return { spec, columns: points.columns, ...(points.classNames ? { classNames: points.classNames } : {}) };
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
  const read = spec(name, a);
  const ds = makeDataset(read.spec);
  const headers = ds.kind === 'classification' ? ['split', 'x', 'y', 'label'] : ['split', 'x', 'y'];
  if (a.format === 'csv') return csv(headers, rowsOf(ds));
  if (a.format === 'json') {
    return json({
      name: ds.name,
      kind: ds.kind,
      classes: ds.classes,
      ...(read.classNames ? { class_names: read.classNames } : {}),
      ...(read.columns ? { source_columns: read.columns } : {}),
      n_train: ds.nTrain,
      view: ds.view,
      columns: headers,
      rows: rowsOf(ds),
    });
  }
  const n = ds.kind === 'classification' ? ds.labels!.length : ds.y!.length;
  const perClass = (from: number, to: number) => {
    if (ds.kind !== 'classification') return '';
    const counts = new Array<number>(ds.classes).fill(0);
    for (let i = from; i < to; i++) counts[ds.labels![i]!]! += 1;
    return counts.join('/');
  };
  const out = table(
    ['data set', 'kind', 'classes', 'train', 'test', 'train per class', 'test per class', 'view'],
    [[ds.name, ds.kind, ds.classes || null, ds.nTrain, n - ds.nTrain, perClass(0, ds.nTrain), perClass(ds.nTrain, n), `[${ds.view.xmin}, ${ds.view.xmax}]×[${ds.view.ymin}, ${ds.view.ymax}]`]],
  );
  const cols = read.columns ? `\ncolumns: x = ${read.columns.x}, y = ${read.columns.y}${read.columns.label ? `, label = ${read.columns.label}` : ''}` : '';
  const names = read.classNames ? `\nclasses: ${read.classNames.map((c, i) => `${i} = ${c}`).join(', ')}` : '';
  return out + cols + names + (cols || names ? '\n' : '');
}
