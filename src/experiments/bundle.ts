/**
 * Run bundles: one file that carries a run to another machine — its config and seed, status and
 * history, every point of every series, and its artifacts (weights, frames) — and re-runs there to the
 * same numbers (a run is its config plus its seed).
 *
 * Format (version 1): gzip of one JSON document
 *   { format: "gradient-lab-run", version: 1, exported_at,
 *     run: { uid, lab, name, config, seed, status, lab_status, created_at, started_at, ended_at,
 *            duration_ms, steps, ms_per_step, final, best, summary, error, notes, tags },
 *     status_log: [{at, status, detail}], events: [{at, step, field, old, new}] (live changes; optional),
 *     series: [{ name, steps, times, values }],     (base64 of little-endian float64 arrays)
 *     artifacts: [{ kind, name, step, meta, shape, data, created_at }] }   (data: base64)
 * Import checks everything before writing anything, then writes in one transaction: a malformed file,
 * a newer version or a run already in the store is refused with a clear message and changes nothing.
 * An imported run that was still active when exported arrives as `interrupted`.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

import { z } from 'zod';

import { decodeF64, encodeF64 } from './codec.js';
import { StoreError } from './errors.js';
import { LAB_KINDS } from './labs.js';
import { ACTIVE_STATUSES, RUN_STATUSES, type RunStatus } from './run-types.js';
import { addEvent, runEvents, setStatus, statusLog } from './runs.js';
import type { Store } from './store.js';

export const BUNDLE_FORMAT = 'gradient-lab-run';
export const BUNDLE_VERSION = 1;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text');
const numOrNull = z.number().nullable();
const BundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exported_at: z.number(),
  run: z.strictObject({
    uid: z.string().min(1),
    lab: z.string(),
    name: z.string(),
    config: z.unknown(),
    seed: numOrNull,
    status: z.enum(RUN_STATUSES),
    lab_status: z.string().nullable(),
    created_at: z.number(),
    started_at: numOrNull,
    ended_at: numOrNull,
    duration_ms: numOrNull,
    steps: z.number(),
    ms_per_step: numOrNull,
    final: z.record(z.string(), z.number().nullable()),
    best: z.record(z.string(), z.number().nullable()),
    summary: z.unknown(),
    error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
    notes: z.string(),
    tags: z.array(z.string()),
  }),
  status_log: z.array(z.strictObject({ at: z.number(), status: z.enum(RUN_STATUSES), detail: z.string().nullable() })),
  /** live changes (absent in bundles from before they were recorded) */
  events: z
    .array(z.strictObject({ at: z.number(), step: z.number(), field: z.string().max(200), old: z.union([z.number(), z.boolean()]).nullable(), new: z.union([z.number(), z.boolean()]) }))
    .optional(),
  series: z.array(z.strictObject({ name: z.string().regex(/^[A-Za-z0-9_]+$/), steps: b64, times: b64, values: b64 })),
  artifacts: z.array(
    z.strictObject({
      kind: z.enum(['weights', 'frame', 'frame_latest']),
      name: z.string(),
      step: z.number(),
      meta: z.unknown(),
      shape: z.array(z.number()).nullable(),
      data: b64,
      created_at: z.number(),
    }),
  ),
});
type Bundle = z.infer<typeof BundleSchema>;

// JSON has no NaN or ±Infinity: metric maps carry them as null.
const finiteOrNull = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number.isFinite(v) ? v : null]));
const withoutNulls = (m: Record<string, number | null>) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== null)) as Record<string, number>;

export async function exportBundle(store: Store, runId: number): Promise<Buffer> {
  const run = await store.getRun(runId);
  const series = [];
  for (const s of await store.listSeries(runId)) {
    const p = await store.readRaw(runId, s.name);
    series.push({ name: s.name, steps: encodeF64(p.steps).toString('base64'), times: encodeF64(p.times).toString('base64'), values: encodeF64(p.values).toString('base64') });
  }
  const artifacts = (
    await store.db.all<{ kind: 'weights' | 'frame' | 'frame_latest'; name: string; step: number; meta: string | null; shape: string | null; data: Buffer; created_at: number }>(
      'SELECT kind, name, step, meta, shape, data, created_at FROM artifacts WHERE run_id = ? ORDER BY id',
      [runId],
    )
  ).map((a) => ({
    kind: a.kind,
    name: a.name,
    step: a.step,
    meta: a.meta === null ? null : (JSON.parse(a.meta) as unknown),
    shape: a.shape === null ? null : (JSON.parse(a.shape) as number[]),
    data: a.data.toString('base64'),
    created_at: a.created_at,
  }));
  const doc: Bundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exported_at: Date.now(),
    run: {
      uid: run.uid,
      lab: run.lab,
      name: run.name,
      config: run.config,
      seed: run.seed,
      status: run.status,
      lab_status: run.labStatus,
      created_at: run.createdAt,
      started_at: run.startedAt,
      ended_at: run.endedAt,
      duration_ms: run.durationMs,
      steps: run.steps,
      ms_per_step: run.msPerStep,
      final: finiteOrNull(run.final),
      best: finiteOrNull(run.best),
      summary: run.summary,
      error: run.error,
      notes: run.notes,
      tags: run.tags,
    },
    status_log: await statusLog(store.db, runId),
    events: await runEvents(store.db, runId),
    series,
    artifacts,
  };
  return gzipSync(JSON.stringify(doc));
}

