/**
 * Whose write-ahead log is this? SQLite applies whatever `<store>-wal` lies beside the file when it
 * opens it, so a log copied in from another store would write that store's pages over this one's. Each
 * store carries a random id in its header (`PRAGMA application_id`, bytes 68–71 of page 1, set and
 * checkpointed when a store is opened: store.ts), and nearly every log holds page 1 (any commit that
 * grows the file rewrites it). Before SQLite opens the file, this reads the file's id and the id in
 * the last valid page-1 frame of the log; two different ids, or two page sizes, mean a foreign log.
 * Frames after the first one whose salts differ from the log header's are not read (SQLite ignores
 * them too). A log without a page-1 frame, or a file whose id is still 0 (a store from before ids),
 * cannot be judged: it is taken as this store's.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

const WAL_MAGIC = new Set([0x377f0682, 0x377f0683]);
const WAL_HEADER = 32;
const FRAME_HEADER = 24;
const APP_ID_AT = 68;

function readAt(fd: number, at: number, n: number): Buffer {
  const b = Buffer.alloc(n);
  const got = readSync(fd, b, 0, n, at);
  return got === n ? b : b.subarray(0, got);
}

/** The store id in a database file's header (0: none set), or null when the file is absent or too short. */
export function fileStoreId(file: string): number | null {
  if (!existsSync(file) || statSync(file).size < 100) return null;
  const fd = openSync(file, 'r');
  try {
    return readAt(fd, APP_ID_AT, 4).readUInt32BE(0);
  } finally {
    closeSync(fd);
  }
}

/** Why `file`'s write-ahead log is another store's, or null when it is not (or cannot be told). */
export function foreignWal(file: string): string | null {
  const wal = `${file}-wal`;
  if (!existsSync(wal) || !existsSync(file)) return null;
  const size = statSync(wal).size;
  if (size < WAL_HEADER) return null;
  const fdFile = openSync(file, 'r');
  let filePageSize: number, fileId: number;
  try {
    const head = readAt(fdFile, 0, 100);
    if (head.length < 100) return null;
    const raw = head.readUInt16BE(16);
    filePageSize = raw === 1 ? 65536 : raw;
    fileId = head.readUInt32BE(APP_ID_AT);
  } finally {
    closeSync(fdFile);
  }
  const fd = openSync(wal, 'r');
  try {
    const h = readAt(fd, 0, WAL_HEADER);
    if (!WAL_MAGIC.has(h.readUInt32BE(0))) return null; // not a log SQLite would apply
    const pageSize = h.readUInt32BE(8);
    const salts = h.subarray(16, 24);
    // a log with no frame is harmless whatever its page size
    if (size < WAL_HEADER + FRAME_HEADER + pageSize) return null;
    if (pageSize !== filePageSize) return `its write-ahead log ${wal} is another store's: its pages are ${pageSize} bytes, the file's ${filePageSize}`;
    if (fileId === 0) return null;
    let walId: number | null = null;
    for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= size; at += FRAME_HEADER + pageSize) {
      const fh = readAt(fd, at, FRAME_HEADER);
      if (!fh.subarray(8, 16).equals(salts)) break;
      if (fh.readUInt32BE(0) === 1) walId = readAt(fd, at + FRAME_HEADER + APP_ID_AT, 4).readUInt32BE(0);
    }
    if (walId !== null && walId !== fileId)
      return `its write-ahead log ${wal} is another store's: it names store ${walId.toString(16)}, the file is store ${fileId.toString(16)}`;
    return null;
  } finally {
    closeSync(fd);
  }
}
