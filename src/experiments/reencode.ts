/**
 * Re-encoding an old store's chunks on request (#15: "old stores still open; their chunks stay
 * readable and are re-encoded only when the user asks"): every chunk of a run that is not going is
 * read, decoded and written again with today's encodings (chunk-codec.ts: consecutive steps, times as
 * runs, values constant or shuffled + DEFLATE) and a CRC, when that changes it; then VACUUM gives the
 * freed pages back to the disk. Lossless: each chunk is decoded again after encoding and compared bit
 * for bit before it is written. `gradlab store reencode`.
 */
import type { Db } from './db.js';
import { chunkCrc, decodeSteps, decodeTimes, decodeValues, encodeSteps, encodeTimes, encodeValues, VALS_DERIVED } from './chunk-codec.js';
import { StoreError } from './errors.js';
import { ACTIVE_STATUSES } from './run-types.js';

interface ChunkRow {
  id: number;
  first_step: number;
  n: number;
  steps: Buffer | null;
  steps_enc: number;
  times: Buffer | null;
  times_enc: number;
  vals: Buffer;
  vals_enc: number;
  crc: number | null;
}

export interface ReencodeReport {
  /** chunks of finished runs looked at */
  chunks: number;
  /** chunks written again (their encoding or CRC changed) */
  reencoded: number;
  /** the blobs' bytes of the chunks looked at, before and after */
  blobBytesBefore: number;
  blobBytesAfter: number;
  /** the store file's size (with its WAL) before and after, when measured by the caller */
  fileBytesBefore?: number;
  fileBytesAfter?: number;
}

/** How many chunks are read and written per transaction. */
const BATCH = 200;

const len = (b: Buffer | null) => (b ? b.length : 0);
const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

export async function reencodeChunks(db: Db): Promise<ReencodeReport> {
  const report: ReencodeReport = { chunks: 0, reencoded: 0, blobBytesBefore: 0, blobBytesAfter: 0 };
  const active = ACTIVE_STATUSES.map(() => '?').join(', ');
  let after = 0;
  for (;;) {
    const rows = await db.all<ChunkRow>(
      `SELECT c.rowid AS id, c.first_step, c.n, c.steps, c.steps_enc, c.times, c.times_enc, c.vals, c.vals_enc, c.crc
         FROM chunks c JOIN series s ON s.id = c.series_id JOIN runs r ON r.id = s.run_id
        WHERE c.rowid > ? AND r.status NOT IN (${active}) ORDER BY c.rowid LIMIT ${BATCH}`,
      [after, ...ACTIVE_STATUSES],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const writes: { id: number; params: unknown[] }[] = [];
    for (const c of rows) {
      report.chunks++;
      const before = len(c.steps) + len(c.times) + len(c.vals);
      report.blobBytesBefore += before;
      const steps = decodeSteps(c.steps ?? Buffer.alloc(0), c.steps_enc, c.first_step, c.n);
      const times = decodeTimes(c.times ?? Buffer.alloc(0), c.times_enc, c.n);
      // a derived chunk (derived.ts) is as small as values get: its blob stays as it is
      const derived = c.vals_enc === VALS_DERIVED;
      const values = derived ? null : decodeValues(c.vals, c.vals_enc, c.n);
      const st = encodeSteps(steps);
      const tm = encodeTimes(times);
      const vl = values ? await encodeValues(values) : { vals: c.vals, vals_enc: VALS_DERIVED };
      // nothing written unless it reads back to the same bits
      const check = [decodeSteps(st.steps, st.steps_enc, c.first_step, c.n), decodeTimes(tm.times, tm.times_enc, c.n), values && decodeValues(vl.vals, vl.vals_enc, c.n)];
      if (!sameBits(check[0]!, steps) || !sameBits(check[1]!, times) || (values && !sameBits(check[2]!, values)))
        throw new StoreError(`chunk ${c.id}: its re-encoding does not read back to the same numbers; the store is left as it was from this chunk on`, 'STORE_DAMAGED');
      const size = st.steps.length + tm.times.length + vl.vals.length;
      const crc = chunkCrc(st.steps, tm.times, vl.vals);
      const changed = st.steps_enc !== c.steps_enc || tm.times_enc !== c.times_enc || vl.vals_enc !== c.vals_enc || size < before || c.crc === null;
      report.blobBytesAfter += changed ? size : before;
      if (changed) writes.push({ id: c.id, params: [st.steps, st.steps_enc, tm.times, tm.times_enc, vl.vals, vl.vals_enc, crc, c.id] });
    }
    if (writes.length) {
      await db.transaction(async () => {
        for (const w of writes) await db.run('UPDATE chunks SET steps = ?, steps_enc = ?, times = ?, times_enc = ?, vals = ?, vals_enc = ?, crc = ? WHERE rowid = ?', w.params as never[]);
      });
      report.reencoded += writes.length;
    }
  }
  return report;
}
