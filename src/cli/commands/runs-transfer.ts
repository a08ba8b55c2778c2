/**
 * `gradlab runs export | import`: runs leaving and entering the store.
 *   export ID --csv FILE     every point of every series (series,step,time_ms,value; export-csv.ts)
 *   export ID --bundle FILE  the run bundle (bundle.ts): config, history, points and artifacts
 *   export ID --pytorch FILE a PyTorch script that replays the run (src/export/pytorch/)
 *   import FILE              a bundle as a new run; prints the new id. A bad bundle is refused by the
 *                            store with its message (exit 2) and nothing changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { LabError } from '../../native/errors.js';
import { exportBundle, importBundle } from '../../experiments/bundle.js';
import { runCsv } from '../../experiments/export-csv.js';
import { ACTIVE_STATUSES } from '../../experiments/run-types.js';
import { pytorchScript } from '../../export/pytorch/index.js';
import { csv, json, type Format } from '../format.js';
import { withStore, type HomeArgs } from '../store-access.js';

export interface RunsExportArgs extends HomeArgs {
  csv?: string;
  bundle?: string;
  pytorch?: string;
  format: Format;
}

function fileError(option: string, file: string, e: unknown): LabError {
  return new LabError(`${option}: cannot ${option === 'FILE' ? 'read' : 'write'} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'INVALID_CONFIG');
}

function write(option: string, file: string, data: string | Buffer): void {
  try {
    writeFileSync(file, data);
  } catch (e) {
    throw fileError(option, file, e);
  }
}

export function runsExportCommand(id: number, a: RunsExportArgs): Promise<string> {
  const given = [a.csv, a.bundle, a.pytorch].filter((f) => f !== undefined).length;
  if (given !== 1) throw new LabError(`--csv, --bundle, --pytorch: give exactly one of them, got ${given}`, 'INVALID_CONFIG');
  return withStore(a, async (store) => {
    let written: { run: number; file: string; kind: string; points: number; bytes: number };
    const points = (await store.listSeries(id)).reduce((n, s) => n + s.points, 0);
    if (a.csv !== undefined) {
      const text = await runCsv(store, id);
      write('--csv', a.csv, text);
      written = { run: id, file: a.csv, kind: 'csv', points, bytes: Buffer.byteLength(text) };
    } else if (a.pytorch !== undefined) {
      const run = await store.getRun(id);
      if (ACTIVE_STATUSES.includes(run.status)) throw new LabError(`run ${id}: still ${run.status}; export it when it has ended`, 'INVALID_CONFIG');
      const out = pytorchScript(run, await store.events(id), path.basename(a.pytorch));
      write('--pytorch', a.pytorch, out.script);
      let bytes = Buffer.byteLength(out.script);
      for (const f of out.files) {
        write('--pytorch', path.join(path.dirname(a.pytorch), f.name), f.bytes);
        bytes += f.bytes.byteLength;
      }
      written = { run: id, file: a.pytorch, kind: 'pytorch', points, bytes };
    } else {
      const bytes = await exportBundle(store, id);
      write('--bundle', a.bundle!, bytes);
      written = { run: id, file: a.bundle!, kind: 'bundle', points, bytes: bytes.byteLength };
    }
    if (a.format === 'json') return json(written);
    if (a.format === 'csv') return csv(Object.keys(written), [Object.values(written)]);
    if (written.kind === 'pytorch') return `run ${id}: PyTorch script written to ${written.file} (${written.bytes} bytes); run it with python3 ${written.file} --json\n`;
    return `run ${id}: ${written.points} points written to ${written.file} (${written.kind}, ${written.bytes} bytes)\n`;
  });
}

export function runsImportCommand(file: string, a: HomeArgs & { format: Format }): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw fileError('FILE', file, e);
  }
  return withStore(a, async (store) => {
    const id = await importBundle(store, bytes);
    if (a.format === 'json') return json({ id });
    if (a.format === 'csv') return csv(['id'], [[id]]);
    return `${id}\n`;
  });
}
