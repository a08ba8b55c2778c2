/**
 * A CSV file the user opened in the training view: its text, the columns chosen for x, y and the label
 * (null: regression), and what src/data/csv-table.ts makes of them — the preview table, the points the
 * engine reads, the class names, or the problem with its line. Pure: no React.
 */
import { csvPoints, readCsvTable, type CsvPoints, type CsvTable } from '../../../../../src/data/csv-table';
import type { DatasetSpec } from '../../../../../src/native/schemas';

export interface CsvChoice {
  name: string;
  text: string;
  x: number;
  y: number;
  /** the label column, or null for a regression of y on x */
  label: number | null;
}

export interface CsvRead {
  table: CsvTable | null;
  points: CsvPoints | null;
  error: string | null;
}

/** The largest file kept in the form across views (sessionStorage holds a few MB). */
export const CSV_KEEP_BYTES = 2 * 1024 * 1024;
/** The largest file read at all (the engine takes up to a million rows). */
export const CSV_MAX_BYTES = 64 * 1024 * 1024;

export function readCsvChoice(c: CsvChoice | null): CsvRead {
  if (!c) return { table: null, points: null, error: null };
  let table: CsvTable;
  try {
    table = readCsvTable(c.text, c.name);
  } catch (e) {
    return { table: null, points: null, error: (e as Error).message };
  }
  try {
    const points = csvPoints(table, { x: c.x, y: c.y, ...(c.label !== null ? { label: c.label } : {}), kind: c.label === null ? 'regression' : 'classification' }, { x: 'x', y: 'y', label: 'label' });
    return { table, points, error: null };
  } catch (e) {
    return { table, points: null, error: (e as Error).message };
  }
}

/** The columns to start with for a newly opened file: as the CLI picks them (the first two numeric
 * columns; the last column as the label when there are three or more). */
export function initialChoice(name: string, text: string): CsvChoice {
  const base: CsvChoice = { name, text, x: 0, y: 1, label: null };
  let table: CsvTable;
  try {
    table = readCsvTable(text, name);
  } catch {
    return base;  // its problem shows when it is read
  }
  try {
    const p = csvPoints(table);
    const at = (col: string | undefined) => (col === undefined ? null : table.columns.indexOf(col));
    return { ...base, x: at(p.columns.x) ?? 0, y: at(p.columns.y) ?? 1, label: at(p.columns.label) };
  } catch {
    // a bad value somewhere: the same layout the CLI would use, so the problem shown is the value's
    return { ...base, label: table.columns.length >= 3 ? table.columns.length - 1 : null };
  }
}

export function csvSpec(read: CsvRead): DatasetSpec | null {
  return read.points ? { name: 'csv', kind: read.points.kind, text: read.points.text } : null;
}
