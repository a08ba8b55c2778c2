/**
 * The CSV flags `gradlab dataset csv` and `gradlab train --dataset csv` share: --csv FILE and the
 * columns --x, --y, --label (a header name or a 0-based index), read through src/data/csv-table.ts into
 * the engine's {name: "csv", kind, text} and the class names.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';

import { csvPoints, readCsvTable, type CsvPoints } from '../data/csv-table.js';
import { LabError } from '../native/errors.js';
import type { DatasetSpec } from '../native/index.js';

export interface CsvArgs {
  csv?: string;
  x?: string;
  y?: string;
  label?: string;
  kind?: 'classification' | 'regression';
}

/** Adds --x, --y and --label (the command adds --csv and --kind in its own words). */
export function addColumnOptions(cmd: Command): Command {
  return cmd
    .option('--x <column>', 'with a CSV: the first feature, a header name or a 0-based index (default: the first numeric column)')
    .option('--y <column>', 'with a CSV: the second feature, or the target of a regression (default: the next numeric column)')
    .option('--label <column>', 'with a CSV: the class labels, numbers or text (default: the last column when there are 3 or more)');
}

/** Refuses the column flags without a CSV. */
export function refuseColumnsWithout(a: CsvArgs, dataset: string): void {
  for (const [flag, v] of [['--x', a.x], ['--y', a.y], ['--label', a.label]] as const)
    if (v !== undefined) throw new LabError(`${flag}: only with a CSV file (--dataset csv --csv FILE), not with ${dataset}`, 'INVALID_CONFIG');
}

/** The CSV named by --csv as the engine's spec, with the points and the class names it made. */
export function readCsvArgs(a: CsvArgs, extra: Record<string, number> = {}): { spec: DatasetSpec; points: CsvPoints } {
  if (!a.csv) throw new LabError('--csv: give the file, e.g. --csv points.csv', 'INVALID_CONFIG');
  let text: string;
  try {
    text = readFileSync(a.csv, 'utf8');
  } catch (e) {
    throw new LabError(`--csv: cannot read ${a.csv}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'INVALID_CONFIG');
  }
  const points = csvPoints(readCsvTable(text, a.csv), {
    ...(a.x !== undefined ? { x: a.x } : {}),
    ...(a.y !== undefined ? { y: a.y } : {}),
    ...(a.label !== undefined ? { label: a.label } : {}),
    ...(a.kind ? { kind: a.kind } : {}),
  });
  return { spec: { name: 'csv', kind: points.kind, text: points.text, ...extra } as DatasetSpec, points };
}
