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

function hyperText(o: Json): string {
  const lr = o.lr !== undefined ? ` lr=${human(o.lr as number)}` : '';
  return `${String(o.type)}${lr}`;
}

/** The few config values that tell runs of one lab apart. */
export function keyHypers(run: Run): string {
  const c = (run.config ?? {}) as Json;
  if (run.lab === 'train') {
    const data = (c.dataset ?? {}) as Json;
    const model = (c.model ?? {}) as Json;
    const hidden = Array.isArray(model.hidden) ? ` [${(model.hidden as number[]).join('x') || 'linear'}]` : '';
    const batch = c.batch_size === 0 ? 'full' : String(c.batch_size ?? 'default');
    return `${String(data.name)}${hidden} ${hyperText((c.optimizer ?? {}) as Json)} batch=${batch} epochs=${String(c.epochs)}`;
  }
  if (run.lab === 'race') {
    const fn = (typeof c.function === 'string' ? { name: c.function } : (c.function ?? {})) as Json;
    const opts = Array.isArray(c.optimizers) ? (c.optimizers as Json[]).map(hyperText).join(', ') : '';
    return `${String(fn.name ?? fn.formula)}: ${opts}`;
  }
  return '';
}

/** The metrics worth a glance: test loss and accuracy of training, f of each racer. */
const KEY_METRIC = /^(epoch_test_loss|epoch_test_acc|race\d*_f)$/;

export function keyMetrics(metrics: Record<string, number>): string {
  return Object.entries(metrics)
    .filter(([k]) => KEY_METRIC.test(k))
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
      r.id, r.name, r.lab, statusText(r), r.steps, r.msPerStep, duration(r.durationMs), keyHypers(r), keyMetrics(r.final), keyMetrics(r.best), r.tags.join(', '),
    ]),
  );
}
