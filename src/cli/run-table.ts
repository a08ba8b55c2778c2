/**
 * Runs of the experiment store as the CLI prints them:
 *   table: id, name, lab, status (with the lab's own status when it differs), steps, ms/step, duration,
 *          the key hyper-parameters, the key final/best metrics and the tags, one line per run;
 *   csv:   every field, config values flattened to `config.<path>` columns (flatten-config.ts: arrays of
 *          objects by index, other arrays as JSON), `final.<series>` and `best.<series>` columns (the
 *          union over the runs listed);
 *   json:  the runs as the store returns them.
 */
import { flattenConfig } from '../experiments/flatten-config.js';
import { isKeyMetric, LABS, labOf } from '../labs/index.js';
import type { Run } from '../experiments/run-types.js';
import { significantText } from '../format/number.js';
import { csv, human, json, table, type Cell, type Format } from './format.js';

type Json = Record<string, unknown>;

/** "1.25 s", "3 min 5 s", "—" */
export function duration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${significantText(s, 3)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s - m * 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function statusText(run: Run): string {
  return run.labStatus && run.labStatus !== run.status ? `${run.status} (${run.labStatus})` : run.status;
}

/** The few config values that tell runs of one lab apart (the lab's descriptor says which). */
export function keyHypers(run: Run): string {
  return labOf(run.lab)?.keyHypers((run.config ?? {}) as Json) ?? '';
}

/** The metrics worth a glance, as each lab's descriptor names them (test loss and accuracy, f of each racer). */
export function keyMetrics(metrics: Record<string, number>, lab?: string): string {
  const labs = lab !== undefined ? [labOf(lab)].filter((d) => d !== undefined) : LABS;
  return Object.entries(metrics)
    .filter(([k]) => labs.some((d) => isKeyMetric(d, k)))
    .map(([k, v]) => `${k.replace(/^epoch_/, '')}=${human(v)}`)
    .join(' ');
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function csvRecord(r: Run): Record<string, Cell> {
  return {
    id: r.id, uid: r.uid, name: r.name, lab: r.lab, status: r.status, lab_status: r.labStatus, seed: r.seed, sweep_id: r.sweepId,
    created_at: iso(r.createdAt), started_at: iso(r.startedAt), ended_at: iso(r.endedAt), duration_ms: r.durationMs,
    steps: r.steps, ms_per_step: r.msPerStep, tags: r.tags.join(';'), archived: r.archived, notes: r.notes,
    error: r.error ? `${r.error.code}: ${r.error.message}` : null,
    ...flattenConfig(r.config, { prefix: 'config' }), ...flattenConfig(r.final, { prefix: 'final' }), ...flattenConfig(r.best, { prefix: 'best' }),
  };
}

export function runsOutput(runs: Run[], format: Format): string {
  if (format === 'json') return json(runs);
  if (format === 'csv') {
    const records = runs.map(csvRecord);
    const headers = [...new Set(records.flatMap((r) => Object.keys(r)))];
    return csv(headers, records.map((r) => headers.map((h) => r[h])));
  }
  if (runs.length === 0) return 'no runs\n';
  return table(
    ['id', 'name', 'lab', 'status', 'steps', 'ms/step', 'duration', 'hyper-parameters', 'final', 'best', 'tags'],
    runs.map((r) => [
      r.id, r.name, r.lab, statusText(r), r.steps, r.msPerStep, duration(r.durationMs), keyHypers(r), keyMetrics(r.final, r.lab), keyMetrics(r.best, r.lab), r.tags.join(', '),
    ]),
  );
}
