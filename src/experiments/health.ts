/**
 * A damaged experiment store: found, named and never a dead end (docs/store.md, "Damage").
 *
 * - `inspectHeader(file)`: a cheap look at the file before SQLite opens it — not a database at all
 *   (random bytes, a file of zeros), shorter than its own header says (truncated), or beside a
 *   write-ahead log of another store's (wal-owner.ts), which SQLite would apply.
 * - `damagedError(file, e)`: SQLite's raw corruption errors (SQLITE_CORRUPT, SQLITE_NOTADB) turned
 *   into a StoreError (code STORE_DAMAGED) naming the file and the two ways out.
 * - `checkStore(file)`: the header and SQLite's full `PRAGMA integrity_check`, for `gradlab store check`.
 * - `setAside(file)`: renames the file (and its -wal and -shm) with a timestamp; the next open starts a
 *   new store. Nothing is deleted or overwritten.
 * - `salvage(file)`: copies every row that can still be read into a new store (runs, their series
 *   and points, artifacts, history, tags, events, sweeps), sets the damaged file aside and puts the
 *   new one in its place.
 */
import { closeSync, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

import { chunkCrc } from './chunk-codec.js';
import { orphanDerivedChunks } from './derived-read.js';
import { Db, type Param } from './db.js';
import { StoreError } from './errors.js';
import { migrate } from './migrate.js';
import { foreignWal } from './wal-owner.js';

const MAGIC = 'SQLite format 3\0';
const SQLITE_DAMAGE = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);
/** What a read of a damaged file can meet (a truncated file also reads short: SQLITE_IOERR). */
const UNREADABLE = new Set([...SQLITE_DAMAGE, 'SQLITE_IOERR']);
const unreadableError = (e: unknown) => UNREADABLE.has(String((e as { code?: unknown }).code));

/** What to do about a damaged store, in the words of the CLI (the app offers the same two). */
export const WAYS_OUT =
  'run `gradlab store recover` to copy what is readable into a new store, or `gradlab store set-aside` to keep the file aside and start a new one (neither deletes it)';

export class StoreDamagedError extends StoreError {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`the experiment store ${file} is damaged (${problem}); ${WAYS_OUT}`, 'STORE_DAMAGED');
    this.name = 'StoreDamagedError';
  }
}

/** Whether `e` is SQLite saying the file is corrupt or not a database. */
export function isDamage(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && SQLITE_DAMAGE.has(code);
}

/** A StoreDamagedError for `file` when `e` is SQLite's corruption error, else `e` itself. */
export function damagedError(file: string, e: unknown): unknown {
  return isDamage(e) ? new StoreDamagedError(file, (e as Error).message.replace(/^SQLITE_\w+: /, '')) : e;
}

