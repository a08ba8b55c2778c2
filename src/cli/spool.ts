/**
 * A column spool: rows of a few float64 columns appended to a temporary file as a run produces them
 * and read back one column at a time, so a long run's points never sit in memory (a 10 000 000-step
 * race's JSON output goes through one per optimizer). Rows are packed row-major in blocks; reading a
 * column walks the file once in 1 MiB slices. The file is deleted by close().
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const READ_BYTES = 1 << 20;

export class ColumnSpool {
  private readonly dir: string;
  private readonly fd: number;
  private count = 0;

  constructor(readonly columns: number) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'gradlab-spool-'));
    this.fd = openSync(path.join(this.dir, 'rows.f64'), 'w+');
  }

  get rows(): number {
    return this.count;
  }

  /** Appends `rows` rows: cols[c][i] is column c of row i. */
  append(cols: ArrayLike<number>[], rows: number): void {
    if (rows === 0) return;
    const block = new Float64Array(rows * this.columns);
    for (let c = 0; c < this.columns; c++) {
      const col = cols[c]!;
      for (let i = 0; i < rows; i++) block[i * this.columns + c] = col[i]!;
    }
    const bytes = new Uint8Array(block.buffer);
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off, this.count * this.columns * 8 + off);
    this.count += rows;
  }

  /** Column `c`'s values in row order, a slice at a time. */
  *column(c: number): Generator<Float64Array> {
    const rowBytes = this.columns * 8;
    const rowsPerRead = Math.max(1, Math.floor(READ_BYTES / rowBytes));
    const buf = new Float64Array(rowsPerRead * this.columns);
    const bytes = new Uint8Array(buf.buffer);
    for (let first = 0; first < this.count; first += rowsPerRead) {
      const n = Math.min(rowsPerRead, this.count - first);
      let got = 0;
      while (got < n * rowBytes) {
        const r = readSync(this.fd, bytes, got, n * rowBytes - got, first * rowBytes + got);
        if (r === 0) throw new Error(`the spool file ended early at row ${first}`);
        got += r;
      }
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = buf[i * this.columns + c]!;
      yield out;
    }
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
