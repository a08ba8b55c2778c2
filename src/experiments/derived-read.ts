/**
 * Reading chunk values when some chunks are derived (derived.ts, `vals_enc` 3): their sources' chunks
 * of the same rows are fetched — one query per source series for the whole range, not one per chunk —
 * decoded (recursively: m̂ comes from m, m from gx) and the rule recomputed.
 */
import { decodeSteps, decodeValues, VALS_DERIVED } from './chunk-codec.js';
import type { Db } from './db.js';
import { decodeDerived, derivationOf, type Derivation } from './derived.js';
import { StoreError } from './errors.js';

export interface ValueRow {
  vals: Buffer;
  vals_enc: number;
  n: number;
  first_step: number;
  last_step: number;
  steps: Buffer;
  steps_enc: number;
}

/** How deep a chain of derived series may go (m̂ ← m ← gx is 2); deeper means a damaged header. */
const MAX_DEPTH = 4;

const key = (r: { first_step: number; last_step: number; n: number }) => `${r.first_step}:${r.last_step}:${r.n}`;

/** The values of each row, in order; `name` is the rows' series (for messages). */
export async function decodeRowValues(db: Db, runId: number, name: string, rows: ValueRow[], depth = 0): Promise<Float64Array[]> {
  const out: Float64Array[] = new Array(rows.length);
  const derived: { at: number; d: Derivation }[] = [];
  rows.forEach((r, at) => {
    if (r.vals_enc === VALS_DERIVED) derived.push({ at, d: derivationOf(r.vals) });
    else out[at] = decodeValues(r.vals, r.vals_enc, r.n);
  });
  if (derived.length === 0) return out;
  if (depth >= MAX_DEPTH) throw new StoreError(`run ${runId}: series ${name} is derived through more than ${MAX_DEPTH} series`, 'STORE_DAMAGED');
  const from = Math.min(...derived.map((x) => rows[x.at]!.first_step)),
    to = Math.max(...derived.map((x) => rows[x.at]!.first_step));
  const sources = new Map<string, Map<string, Float64Array>>();
  for (const src of new Set(derived.flatMap((x) => x.d.src))) {
    const want = new Set(derived.filter((x) => x.d.src.includes(src)).map((x) => key(rows[x.at]!)));
    const found = (
      await db.all<ValueRow>(
        `SELECT c.vals, c.vals_enc, c.n, c.first_step, c.last_step, c.steps, c.steps_enc FROM chunks c JOIN series s ON s.id = c.series_id
         WHERE s.run_id = ? AND s.name = ? AND c.first_step >= ? AND c.first_step <= ? ORDER BY c.seq`,
        [runId, src, from, to],
      )
    ).filter((r) => want.has(key(r)));
    const values = await decodeRowValues(db, runId, src, found, depth + 1);
    sources.set(src, new Map(found.map((r, i) => [key(r), values[i]!])));
  }
  for (const { at, d } of derived) {
    const r = rows[at]!;
    const src = d.src.map((s) => sources.get(s)!.get(key(r)));
    const missing = d.src.filter((_, i) => !src[i]);
    if (missing.length > 0)
      throw new StoreError(`run ${runId}: the points ${r.first_step}–${r.last_step} of ${name} are derived from ${missing.join(' and ')}, whose points there are missing`, 'STORE_DAMAGED');
    out[at] = decodeDerived(r.vals, r.n, decodeSteps(r.steps, r.steps_enc, r.first_step, r.n), src as Float64Array[]);
  }
  return out;
}

/**
 * Derived chunks whose source chunks are gone (a recovery that lost them), directly or through another
 * such chunk: they can no longer be decoded. Each with its rowid and what it missed.
 */
export async function orphanDerivedChunks(db: Db): Promise<{ rowid: number; why: string }[]> {
  const rows = await db.all<{ rowid: number; run_id: number; name: string; first_step: number; last_step: number; n: number; vals: Buffer }>(
    `SELECT c.rowid, s.run_id, s.name, c.first_step, c.last_step, c.n, c.vals FROM chunks c JOIN series s ON s.id = c.series_id WHERE c.vals_enc = ?`,
    [VALS_DERIVED],
  );
  const at = (run: number, name: string, r: { first_step: number; last_step: number; n: number }) => `${run}/${name}/${key(r)}`;
  // every chunk that is there, read once; then lost ones propagate up the chains in memory
  const there = new Set(
    (await db.all<{ run_id: number; name: string; first_step: number; last_step: number; n: number }>(
      'SELECT s.run_id, s.name, c.first_step, c.last_step, c.n FROM chunks c JOIN series s ON s.id = c.series_id',
    )).map((r) => at(r.run_id, r.name, r)),
  );
  const orphans = new Map<number, string>();
  const lose = (r: (typeof rows)[number], why: string) => {
    orphans.set(r.rowid, why);
    there.delete(at(r.run_id, r.name, r));
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of rows) {
      if (orphans.has(r.rowid)) continue;
      let src: string[];
      try {
        src = derivationOf(r.vals).src;
      } catch (e) {
        lose(r, (e as Error).message);
        changed = true;
        continue;
      }
      const gone = src.find((s) => !there.has(at(r.run_id, s, r)));
      if (gone !== undefined) {
        lose(r, `the points ${r.first_step}–${r.last_step} of run ${r.run_id}'s ${r.name} are derived from ${gone}, whose points there were lost`);
        changed = true;
      }
    }
  }
  return [...orphans].map(([rowid, why]) => ({ rowid, why }));
}
