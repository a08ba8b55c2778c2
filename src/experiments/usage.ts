/**
 * How much disk the store takes (#15, "disk in view"): the file with its WAL, and each run's share —
 * its points (every chunk's three blobs) and artifacts (weights, frames). Blob lengths come from SQLite's
 * record headers (length() of a BLOB does not read it), so this stays quick on large stores.
 */
import { existsSync, statSync } from 'node:fs';

import type { Db } from './db.js';

export interface StoreUsage {
  /** bytes on disk: the database file and its -wal */
  fileBytes: number;
  /** per run id, the bytes of its points and artifacts */
  runs: Record<number, number>;
}

export async function storeUsage(db: Db): Promise<StoreUsage> {
  const fileBytes = ['', '-wal'].map((s) => db.file + s).filter(existsSync).reduce((n, f) => n + statSync(f).size, 0);
  const rows = await db.all<{ run_id: number; bytes: number }>(
    `SELECT run_id, SUM(bytes) AS bytes FROM (
       SELECT s.run_id AS run_id, SUM(length(c.steps) + length(c.times) + length(c.vals)) AS bytes FROM chunks c JOIN series s ON s.id = c.series_id GROUP BY s.run_id
       UNION ALL
       SELECT run_id, SUM(length(data)) AS bytes FROM artifacts GROUP BY run_id
     ) GROUP BY run_id`,
  );
  const runs: Record<number, number> = {};
  for (const r of rows) runs[r.run_id] = r.bytes;
  return { fileBytes, runs };
}
