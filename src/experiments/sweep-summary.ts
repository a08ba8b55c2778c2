/**
 * A sweep's summary: its runs × the hyper-parameters they vary × one metric (final or best), ranked,
 * and, when two of the parameters form a grid, the metric as a grid of cells (a heatmap): each cell
 * the mean of its runs (over seeds or the other parameters) or their best. The varied parameters are
 * the config values that differ between the sweep's runs, so a grid, a random search and "repeat over
 * seeds" all read the same way. Pure (no Node, no DOM): the experiments view draws it.
 */
import { matchesKeyMetric, seriesSpec, type LabDescriptor } from '../labs/kit.js';
import { flattenConfig, isSettingPath, type FlatValue } from './flatten-config.js';
import type { Run } from './run-types.js';

export interface SummaryRow {
  id: number;
  name: string;
  status: Run['status'];
  values: Record<string, FlatValue>;
  /** the metric (null when the run has none yet, or it is not finite) */
  metric: number | null;
}

export interface SummaryGrid {
  x: string;
  y: string;
  xs: FlatValue[];
  ys: FlatValue[];
  /** cells[j][i]: at ys[j], xs[i]; null where no run (or no finite metric) */
  cells: (number | null)[][];
  counts: number[][];
}

export interface SweepSummary {
  /** the config paths whose values differ between the runs, in config order */
  params: string[];
  rows: SummaryRow[];
  /** the run with the best metric */
  bestId: number | null;
  better: 'min' | 'max';
}

/** The metrics a sweep of this lab can be ranked by: its key metrics with a better direction, each member of a run's streams ("race{i}_f" → race_f, race1_f…). */
export function summaryMetrics(d: LabDescriptor | undefined, runs: readonly Run[]): { name: string; better: 'min' | 'max' }[] {
  if (!d) return [];
  const seen = new Set<string>();
  for (const r of runs) for (const k of [...Object.keys(r.final), ...Object.keys(r.best)]) seen.add(k);
  const out: { name: string; better: 'min' | 'max' }[] = [];
  for (const key of d.keyMetrics) {
    for (const name of [...seen].filter((n) => matchesKeyMetric(key, n)).sort()) {
      const better = seriesSpec(d, name)?.better;
      if (better) out.push({ name, better });
    }
  }
  return out;
}

const sameValue = (a: FlatValue | undefined, b: FlatValue | undefined) => (typeof a === 'number' && typeof b === 'number' ? Object.is(a, b) || a === b : a === b);

/** The paths whose value differs between the configs (a setting such as a CSV's text is not a parameter). */
export function variedParams(configs: readonly unknown[]): string[] {
  const flats = configs.map((c) => flattenConfig(c, { skip: isSettingPath }));
  const paths: string[] = [];
  for (const f of flats) for (const p of Object.keys(f)) if (!paths.includes(p)) paths.push(p);
  return paths.filter((p) => flats.some((f) => !sameValue(f[p], flats[0]![p])));
}

export function summarizeSweep(runs: readonly Run[], metric: string, better: 'min' | 'max', mode: 'final' | 'best'): SweepSummary {
  const params = variedParams(runs.map((r) => r.config));
  const rows: SummaryRow[] = runs.map((r) => {
    const flat = flattenConfig(r.config, { skip: isSettingPath });
    const v = (mode === 'best' ? r.best : r.final)[metric];
    return { id: r.id, name: r.name, status: r.status, values: Object.fromEntries(params.map((p) => [p, flat[p] ?? null])), metric: typeof v === 'number' && Number.isFinite(v) ? v : null };
  });
  const sign = better === 'min' ? 1 : -1;
  rows.sort((a, b) => (a.metric === null ? (b.metric === null ? a.id - b.id : 1) : b.metric === null ? -1 : sign * (a.metric - b.metric) || a.id - b.id));
  return { params, rows, bestId: rows[0]?.metric !== null && rows[0] ? rows[0].id : null, better };
}

const order = (a: FlatValue, b: FlatValue) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)));

/** The metric over two of the varied parameters: each cell the mean (or the best) of the runs there. */
export function summaryGrid(s: SweepSummary, x: string, y: string, reduce: 'mean' | 'best'): SummaryGrid {
  const xs = [...new Map(s.rows.map((r) => [JSON.stringify(r.values[x] ?? null), r.values[x] ?? null])).values()].sort(order);
  const ys = [...new Map(s.rows.map((r) => [JSON.stringify(r.values[y] ?? null), r.values[y] ?? null])).values()].sort(order);
  const acc = ys.map(() => xs.map(() => [] as number[]));
  for (const r of s.rows) {
    if (r.metric === null) continue;
    const i = xs.findIndex((v) => sameValue(v, r.values[x] ?? null));
    const j = ys.findIndex((v) => sameValue(v, r.values[y] ?? null));
    acc[j]![i]!.push(r.metric);
  }
  const pick = (v: number[]) => (v.length === 0 ? null : reduce === 'mean' ? v.reduce((a, b) => a + b, 0) / v.length : s.better === 'min' ? Math.min(...v) : Math.max(...v));
  return { x, y, xs, ys, cells: acc.map((row) => row.map(pick)), counts: acc.map((row) => row.map((v) => v.length)) };
}
