/**
 * The runs table: create, read, list with filters and sorting, edit, delete. Plain functions over a Db;
 * the Store (store.ts) composes them. Config, final/best metrics and summaries are JSON columns, so a
 * filter or sort on any config value or metric is one json_extract.
 */
import { randomUUID } from 'node:crypto';

import { CONFIG_PATH_FORM, isConfigPath } from './config-path.js';
import type { Db, Param } from './db.js';
import { StoreError } from './errors.js';
import { RUN_STATUSES, type NewRun, type Run, type RunStatus } from './run-types.js';

interface RunRow {
  id: number;
  uid: string;
  lab: string;
  name: string;
  config: string;
  seed: number | null;
  status: RunStatus;
  lab_status: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  duration_ms: number | null;
  steps: number;
  ms_per_step: number | null;
  final: string | null;
  best: string | null;
  summary: string | null;
  error: string | null;
  notes: string;
  archived: number;
  sweep_id: number | null;
  tags: string | null;
}

const SELECT = `SELECT r.*, (SELECT json_group_array(tag) FROM (SELECT tag FROM run_tags t WHERE t.run_id = r.id ORDER BY tag)) AS tags FROM runs r`;

function parse<T>(text: string | null, fallback: T): T {
  return text === null ? fallback : (JSON.parse(text) as T);
}

function toRun(r: RunRow): Run {
  return {
    id: r.id,
    uid: r.uid,
    lab: r.lab,
    name: r.name,
    config: JSON.parse(r.config) as unknown,
    seed: r.seed,
    status: r.status,
    labStatus: r.lab_status,
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    durationMs: r.duration_ms,
    steps: r.steps,
    msPerStep: r.ms_per_step,
    final: parse(r.final, {}),
    best: parse(r.best, {}),
    summary: parse(r.summary, null),
    error: parse(r.error, null),
    notes: r.notes,
    tags: parse<string[]>(r.tags, []),
    archived: r.archived !== 0,
    sweepId: r.sweep_id,
  };
}

