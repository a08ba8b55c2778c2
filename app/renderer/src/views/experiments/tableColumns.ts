/**
 * The run table's columns: a run's config flattened by the shared flattener (src/experiments/
 * flatten-config.ts: dotted paths, arrays of objects by index, other arrays as JSON — the paths the
 * store sorts and filters by), without the settings that are not hyper-parameters (the prediction
 * frames, weight files, a CSV's text); which config columns and metric columns to show, in what order.
 */
import { flattenConfig, isSettingPath, type FlatValue } from '../../../../../src/experiments/flatten-config';

export type { FlatValue };

/** A run's config as the table's cells: path → value. */
export function configCells(config: unknown): Record<string, FlatValue> {
  return flattenConfig(config, { skip: isSettingPath });
}

/** Column order: optimizer and learning rate first, then the data, the budget, the rest; seed last. */
function rank(path: string): number {
  if (/(^|\.)optimizers?(\[\d+\])?\.type$/.test(path)) return 0;
  if (/(^|\.)optimizers?(\[\d+\])?\.lr$/.test(path)) return 1;
  if (/^optimizers?(\[\d+\])?\./.test(path)) return 2;
  if (/^(batch_size|dataset|function)/.test(path)) return 3;
  if (/^model/.test(path)) return 4;
  if (/^(epochs|steps)$/.test(path)) return 5;
  if (/^seed$/.test(path)) return 9;
  return 6;
}

/**
 * The config columns for a set of runs: every path any of them has — those whose value differs between
 * the runs first (what a comparison is about), then the rest, each group in a useful order.
 */
export function configColumns(flats: Record<string, FlatValue>[]): string[] {
  const paths = new Set<string>();
  for (const f of flats) for (const k of Object.keys(f)) paths.add(k);
  const varies = (p: string) => new Set(flats.map((f) => (p in f ? String(f[p]) : '\u0000'))).size > 1;
  const v = new Map([...paths].map((p) => [p, varies(p)]));
  return [...paths].sort((a, b) => Number(v.get(b)) - Number(v.get(a)) || rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * The config columns shown by default (#11: the table showed about 45 mostly empty ones): each
 * optimizer's type and learning rate, then the paths whose value differs between the runs (what a
 * comparison is about), at most `max`, in `all`'s order. The others are shown on demand.
 */
export function keyConfigColumns(all: readonly string[], flats: Record<string, FlatValue>[], max = 12): string[] {
  const varies = (p: string) => new Set(flats.map((f) => (p in f ? String(f[p]) : '\u0000'))).size > 1;
  const key = all.filter((p) => rank(p) <= 1);
  for (const p of all) if (key.length < max && !key.includes(p) && varies(p)) key.push(p);
  return all.filter((p) => key.includes(p));
}

/** The metrics a run is judged by: the training loss, test loss and accuracy; a race's f per optimizer. */
const KEY_METRIC = /^(train_loss|epoch_test_loss|epoch_test_acc)$|^[a-z]+\d*_f$/;
const ORDER = ['train_loss', 'epoch_test_loss', 'epoch_test_acc'];

/**
 * Metric columns from the runs' final values: the key metrics, and for a run that has none of them
 * (a lab added later) its losses and accuracies.
 */
export function metricColumns(finals: Record<string, number>[]): string[] {
  const names = new Set<string>();
  for (const f of finals) {
    const keys = Object.keys(f);
    const key = keys.filter((k) => KEY_METRIC.test(k));
    for (const k of key.length ? key : keys.filter((k) => /(loss|acc)$/.test(k))) names.add(k);
  }
  const order = (n: string) => {
    const i = ORDER.indexOf(n);
    return i >= 0 ? i : 10;
  };
  return [...names].sort((a, b) => order(a) - order(b) || a.localeCompare(b, 'en', { numeric: true }));
}
