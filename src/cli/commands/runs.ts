/**
 * `gradlab runs list | show | best`: reading the experiment store.
 *   list: the runs that pass the filters (lab, status, tag, text, config values, sweep, archived), in
 *         the order of any of the store's sort keys (id, created_at, steps, config.<path>,
 *         final.<series>, best.<series>…), as run-table.ts prints them;
 *   show: one run — config, status history, its series with point counts and final/best values, its
 *         artifacts (csv: one row per series);
 *   best: the run(s) with the best value of a metric (its best value when the metric has a direction
 *         of its own, e.g. losses are smallest, accuracies largest; else its final value).
 */
import { LabError } from '../../native/errors.js';
import { RUN_STATUSES, type RunStatus } from '../../experiments/run-types.js';
import type { RunFilter } from '../../experiments/runs.js';
import { bestDirection } from '../../experiments/series-names.js';
import { parseConfigFilter } from '../config-values.js';
import { csv, json, table, type Format } from '../format.js';
import { duration, runsOutput, statusText } from '../run-table.js';
import { renamed, withStore, type HomeArgs } from '../store-access.js';

export interface RunsListArgs extends HomeArgs {
  lab?: string;
  status: string[];
  tag?: string;
  text?: string;
  config: string[];
  sweep?: number;
  archived?: boolean;
  sort: string;
  desc?: boolean;
  limit: number;
  format: Format;
}

function statuses(list: string[]): RunStatus[] {
  const all = list.flatMap((s) => s.split(',')).map((s) => s.trim());
  for (const s of all)
    if (!(RUN_STATUSES as readonly string[]).includes(s)) throw new LabError(`--status: expected one of ${RUN_STATUSES.join(', ')}, got ${JSON.stringify(s)}`, 'INVALID_CONFIG');
  return all as RunStatus[];
}

export function runFilter(a: RunsListArgs): RunFilter {
  return {
    ...(a.lab !== undefined ? { lab: a.lab } : {}),
    ...(a.status.length > 0 ? { status: statuses(a.status) } : {}),
    ...(a.tag !== undefined ? { tag: a.tag } : {}),
    ...(a.text !== undefined ? { text: a.text } : {}),
    ...(a.config.length > 0 ? { config: parseConfigFilter(a.config) } : {}),
    ...(a.sweep !== undefined ? { sweepId: a.sweep } : {}),
    archived: a.archived ?? false,
  };
}

export function runsListCommand(a: RunsListArgs): Promise<string> {
  return withStore(a, async (store) => {
    const runs = await renamed(store.listRuns(runFilter(a), { by: a.sort, desc: a.desc ?? false }, a.limit), 'sort.by', '--sort');
    return runsOutput(runs, a.format);
  });
}

const when = (t: number | null) => (t === null ? '' : new Date(t).toISOString());

export function runsShowCommand(id: number, a: HomeArgs & { format: Format }): Promise<string> {
  return withStore(a, async (store) => {
    const run = await store.getRun(id);
    const log = await store.statusLog(id);
    const events = await store.events(id);
    const series = (await store.listSeries(id)).map((s) => ({ ...s, final: run.final[s.name] ?? null, best: run.best[s.name] ?? null }));
    const artifacts = await store.listArtifacts(id);
    if (a.format === 'json') return json({ run, status_log: log, events, series, artifacts });
    const seriesRows = series.map((s) => [s.name, s.points, s.final, s.best]);
    if (a.format === 'csv') return csv(['series', 'points', 'final', 'best'], seriesRows);
    const lines = [
      `run ${run.id}: ${run.name}`,
      `lab ${run.lab}, ${statusText(run)}, seed ${run.seed ?? '-'}${run.sweepId !== null ? `, sweep ${run.sweepId}` : ''}${run.archived ? ', archived' : ''}`,
      `created ${when(run.createdAt)}${run.startedAt ? `, started ${when(run.startedAt)}` : ''}${run.endedAt ? `, ended ${when(run.endedAt)}` : ''}`,
      `${run.steps} steps${run.msPerStep !== null ? `, ${run.msPerStep.toFixed(4)} ms per step` : ''}${run.durationMs !== null ? `, ${duration(run.durationMs)}` : ''}`,
      ...(run.tags.length ? [`tags: ${run.tags.join(', ')}`] : []),
      ...(run.notes ? [`notes: ${run.notes}`] : []),
      ...(run.error ? [`error: ${run.error.code}: ${run.error.message}`] : []),
      '',
      'config:',
      JSON.stringify(run.config, null, 2),
      '',
      'status history:',
      table(['at', 'status', 'detail'], log.map((l) => [when(l.at), l.status, l.detail])),
      ...(events.length ? ['live changes and edits:', table(['at', 'step', 'setting', 'from', 'to'], events.map((e) => [when(e.at), e.step, e.field, e.old === null ? '' : String(e.old), String(e.new)]))] : []),
      'series:',
      series.length ? table(['series', 'points', 'final', 'best'], seriesRows) : '(none)\n',
      'artifacts:',
      artifacts.length ? table(['kind', 'name', 'step', 'bytes'], artifacts.map((x) => [x.kind, x.name, x.step, x.bytes])) : '(none)\n',
    ];
    return lines.join('\n');
  });
}

export interface RunsBestArgs extends HomeArgs {
  metric: string;
  max?: boolean;
  min?: boolean;
  lab?: string;
  sweep?: number;
  limit: number;
  format: Format;
}

export function runsBestCommand(a: RunsBestArgs): Promise<string> {
  if (a.max && a.min) throw new LabError('--max, --min: give one of them', 'INVALID_CONFIG');
  const own = bestDirection(a.metric, a.lab);
  const dir = a.max ? 'max' : a.min ? 'min' : own;
  if (dir === null) throw new LabError(`--metric: ${a.metric} has no direction of its own; give --max or --min`, 'INVALID_CONFIG');
  const by = `${dir === own ? 'best' : 'final'}.${a.metric}`;
  return withStore(a, async (store) => {
    const filter: RunFilter = { ...(a.lab !== undefined ? { lab: a.lab } : {}), ...(a.sweep !== undefined ? { sweepId: a.sweep } : {}) };
    const runs = (await renamed(store.listRuns(filter, { by, desc: dir === 'max' }, a.limit), 'sort.by', '--metric')).filter((r) =>
      Number.isFinite(by.startsWith('best.') ? r.best[a.metric] : r.final[a.metric]),
    );
    if (runs.length === 0) throw new LabError(`--metric: no run has a value of ${JSON.stringify(a.metric)}`, 'INVALID_CONFIG');
    return runsOutput(runs, a.format);
  });
}
