/**
 * `gradlab sweeps list | summary ID`: the sweeps in the experiment store, and one sweep's summary as
 * the experiments page shows it (src/experiments/sweep-summary.ts): its runs ranked by a key metric of
 * the lab (final or --best values), the parameters they vary, and with two or more of them the metric
 * over two (--x, --y; each cell the --cell mean or best of its runs).
 *   gradlab sweeps summary 3 --metric epoch_test_acc --best --format json
 */
import { LabError } from '../../native/errors.js';
import { labOf } from '../../labs/index.js';
import { summarizeSweep, summaryGrid, summaryMetrics, type SummaryGrid } from '../../experiments/sweep-summary.js';
import { significantText } from '../../format/number.js';
import { csv, json, table, type Format } from '../format.js';
import { withStore, type HomeArgs } from '../store-access.js';

export interface SweepsArgs extends HomeArgs {
  format: Format;
}

export interface SweepSummaryArgs extends SweepsArgs {
  id: number;
  metric?: string;
  best?: boolean;
  x?: string;
  y?: string;
  cell?: 'mean' | 'best';
}

export async function sweepsListCommand(a: SweepsArgs): Promise<string> {
  const sweeps = await withStore(a, (s) => s.listSweeps());
  if (a.format === 'json') return json(sweeps) + '\n';
  const rows = sweeps.map((s) => [s.id, s.name, s.lab, s.runs, new Date(s.createdAt).toISOString()]);
  return (a.format === 'csv' ? csv : table)(['id', 'name', 'lab', 'runs', 'created'], rows);
}

const text = (v: unknown) => (typeof v === 'number' ? significantText(v, 6) : v === null || v === undefined ? '' : String(v));

export async function sweepSummaryCommand(a: SweepSummaryArgs): Promise<string> {
  const { sweep, runs } = await withStore(a, async (s) => {
    const sweep = (await s.listSweeps()).find((x) => x.id === a.id);
    if (!sweep) throw new LabError(`sweep ${a.id}: no such sweep (gradlab sweeps list names them)`, 'UNKNOWN_RUN');
    return { sweep, runs: await s.listRuns({ sweepId: a.id, archived: 'all' }, { by: 'id' }) };
  });
  const d = labOf(sweep.lab || runs[0]?.lab || '');
  const metrics = summaryMetrics(d, runs);
  const metric = a.metric === undefined ? metrics[0] : metrics.find((m) => m.name === a.metric);
  if (!metric)
    throw new LabError(
      a.metric === undefined ? `sweep ${a.id}: its runs have no metric to rank by yet` : `--metric: expected one of ${metrics.map((m) => m.name).join(', ') || '(none yet)'}, got ${JSON.stringify(a.metric)}`,
      'INVALID_CONFIG',
    );
  const mode = a.best ? 'best' : 'final';
  const s = summarizeSweep(runs, metric.name, metric.better, mode);
  for (const [flag, v] of [['--x', a.x], ['--y', a.y]] as const)
    if (v !== undefined && !s.params.includes(v)) throw new LabError(`${flag}: expected one of the parameters the sweep varies (${s.params.join(', ')}), got ${JSON.stringify(v)}`, 'INVALID_CONFIG');
  const x = a.x ?? s.params.find((p) => p !== a.y);
  const y = a.y ?? s.params.find((p) => p !== x);
  const grid: SummaryGrid | null = x && y && x !== y ? summaryGrid(s, x, y, a.cell ?? 'mean') : null;
  if (a.format === 'json')
    return json({ sweep, metric: metric.name, better: metric.better, mode, params: s.params, best_id: s.bestId, rows: s.rows, grid }) + '\n';
  const headers = ['rank', 'run', 'status', ...s.params, `${mode} ${metric.name}`];
  const rows = s.rows.map((r, i) => [r.metric === null ? '' : i + 1, r.id, r.status, ...s.params.map((p) => text(r.values[p])), r.metric === null ? '' : text(r.metric)]);
  if (a.format === 'csv') return csv(headers, rows);
  let out = `sweep ${sweep.id} (${sweep.name}): ${s.rows.length} runs ranked by ${mode} ${metric.name} (${metric.better === 'min' ? 'lower' : 'higher'} is better)\n\n` + table(headers, rows);
  if (grid)
    out +=
      `\n${metric.name}, ${a.cell ?? 'mean'} of each cell's runs: ${grid.y} down, ${grid.x} across\n\n` +
      table([`${grid.y} \\ ${grid.x}`, ...grid.xs.map(text)], grid.ys.map((yv, j) => [text(yv), ...grid.cells[j]!.map((c) => (c === null ? '—' : text(c)))]));
  return out;
}