function parseBundle(bytes: Uint8Array): Bundle {
  let doc: unknown;
  try {
    doc = JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch {
    throw new StoreError('bundle: not a Gradient Lab run bundle (expected gzip-compressed JSON)', 'BUNDLE_FORMAT');
  }
  const head = doc as { format?: unknown; version?: unknown };
  if (head?.format !== BUNDLE_FORMAT) throw new StoreError(`bundle: not a Gradient Lab run bundle (format ${JSON.stringify(head?.format)})`, 'BUNDLE_FORMAT');
  if (typeof head.version === 'number' && head.version > BUNDLE_VERSION)
    throw new StoreError(`bundle: format version ${head.version} is newer than this Gradient Lab reads (${BUNDLE_VERSION}); update Gradient Lab to import it`, 'STORE_VERSION');
  const r = BundleSchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new StoreError(`bundle: ${['bundle', ...issue.path].join('.')}: ${issue.message}`, 'BUNDLE_FORMAT');
  }
  const b = r.data;
  if (!LAB_KINDS[b.run.lab]) throw new StoreError(`bundle: run.lab ${JSON.stringify(b.run.lab)} is not a lab this Gradient Lab has`, 'BUNDLE_FORMAT');
  for (const s of b.series) {
    const n = Buffer.from(s.steps, 'base64').byteLength;
    if (n % 8 !== 0 || Buffer.from(s.times, 'base64').byteLength !== n || Buffer.from(s.values, 'base64').byteLength !== n)
      throw new StoreError(`bundle: series ${s.name}: steps, times and values must hold the same number of float64 values`, 'BUNDLE_FORMAT');
  }
  return b;
}

/** Imports a bundle as a new run of this store; returns its id. */
export async function importBundle(store: Store, bytes: Uint8Array): Promise<number> {
  const b = parseBundle(bytes);
  const existing = await store.db.get<{ id: number }>('SELECT id FROM runs WHERE uid = ?', [b.run.uid]);
  if (existing) throw new StoreError(`bundle: this run is already in the store as run ${existing.id}`, 'BUNDLE_FORMAT');
  const r = b.run;
  const status: RunStatus = ACTIVE_STATUSES.includes(r.status) ? 'interrupted' : r.status;
  return store.db.transaction(async () => {
    const { lastID: id } = await store.db.run(
      `INSERT INTO runs (uid, lab, name, config, seed, status, lab_status, created_at, started_at, ended_at, duration_ms, steps, ms_per_step,
                         final, best, summary, error, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.uid, r.lab, r.name, JSON.stringify(r.config), r.seed, status, r.lab_status, r.created_at, r.started_at, r.ended_at, r.duration_ms,
        r.steps, r.ms_per_step, JSON.stringify(withoutNulls(r.final)), JSON.stringify(withoutNulls(r.best)),
        r.summary === undefined ? null : JSON.stringify(r.summary), r.error ? JSON.stringify(r.error) : null, r.notes,
      ],
    );
    for (const tag of new Set(r.tags)) await store.db.run('INSERT INTO run_tags (run_id, tag) VALUES (?, ?)', [id, tag]);
    for (const l of b.status_log) await store.db.run('INSERT INTO status_log (run_id, at, status, detail) VALUES (?, ?, ?, ?)', [id, l.at, l.status, l.detail]);
    for (const e of b.events ?? []) await addEvent(store.db, id, e);
    if (status !== r.status) await setStatus(store.db, id, status, { detail: `imported while ${r.status}` });
    const rec = store.recorder(id, { flushMs: 1e9, flushPoints: Infinity });
    for (const s of b.series) await rec.writeRaw(s.name, decodeF64(Buffer.from(s.steps, 'base64')), decodeF64(Buffer.from(s.times, 'base64')), decodeF64(Buffer.from(s.values, 'base64')));
    for (const a of b.artifacts)
      await store.db.run('INSERT INTO artifacts (run_id, kind, name, step, meta, shape, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        id, a.kind, a.name, a.step, a.meta === null ? null : JSON.stringify(a.meta), a.shape === null ? null : JSON.stringify(a.shape),
        Buffer.from(a.data, 'base64'), a.created_at,
      ]);
    return id;
  });
}
