/**
 * Store — the experiment store: every run of every lab, its points, artifacts and history, in one
 * SQLite file (WAL) shared by the app, the host and the CLI. See docs/store.md.
 *
 *   const store = await Store.open();                 // GRADLAB_HOME or the app-data folder; migrates; recovers
 *   const id = await store.createRun({ lab: 'train', config, seed: 1 });
 *   await store.claim(id);                            // this process owns it now (heartbeat)
 *   const rec = store.recorder(id);  rec.push(batch) … await rec.close();
 *   await store.finish(id, 'completed', { summary }); // status, times, final metrics
 *   await store.readForChart(id, 'train_loss', 2000);
 *
 * Opening a store marks the active runs of owners that are gone as `interrupted` (owner.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { listArtifacts, readFrames, readWeights, storeWeights } from './artifacts.js';
import { Db } from './db.js';
import { damagedError, inspectHeader, StoreDamagedError } from './health.js';
import { STORE_FILE, storeHome } from './location.js';
import { migrate } from './migrate.js';
import { listSeries, readForChart, readRaw, type RangeQuery } from './metrics.js';
import { thinRun } from './thin.js';
import { storeUsage } from './usage.js';
import { HEARTBEAT_MS, newOwner, ownerGone, type OwnedRow, type Owner } from './owner.js';
import { RunRecorder, type RecorderOptions } from './recorder.js';
import { reencodeChunks, type ReencodeReport } from './reencode.js';
import { ACTIVE_STATUSES, type NewRun, type Run, type RunStatus, type SweepInfo } from './run-types.js';
import { addEvent, deleteRun, editRun, getRun, insertRun, listRuns, runEvents, setStatus, statusLog, type RunEdit, type RunEvent, type RunFilter, type RunSort } from './runs.js';

export interface OpenOptions {
  /** the store's folder (else GRADLAB_HOME, else the app-data folder) */
  home?: string;
  /** recover runs of dead owners on open (default true) */
  recover?: boolean;
}

/**
 * Gives a store without one a random id in its header (`PRAGMA application_id`) and checkpoints it at
 * once into the file, so that every later page-1 frame of its log carries the same id (wal-owner.ts).
 */
async function ensureStoreId(db: Db): Promise<void> {
  const [row] = await db.all<{ application_id: number }>('PRAGMA application_id');
  if (row && row.application_id !== 0) return;
  const id = (randomBytes(4).readInt32BE(0) & 0x7fffffff) || 1;
  await db.exec(`PRAGMA application_id = ${id}`);
  await db.all('PRAGMA wal_checkpoint(TRUNCATE)');
}

export class Store {
  readonly owner: Owner = newOwner();
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly owned = new Set<number>();

  private constructor(readonly db: Db) {}

  static async open(opts: OpenOptions = {}): Promise<Store> {
    const home = storeHome(opts.home);
    mkdirSync(home, { recursive: true });
    const file = path.join(home, STORE_FILE);
    // a damaged file is named with the ways out (health.ts), never opened as if new
    const problem = inspectHeader(file);
    if (problem) throw new StoreDamagedError(file, problem);
    let db: Db;
    try {
      db = await Db.open(file);
    } catch (e) {
      throw damagedError(file, e);
    }
    try {
      await migrate(db);
      await ensureStoreId(db);
      const store = new Store(db);
      if (opts.recover ?? true) await store.recover();
      return store;
    } catch (e) {
      await db.close().catch(() => undefined);
      throw damagedError(file, e);
    }
  }

  get file(): string {
    return this.db.file;
  }

  /** This store's random id (its header's application_id): what tells its write-ahead log from another store's (wal-owner.ts). */
  async storeId(): Promise<number> {
    return (await this.db.all<{ application_id: number }>('PRAGMA application_id'))[0]!.application_id;
  }

  /** Marks the active runs whose owner is gone as interrupted; returns their ids. */
  async recover(now = Date.now()): Promise<number[]> {
    const rows = await this.db.all<OwnedRow & { id: number; status: RunStatus; started_at: number | null }>(
      `SELECT id, status, started_at, owner_pid, owner_host, owner_token, heartbeat_at FROM runs WHERE status IN (${ACTIVE_STATUSES.map(() => '?').join(', ')})`,
      [...ACTIVE_STATUSES],
    );
    const gone = rows.filter((r) => ownerGone(r, this.owner, now));
    for (const r of gone) {
      const end = r.heartbeat_at ?? now;
      await setStatus(this.db, r.id, 'interrupted', {
        detail: `its process (pid ${r.owner_pid ?? '?'} on ${r.owner_host ?? '?'}) ended while the run was ${r.status}`,
        at: now,
        columns: { ended_at: end, duration_ms: r.started_at !== null ? Math.max(0, end - r.started_at) : null },
      });
    }
    return gone.map((r) => r.id);
  }

  async createSweep(name: string, spec: unknown): Promise<number> {
    return (await this.db.run('INSERT INTO sweeps (name, spec, created_at) VALUES (?, ?, ?)', [name, JSON.stringify(spec), Date.now()])).lastID;
  }