/** The problem with the file's header, or null when it looks like a whole SQLite database (or is absent or empty). */
export function inspectHeader(file: string): string | null {
  if (!existsSync(file)) return null;
  const size = statSync(file).size;
  if (size === 0) return null;
  const head = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let got: number;
  try {
    got = readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (got < 100 || head.toString('latin1', 0, 16) !== MAGIC) return 'it is not an SQLite database: its first bytes are not an SQLite header';
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `its header names a page size of ${raw}, which SQLite never writes`;
  // the page count at 28 is valid when the "version valid for" number at 92 equals the change counter at 24
  const pages = head.readUInt32BE(28);
  if (pages > 0 && head.readUInt32BE(92) === head.readUInt32BE(24) && size < pages * pageSize)
    return `it is truncated: ${size} bytes where its header says ${pages} pages of ${pageSize} bytes (${pages * pageSize})`;
  return foreignWal(file);
}

export interface StoreCheck {
  file: string;
  ok: boolean;
  /** what is wrong, as SQLite or the header check says it (at most 20 lines) */
  problems: string[];
}

/** The header and SQLite's integrity check of the store file (reads only). */
export async function checkStore(file: string): Promise<StoreCheck> {
  if (!existsSync(file)) return { file, ok: true, problems: [] };
  const header = inspectHeader(file);
  if (header) return { file, ok: false, problems: [header] };
  let db: Db | null = null;
  try {
    db = await Db.open(file, { readonly: true });
    const rows = await db.all<{ integrity_check: string }>('PRAGMA integrity_check(20)');
    const problems = rows.map((r) => r.integrity_check).filter((t) => t !== 'ok');
    if (problems.length === 0) problems.push(...(await badChecksums(db)));
    return { file, ok: problems.length === 0, problems };
  } catch (e) {
    return { file, ok: false, problems: [(e as Error).message.replace(/^SQLITE_\w+: /, '')] };
  } finally {
    await db?.close().catch(() => undefined);
  }
}

/** The chunks whose blobs no longer match their checksum (at most 20), read in slices of 256 rows. */
async function badChecksums(db: Db): Promise<string[]> {
  const hasCrc = (await db.all<{ name: string }>('PRAGMA table_info(chunks)')).some((c) => c.name === 'crc');
  if (!hasCrc) return [];
  const bad: string[] = [];
  for (let after = -1; bad.length < 20; ) {
    const rows = await db.all<Row & { rowid: number }>('SELECT rowid, series_id, seq, steps, times, vals, crc FROM chunks WHERE rowid > ? ORDER BY rowid LIMIT 256', [after]);
    if (rows.length === 0) break;
    for (const r of rows) if (!crcHolds(r)) bad.push(`chunk ${String(r.seq)} of series ${String(r.series_id)}: its points fail their checksum`);
    after = rows[rows.length - 1]!.rowid;
  }
  return bad.slice(0, 20);
}

/** "experiments.damaged-20261206-031727.db" beside `file` (a counter added if it exists). */
function asideName(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  for (let k = 0; ; k++) {
    const name = `${base}.damaged-${stamp}${k ? `-${k}` : ''}${ext}`;
    if (!existsSync(name) && !existsSync(`${name}-wal`)) return name;
  }
}

/** Renames a foreign write-ahead log (wal-owner.ts) and its -shm aside, so that SQLite opens the file as of its last checkpoint; returns the log's new name. */
export function setWalAside(file: string, now = new Date()): string {
  const to = `${asideName(file, now)}-foreign`;
  renameSync(`${file}-wal`, `${to}-wal`);
  if (existsSync(`${file}-shm`)) renameSync(`${file}-shm`, `${to}-shm`);
  return `${to}-wal`;
}

/** Renames the store file and its -wal and -shm aside; returns the new name of the file. */
export function setAside(file: string, now = new Date()): string {
  const to = asideName(file, now);
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, to + suffix);
  return to;
}

/** Whether a chunk row's blobs still match the checksum written with them (none before schema 4: taken as read). */
function crcHolds(row: Row): boolean {
  if (row.crc === null || row.crc === undefined) return true;
  const blob = (v: Param) => (v instanceof Uint8Array ? v : Buffer.alloc(0));
  return chunkCrc(blob(row.steps ?? null), blob(row.times ?? null), blob(row.vals ?? null)) === Number(row.crc);
}

/** Tables in the order rows can be inserted (referenced tables first). */
const TABLES = ['sweeps', 'runs', 'run_tags', 'status_log', 'series', 'chunks', 'artifacts', 'run_events'] as const;

export interface SalvageReport {
  /** the damaged file, under its new name */
  setAsideAs: string;
  /** the new store, at the old file's path */
  file: string;
  /** per table: rows copied, and rows seen but unreadable or refused (a chunk of a lost series…) */
  tables: Record<string, { copied: number; lost: number }>;
  /** ranges of rowids that could not be read at all */
  unreadable: string[];
  /** where another store's write-ahead log found beside the file was moved (null: none) */
  foreignWalAs?: string | null;
}

type Row = Record<string, Param>;

/**
 * Reads a table's rows in rowid order, batch by batch; a batch SQLite cannot read is split in halves
 * down to single rows, so one bad page costs only the rows on it.
 */
