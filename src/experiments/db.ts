/**
 * A promise API over one `sqlite3` connection (the Node-API SQLite binding: one build loads in Node
 * and in Electron's utility process alike — docs/store.md says why it was chosen).
 *
 *   const db = await Db.open(file);           // WAL, 16 KiB pages (new files), foreign keys on, 5 s busy timeout
 *   await db.run('INSERT …', [a, b]);         // → { lastID, changes }
 *   const rows = await db.all<Row>('SELECT …', [x]);
 *   await db.transaction(async () => { … });  // BEGIN IMMEDIATE … COMMIT, or ROLLBACK on a throw
 *
 * Transactions are serialised: while one runs, other transaction() calls wait their turn, so two
 * async callers never interleave statements inside one BEGIN … COMMIT. Statements outside a
 * transaction also wait for a running one to finish.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';

import type * as Sqlite3 from 'sqlite3';

const require = createRequire(import.meta.url);
const sqlite3 = require('sqlite3') as typeof Sqlite3;

export type Param = string | number | bigint | null | Buffer | Uint8Array;

export class Db {
  private chain: Promise<unknown> = Promise.resolve();
  /** Set inside a transaction's async context: its own statements run at once, everyone else's wait. */
  private readonly inTransaction = new AsyncLocalStorage<true>();

  private constructor(
    private readonly db: Sqlite3.Database,
    readonly file: string,
  ) {}

  static open(file: string, { readonly = false } = {}): Promise<Db> {
    return new Promise((resolve, reject) => {
      const mode = readonly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
      const raw = new sqlite3.Database(file, mode, (err) => {
        if (err) return reject(Object.assign(new Error(`cannot open the experiment store ${file}: ${err.message}`), { code: (err as { code?: string }).code }));
        const db = new Db(raw, file);
        raw.configure('busyTimeout', 5000);
        // page_size only takes on a new, empty file (it must come before WAL): 16 KiB pages hold a
        // chunk's 32 KiB blob in 2 overflow pages instead of 8 (writes ~1.5× and chart reads ~1.2× faster)
        db.exec(`PRAGMA foreign_keys = ON;${readonly ? '' : ' PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;'}`)
          .then(() => resolve(db), reject);
      });
    });
  }

  /** Runs `fn` alone: statements of other callers wait until it has finished. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private raw<T>(call: (cb: (err: Error | null, value?: T) => void) => void): Promise<T> {
    return new Promise((resolve, reject) => call((err, value) => (err ? reject(err) : resolve(value as T))));
  }

  private direct<T>(fn: () => Promise<T>): Promise<T> {
    return this.inTransaction.getStore() ? fn() : this.exclusive(fn);
  }

  run(sql: string, params: Param[] = []): Promise<{ lastID: number; changes: number }> {
    return this.direct(
      () =>
        new Promise((resolve, reject) =>
          this.db.run(sql, params, function (this: Sqlite3.RunResult, err: Error | null) {
            if (err) reject(err);
            else resolve({ lastID: this.lastID, changes: this.changes });
          }),
        ),
    );
  }

  all<T>(sql: string, params: Param[] = []): Promise<T[]> {
    return this.direct(() => this.raw<T[]>((cb) => this.db.all(sql, params, cb)));
  }

  async get<T>(sql: string, params: Param[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  exec(sql: string): Promise<void> {
    return this.direct(() => this.raw<void>((cb) => this.db.exec(sql, (err) => cb(err))));
  }

  /**
   * BEGIN IMMEDIATE (takes the write lock at once, so two processes never deadlock upgrading a read
   * lock) … COMMIT; ROLLBACK and rethrow if `fn` throws. Inside `fn`, use this Db's methods as usual.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) return fn(); // nested: part of the outer transaction
    return this.exclusive(async () => {
      await this.raw<void>((cb) => this.db.exec('BEGIN IMMEDIATE', (err) => cb(err)));
      try {
        const result = await this.inTransaction.run(true, fn);
        await this.raw<void>((cb) => this.db.exec('COMMIT', (err) => cb(err)));
        return result;
      } catch (e) {
        await this.raw<void>((cb) => this.db.exec('ROLLBACK', (err) => cb(err))).catch(() => undefined);
        throw e;
      }
    });
  }

  close(): Promise<void> {
    return this.exclusive(() => this.raw<void>((cb) => this.db.close((err) => cb(err))));
  }
}