  /** every sweep, newest first: its name, lab (from its spec), when it was made and how many runs it still has */
  async listSweeps(): Promise<SweepInfo[]> {
    const rows = await this.db.all<{ id: number; name: string; spec: string; created_at: number; runs: number }>(
      'SELECT s.id, s.name, s.spec, s.created_at, COUNT(r.id) AS runs FROM sweeps s LEFT JOIN runs r ON r.sweep_id = s.id GROUP BY s.id ORDER BY s.id DESC',
    );
    return rows.map((r) => {
      let lab = '';
      try {
        const spec = JSON.parse(r.spec) as { lab?: unknown };
        if (typeof spec.lab === 'string') lab = spec.lab;
      } catch {
        // a spec that is not JSON (an old or hand-made store): the sweep keeps its other facts
      }
      return { id: r.id, name: r.name, lab, createdAt: r.created_at, runs: r.runs };
    });
  }

  createRun(run: NewRun): Promise<number> {
    return insertRun(this.db, run);
  }

  /** This process owns the run from now on (and keeps its heartbeat fresh until finish or close). */
  async claim(id: number): Promise<void> {
    await getRun(this.db, id);
    await this.db.run('UPDATE runs SET owner_pid = ?, owner_host = ?, owner_token = ?, heartbeat_at = ? WHERE id = ?', [
      this.owner.pid,
      this.owner.host,
      this.owner.token,
      Date.now(),
      id,
    ]);
    this.owned.add(id);
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
  }

  private async beat(): Promise<void> {
    if (this.owned.size === 0) return;
    await this.db.run('UPDATE runs SET heartbeat_at = ? WHERE owner_token = ?', [Date.now(), this.owner.token]).catch(() => undefined);
  }

  async markStarted(id: number, at = Date.now()): Promise<void> {
    await setStatus(this.db, id, 'running', { at, columns: { started_at: at } });
  }

  setStatus(id: number, status: RunStatus, detail?: string): Promise<void> {
    return setStatus(this.db, id, status, detail !== undefined ? { detail } : {});
  }

  /** Ends a run: status, end time, duration (without paused time when given), summary or error. */
  async finish(
    id: number,
    status: RunStatus,
    info: { labStatus?: string; summary?: unknown; error?: { code: string; message: string }; durationMs?: number; msPerStep?: number; at?: number; detail?: string } = {},
  ): Promise<void> {
    const at = info.at ?? Date.now();
    const run = await getRun(this.db, id);
    await setStatus(this.db, id, status, {
      at,
      ...(info.error ? { detail: `${info.error.code}: ${info.error.message}` } : info.detail !== undefined ? { detail: info.detail } : {}),
      columns: {
        ended_at: at,
        duration_ms: info.durationMs ?? (run.startedAt !== null ? at - run.startedAt : null),
        ms_per_step: info.msPerStep ?? null,
        lab_status: info.labStatus ?? null,
        summary: info.summary === undefined ? null : JSON.stringify(info.summary),
        error: info.error ? JSON.stringify(info.error) : null,
      },
    });
    this.owned.delete(id);
  }

  recorder(id: number, opts: RecorderOptions = {}): RunRecorder {
    return new RunRecorder(this.db, id, opts);
  }

  getRun(id: number): Promise<Run> {
    return getRun(this.db, id);
  }
  listRuns(filter?: RunFilter, sort?: RunSort, limit?: number, offset?: number): Promise<Run[]> {
    return listRuns(this.db, filter, sort, limit, offset);
  }
  editRun(id: number, edit: RunEdit): Promise<Run> {
    return editRun(this.db, id, edit);
  }
  deleteRun(id: number): Promise<void> {
    this.owned.delete(id);
    return deleteRun(this.db, id);
  }
  /** A live change of a run (manager.update records every one). */
  addEvent(id: number, e: RunEvent): Promise<void> {
    return addEvent(this.db, id, e);
  }
  events(id: number): Promise<RunEvent[]> {
    return runEvents(this.db, id);
  }

  statusLog(id: number) {
    return statusLog(this.db, id);
  }
  /** "thin this run": every k-th point, the extremes of each k-block, NaN and ±Inf, the ends (thin.ts) */
  thin(id: number, every: number) {
    return thinRun(this.db, id, every);
  }

  /** the store's size on disk and each run's share */
  usage() {
    return storeUsage(this.db);
  }

  /** Re-encodes the chunks of finished runs with today's encodings, then gives the freed pages back (VACUUM); reencode.ts. */
  async reencode(opts: { vacuum?: boolean } = {}): Promise<ReencodeReport> {
    const fileBytesBefore = (await storeUsage(this.db)).fileBytes;
    const report = await reencodeChunks(this.db);
    if (opts.vacuum ?? true) {
      await this.db.run('VACUUM'); // db.ts runs it after any transaction under way
      await this.db.run('PRAGMA wal_checkpoint(TRUNCATE)');
    }
    return { ...report, fileBytesBefore, fileBytesAfter: (await storeUsage(this.db)).fileBytes };
  }

  listSeries(id: number) {
    return listSeries(this.db, id);
  }
  readRaw(id: number, name: string, q?: RangeQuery) {
    return readRaw(this.db, id, name, q);
  }
  readForChart(id: number, name: string, maxPoints: number, q?: RangeQuery, withTimes = true) {
    return readForChart(this.db, id, name, maxPoints, q, withTimes);
  }
  listArtifacts(id: number) {
    return listArtifacts(this.db, id);
  }
  readFrames(id: number, name: string, which: 'history' | 'latest' = 'history') {
    return readFrames(this.db, id, name, which);
  }
  readWeights(id: number, name?: string) {
    return readWeights(this.db, id, name);
  }
  storeWeights(id: number, name: string, step: number, bytes: Buffer) {
    return storeWeights(this.db, id, name, step, bytes);
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    await this.db.close();
  }
}