async function readableRows(src: Db, table: string, onRows: (rows: Row[]) => Promise<void>, unreadable: string[]): Promise<void> {
  let bounds: { lo: number | null; hi: number | null } | undefined;
  try {
    bounds = await src.get<{ lo: number | null; hi: number | null }>(`SELECT min(rowid) AS lo, max(rowid) AS hi FROM ${table}`);
  } catch (e) {
    if (!unreadableError(e)) throw e;
    unreadable.push(`${table}: its rows cannot be listed (${(e as Error).message})`);
    return;
  }
  if (!bounds || bounds.lo === null || bounds.hi === null) return;
  const read = async (lo: number, hi: number): Promise<void> => {
    try {
      const rows = await src.all<Row>(`SELECT rowid, * FROM ${table} WHERE rowid BETWEEN ? AND ? ORDER BY rowid`, [lo, hi]);
      await onRows(rows);
    } catch (e) {
      if (!unreadableError(e)) throw e;
      if (lo === hi) {
        // adjacent lost rows read as one range: "chunks rows 1–55"
        const last = unreadable.at(-1);
        const m = last ? new RegExp(`^${table} rows? (\\d+)(?:–(\\d+))?$`).exec(last) : null;
        if (m && Number(m[2] ?? m[1]) === lo - 1) unreadable[unreadable.length - 1] = `${table} rows ${m[1]}–${lo}`;
        else unreadable.push(`${table} row ${lo}`);
        return;
      }
      const mid = Math.floor((lo + hi) / 2);
      await read(lo, mid);
      await read(mid + 1, hi);
    }
  };
  for (let lo = bounds.lo; lo <= bounds.hi; lo += 256) await read(lo, Math.min(bounds.hi, lo + 255));
}

/**
 * Copies what can be read of the damaged store `file` into a new store, then sets the damaged file
 * aside (renamed, never deleted) and moves the new store to `file`.
 */
export async function salvage(file: string, now = new Date()): Promise<SalvageReport> {
  if (!existsSync(file)) throw new StoreError(`${file}: there is no store file to recover`, 'INVALID_CONFIG');
  // a log from another store is set aside first: the file is then read as of its own last checkpoint
  const walAside = foreignWal(file) ? setWalAside(file, now) : null;
  const fresh = `${file}.recovering-${process.pid}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(fresh + suffix)) renameSync(fresh + suffix, asideName(fresh, now) + suffix);
  const tables: SalvageReport['tables'] = {};
  const unreadable: string[] = [];
  const dst = await Db.open(fresh);
  try {
    await migrate(dst);
    let src: Db | null = null;
    try {
      src = await Db.open(file, { readonly: true });
    } catch (e) {
      unreadable.push(`the whole file (${(e as Error).message})`);
    }
    if (src && inspectHeader(file)?.startsWith('it is not an SQLite database')) {
      await src.close();
      src = null;
      unreadable.push('the whole file (it is not an SQLite database)');
    }
    if (src) {
      try {
        // a damaged schema (a table's root page past a truncation…) otherwise refuses every query
        await src.exec('PRAGMA writable_schema = ON');
        await dst.exec('PRAGMA foreign_keys = ON');
        for (const table of TABLES) {
          const counts = { copied: 0, lost: 0 };
          tables[table] = counts;
          const want = new Set((await dst.all<{ name: string }>(`PRAGMA table_info(${table})`)).map((c) => c.name));
          await readableRows(src, table, async (rows) => {
            await dst.transaction(async () => {
              for (const row of rows) {
                if (table === 'chunks' && !crcHolds(row)) {
                  counts.lost++;
                  unreadable.push(`chunks row ${String(row.rowid ?? '?')}: its points fail their checksum`);
                  continue;
                }
                const cols = Object.keys(row).filter((c) => want.has(c));
                try {
                  await dst.run(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => row[c] ?? null));
                  counts.copied++;
                } catch {
                  counts.lost++; // refused: it belongs to a row that was lost (a run, a series)
                }
              }
            });
          }, unreadable);
        }
      } finally {
        await src.close().catch(() => undefined);
      }
      // a derived chunk (derived.ts) whose source chunks were lost cannot be read: it goes too
      const orphans = await orphanDerivedChunks(dst);
      await dst.transaction(async () => {
        for (const o of orphans) await dst.run('DELETE FROM chunks WHERE rowid = ?', [o.rowid]);
      });
      for (const o of orphans) {
        tables.chunks!.copied--;
        tables.chunks!.lost++;
        unreadable.push(`chunks row ${o.rowid}: ${o.why}`);
      }
    }
    await dst.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await dst.close();
  }
  const setAsideAs = setAside(file, now);
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(fresh + suffix)) renameSync(fresh + suffix, file + suffix);
  return { setAsideAs, file, tables, unreadable, foreignWalAs: walAside };
}