export async function insertRun(db: Db, run: NewRun & { uid?: string; createdAt?: number }): Promise<number> {
  const status = run.status ?? 'queued';
  const now = run.createdAt ?? Date.now();
  return db.transaction(async () => {
    const { lastID } = await db.run(
      `INSERT INTO runs (uid, lab, name, config, seed, status, created_at, notes, sweep_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [run.uid ?? randomUUID(), run.lab, run.name ?? '', JSON.stringify(run.config), run.seed ?? null, status, now, run.notes ?? '', run.sweepId ?? null],
    );
    if (!run.name) await db.run(`UPDATE runs SET name = ? WHERE id = ?`, [`${run.lab} #${lastID}`, lastID]);
    for (const tag of new Set(run.tags ?? [])) await db.run(`INSERT INTO run_tags (run_id, tag) VALUES (?, ?)`, [lastID, tag]);
    await db.run(`INSERT INTO status_log (run_id, at, status) VALUES (?, ?, ?)`, [lastID, now, status]);
    return lastID;
  });
}

export async function getRun(db: Db, id: number): Promise<Run> {
  const row = await db.get<RunRow>(`${SELECT} WHERE r.id = ?`, [id]);
  if (!row) throw new StoreError(`run ${id}: no such run`, 'UNKNOWN_RUN');
  return toRun(row);
}

export async function findRunByUid(db: Db, uid: string): Promise<Run | undefined> {
  const row = await db.get<RunRow>(`${SELECT} WHERE r.uid = ?`, [uid]);
  return row && toRun(row);
}

/** What list() can filter on; every given condition must hold. */
export interface RunFilter {
  lab?: string;
  status?: RunStatus | RunStatus[];
  tag?: string;
  /** in the name, the notes or the config's JSON text, case-insensitive */
  text?: string;
  /** config values that must be equal: {"optimizer.type": "adam", "batch_size": 64} */
  config?: Record<string, string | number | boolean>;
  sweepId?: number;
  /** false (default): only runs not archived; true: only archived; "all": both */
  archived?: boolean | 'all';
}

/** created_at | name | status | steps | duration_ms | ms_per_step | config.<path> | final.<metric> | best.<metric> */
export interface RunSort {
  by: string;
  desc?: boolean;
}

const PLAIN_SORTS = new Set(['id', 'created_at', 'started_at', 'ended_at', 'name', 'status', 'lab', 'steps', 'duration_ms', 'ms_per_step']);

/** A json_extract path for a config or metric path (config-path.ts); refuses anything else. */
export function jsonPath(path: string, field: string): string {
  if (!isConfigPath(path)) throw new StoreError(`${field}: expected ${CONFIG_PATH_FORM}, got ${JSON.stringify(path)}`, 'INVALID_CONFIG');
  return `$.${path}`;
}

function sortSql(sort: RunSort, params: Param[]): string {
  const dir = sort.desc ? 'DESC' : 'ASC';
  if (PLAIN_SORTS.has(sort.by)) return `r.${sort.by} ${dir}, r.id ${dir}`;
  const m = /^(config|final|best)\.(.+)$/.exec(sort.by);
  if (!m)
    throw new StoreError(
      `sort.by: expected one of ${[...PLAIN_SORTS].join(', ')} or config.<path>, final.<metric>, best.<metric>; got ${JSON.stringify(sort.by)}`,
      'INVALID_CONFIG',
    );
  const p = jsonPath(m[2]!, 'sort.by');
  params.push(p, p);
  // runs without the value sort last either way
  return `json_extract(r.${m[1]}, ?) IS NULL, json_extract(r.${m[1]}, ?) ${dir}, r.id ${dir}`;
}

export async function listRuns(db: Db, filter: RunFilter = {}, sort: RunSort = { by: 'id', desc: true }, limit = 1000, offset = 0): Promise<Run[]> {
  const where: string[] = [];
  const params: Param[] = [];
  if (filter.lab !== undefined) {
    where.push('r.lab = ?');
    params.push(filter.lab);
  }
  if (filter.status !== undefined) {
    const list = Array.isArray(filter.status) ? filter.status : [filter.status];
    for (const s of list)
      if (!RUN_STATUSES.includes(s)) throw new StoreError(`filter.status: expected one of ${RUN_STATUSES.join(', ')}, got ${JSON.stringify(s)}`, 'INVALID_CONFIG');
    where.push(`r.status IN (${list.map(() => '?').join(', ')})`);
    params.push(...list);
  }
  if (filter.tag !== undefined) {
    where.push('EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND t.tag = ?)');
    params.push(filter.tag);
  }
  if (filter.text !== undefined && filter.text !== '') {
    where.push(`(instr(lower(r.name), lower(?)) > 0 OR instr(lower(r.notes), lower(?)) > 0 OR instr(lower(r.config), lower(?)) > 0)`);
    params.push(filter.text, filter.text, filter.text);
  }
  for (const [path, value] of Object.entries(filter.config ?? {})) {
    where.push('json_extract(r.config, ?) = ?');
    params.push(jsonPath(path, 'filter.config'), typeof value === 'boolean' ? Number(value) : value);
  }
  if (filter.sweepId !== undefined) {
    where.push('r.sweep_id = ?');
    params.push(filter.sweepId);
  }
  const archived = filter.archived ?? false;
  if (archived !== 'all') where.push(`r.archived = ${archived ? 1 : 0}`);
  const order = sortSql(sort, params);
  params.push(limit, offset);
  const rows = await db.all<RunRow>(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ? OFFSET ?`, params);
  return rows.map(toRun);
}

/** Fields a user may edit. Tags given replace the run's tags. */
export interface RunEdit {
  name?: string;
  notes?: string;
  tags?: string[];
  archived?: boolean;
}

export async function editRun(db: Db, id: number, edit: RunEdit): Promise<Run> {
  await db.transaction(async () => {
    await getRun(db, id);
    if (edit.name !== undefined) await db.run('UPDATE runs SET name = ? WHERE id = ?', [edit.name, id]);
    if (edit.notes !== undefined) await db.run('UPDATE runs SET notes = ? WHERE id = ?', [edit.notes, id]);
    if (edit.archived !== undefined) await db.run('UPDATE runs SET archived = ? WHERE id = ?', [edit.archived ? 1 : 0, id]);
    if (edit.tags !== undefined) {
      await db.run('DELETE FROM run_tags WHERE run_id = ?', [id]);
      for (const tag of new Set(edit.tags)) await db.run('INSERT INTO run_tags (run_id, tag) VALUES (?, ?)', [id, tag]);
    }
  });
  return getRun(db, id);
}

/** Deletes the run with its series, chunks, artifacts, tags and log (ON DELETE CASCADE). */
export async function deleteRun(db: Db, id: number): Promise<void> {
  const { changes } = await db.run('DELETE FROM runs WHERE id = ?', [id]);
  if (changes === 0) throw new StoreError(`run ${id}: no such run`, 'UNKNOWN_RUN');
}

/** Sets the status (and whatever else is given) and logs the change. */
export async function setStatus(
  db: Db,
  id: number,
  status: RunStatus,
  extra: { detail?: string; at?: number; columns?: Record<string, Param> } = {},
): Promise<void> {
  const at = extra.at ?? Date.now();
  const cols = Object.entries(extra.columns ?? {});
  await db.transaction(async () => {
    await db.run(`UPDATE runs SET status = ?${cols.map(([c]) => `, ${c} = ?`).join('')} WHERE id = ?`, [status, ...cols.map(([, v]) => v), id]);
    await db.run('INSERT INTO status_log (run_id, at, status, detail) VALUES (?, ?, ?, ?)', [id, at, status, extra.detail ?? null]);
  });
}

export async function statusLog(db: Db, id: number): Promise<{ at: number; status: RunStatus; detail: string | null }[]> {
  return db.all('SELECT at, status, detail FROM status_log WHERE run_id = ? ORDER BY rowid', [id]);
}

/** A live change of a run: at (ms since the epoch), the last step done before it took effect, the
 * config path, and the value before (null: the default) and after. */
export interface RunEvent {
  at: number;
  step: number;
  field: string;
  old: number | boolean | null;
  new: number | boolean;
}

export async function addEvent(db: Db, id: number, e: RunEvent): Promise<void> {
  await db.run('INSERT INTO run_events (run_id, at, step, field, old, new) VALUES (?, ?, ?, ?, ?, ?)', [id, e.at, e.step, e.field, e.old === null ? null : JSON.stringify(e.old), JSON.stringify(e.new)]);
}

export async function runEvents(db: Db, id: number): Promise<RunEvent[]> {
  const rows = await db.all<{ at: number; step: number; field: string; old: string | null; new: string }>('SELECT at, step, field, old, new FROM run_events WHERE run_id = ? ORDER BY rowid', [id]);
  return rows.map((r) => ({ at: r.at, step: r.step, field: r.field, old: r.old === null ? null : (JSON.parse(r.old) as number | boolean), new: JSON.parse(r.new) as number | boolean }));
}
