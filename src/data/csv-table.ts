/**
 * People's CSV files as the training lab reads them: RFC 4180 text (quoted fields, a UTF-8 BOM, CRLF
 * or LF line ends) parsed by papaparse, the separator detected (tab, `;`, `,` or `|`), decimal commas
 * where `;` or tab separates, a header line recognised, then two feature columns and a label column
 * picked by header name or 0-based index, and string labels mapped to classes.
 *
 *   readCsvTable(text, source)    → the table: header, rows as text, each row's line number
 *   csvPoints(table, columns, …)  → the chosen columns as numbers, class names, and the plain
 *                                   "x,y,label" text the engine reads (native/core/data/csv.hpp)
 *
 * Every problem is a LabError INVALID_CONFIG naming the source, the line and the column, e.g.
 *   iris.csv: line 7, column "sepal_width": expected a number, got "n/a"
 * Pure: no Node or DOM imports (the CLI and the renderer share it).
 */
import Papa from 'papaparse';

import { LabError } from '../native/errors.js';

export interface CsvTable {
  /** where the text came from, for messages (a path or a file name) */
  source: string;
  /** the first line's fields when it is a header, else null */
  header: string[] | null;
  /** a name per column: the header's, or "column 1", "column 2", … */
  columns: string[];
  /** the data rows, fields trimmed, all as wide as the first */
  rows: string[][];
  /** the 1-based line each data row starts on */
  lines: number[];
  delimiter: ',' | ';' | '\t' | '|';
  /** numbers are written with a decimal comma (5,1): only where `;` or tab separates */
  decimalComma: boolean;
}

/** A column as given on the command line or picked in the UI: its header name or its 0-based index. */
export type ColumnRef = string | number;

export interface CsvColumns {
  x?: ColumnRef;
  y?: ColumnRef;
  label?: ColumnRef;
  /** default: classification when there is a label column (given, or the last of 3 or more), else regression */
  kind?: 'classification' | 'regression';
}

export interface CsvPoints {
  kind: 'classification' | 'regression';
  /** the names of the columns used */
  columns: { x: string; y: string; label?: string };
  x: number[];
  y: number[];
  /** class indices (classification) */
  labels?: number[];
  /** a name per class: the label text (strings sorted), or "0" … "K−1" for integer labels */
  classNames?: string[];
  /** "x,y,label" (or "x,y") lines for the engine's {name: "csv", text} */
  text: string;
}

export const CSV_MAX_CLASSES = 100;
const MAX_PREVIEW_LINES = 50;
const SEPARATORS = ['\t', ';', ',', '|'] as const;

const fail = (message: string): never => {
  throw new LabError(message, 'INVALID_CONFIG');
};

/** A number as people write it: 3, -0.5, 1e-3; with decimalComma also 0,5. Null for anything else. */
export function csvNumber(field: string, decimalComma: boolean): number | null {
  const t = (decimalComma ? field.replace(',', '.') : field).trim();
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Splits the first lines with each candidate separator; the first (tab, `;`, `,`, `|`) that gives the
 * same number (≥ 2) of fields on every sampled line wins, else `,`. */
function detectDelimiter(text: string): CsvTable['delimiter'] {
  const sample = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, MAX_PREVIEW_LINES).join('\n');
  for (const d of SEPARATORS) {
    const parsed = Papa.parse<string[]>(sample, { delimiter: d, skipEmptyLines: 'greedy' });
    const widths = new Set(parsed.data.map((r) => r.length));
    if (parsed.data.length > 0 && widths.size === 1 && [...widths][0]! >= 2) return d;
  }
  return ',';
}

/** The text as a table (see the top of the file). Throws LabError naming `source` and the line. */
export function readCsvTable(text: string, source: string): CsvTable {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') fail(`${source}: the file is empty; expected lines of comma-separated values`);
  const delimiter = detectDelimiter(body);
  const rows: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let at = 0;
  let problem: string | null = null;
  // one row at a time, to know the line each starts on (a quoted field may span lines)
  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: 'greedy',
    step: (r, parser) => {
      const end = r.meta.cursor;
      const chunk = body.slice(at, end);
      const lead = chunk.length - chunk.replace(/^[\r\n\s]*/, '').length;  // blank lines before the row
      const start = line + countBreaks(chunk.slice(0, lead));
      line += countBreaks(chunk);
      at = end;
      if (r.errors.length > 0) {
        problem = `${source}: line ${start}: ${describeParseError(r.errors[0]!.code)}`;
        parser.abort();
        return;
      }
      rows.push(r.data.map((f) => f.trim()));
      lines.push(start);
    },
  });
  if (problem) fail(problem);
  if (rows.length === 0) fail(`${source}: no data lines`);
  const decimalComma = delimiter !== ',' && rows.some((r) => r.some((f) => /^[+-]?\d+,\d+$/.test(f)));
  const isNum = (f: string | undefined) => f !== undefined && csvNumber(f, decimalComma) !== null;
  const first = rows[0]!;
  const second = rows[1];
  const headerLike =
    (rows.length === 1 && first.every((f) => !isNum(f))) ||
    (rows.length >= 2 && (first.some((f, i) => !isNum(f) && isNum(second![i])) || (first.every((f) => !isNum(f)) && second!.some((f) => isNum(f)))));
  const header = headerLike ? first : null;
  const dataRows = headerLike ? rows.slice(1) : rows;
  const dataLines = headerLike ? lines.slice(1) : lines;
  const width = first.length;
  dataRows.forEach((r, i) => {
    if (r.length !== width)
      fail(`${source}: line ${dataLines[i]}: expected ${width} fields like line ${lines[0]}, got ${r.length}${delimiter === '\t' ? ' (tab-separated)' : ` (separated by "${delimiter}")`}`);
  });
  if (dataRows.length === 0) fail(`${source}: only a header line, no data`);
  if (header) {
    const seen = new Set<string>();
    header.forEach((h, i) => {
      if (h !== '' && seen.has(h)) fail(`${source}: line ${lines[0]}: the header names "${h}" twice (columns ${header.indexOf(h)} and ${i})`);
      seen.add(h);
    });
  }
  const columns = first.map((_, i) => (header && header[i] !== '' ? header[i]! : `column ${i + 1}`));
  return { source, header, columns, rows: dataRows, lines: dataLines, delimiter, decimalComma };
}

function countBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\n') n++;
    else if (s[i] === '\r' && s[i + 1] !== '\n') n++;
  }
  return n;
}

function describeParseError(code: string): string {
  if (code === 'MissingQuotes') return 'a quoted field is never closed (a " is missing)';
  if (code === 'InvalidQuotes') return 'a field has a stray " (quote whole fields: "a ""b"" c")';
  return `cannot read the line (${code})`;
}

/** The index of a column given by name or 0-based index; `flag` names the option in messages. */
export function columnIndex(table: CsvTable, ref: ColumnRef, flag: string): number {
  const asIndex = typeof ref === 'number' ? ref : /^\d+$/.test(ref.trim()) ? Number(ref.trim()) : null;
  const names = table.columns.map((c) => JSON.stringify(c)).join(', ');
  if (asIndex !== null) {
    if (asIndex >= 0 && asIndex < table.columns.length && Number.isInteger(asIndex)) {
      // a header may itself be named "0": a name wins over an index
      const byName = table.header?.indexOf(String(ref).trim()) ?? -1;
      return byName >= 0 ? byName : asIndex;
    }
    return fail(`${flag}: column ${String(ref)} is out of range; ${table.source} has ${table.columns.length} columns (0 … ${table.columns.length - 1}): ${names}`);
  }
  const name = String(ref).trim();
  const i = table.header ? table.header.indexOf(name) : -1;
  if (i < 0) {
    const folded = table.header ? table.header.findIndex((h) => h.toLowerCase() === name.toLowerCase()) : -1;
    if (folded >= 0) return folded;
    fail(table.header
      ? `${flag}: no column named "${name}" in ${table.source}; its columns are ${names} (or give a 0-based index)`
      : `${flag}: ${table.source} has no header line, so give a 0-based column index (0 … ${table.columns.length - 1}), not "${name}"`);
  }
  return i;
}

/** The chosen columns as points (see the top of the file). */
export function csvPoints(table: CsvTable, cols: CsvColumns = {}, flags = { x: '--x', y: '--y', label: '--label' }): CsvPoints {
  const width = table.columns.length;
  const numericAt = (i: number) => csvNumber(table.rows[0]![i]!, table.decimalComma) !== null;
  const kind = cols.kind ?? (cols.label !== undefined || width >= 3 ? 'classification' : 'regression');
  if (width < 2) fail(`${table.source}: expected at least 2 columns (x and y), got 1; is the separator one of , ; tab |?`);
  let labelCol: number | undefined;
  if (kind === 'classification') {
    labelCol = cols.label !== undefined ? columnIndex(table, cols.label, flags.label) : width - 1;
    if (cols.label === undefined && width < 3)
      fail(`${table.source}: classification needs two feature columns and a label column; it has ${width} (give --label, or train it as regression)`);
  } else if (cols.label !== undefined) {
    fail(`${flags.label}: a regression data set has no label column (x and y only); leave ${flags.label} out or use classification`);
  }
  const free = [...Array(width).keys()].filter((i) => i !== labelCol);
  const numericFree = free.filter(numericAt);
  // unnamed features: the first columns (other than the label and each other) that hold numbers
  const pick = (ref: ColumnRef | undefined, flag: string, taken: number[]) => {
    if (ref !== undefined) return columnIndex(table, ref, flag);
    const left = (numericFree.length >= 2 ? numericFree : free).filter((i) => !taken.includes(i));
    return left[0] ?? fail(`${flag}: ${table.source} has no column left for it; give ${flag} COLUMN`);
  };
  const xCol = pick(cols.x, flags.x, []);
  const yCol = pick(cols.y, flags.y, [xCol]);
  if (xCol === yCol) fail(`${flags.y}: the same column as ${flags.x} ("${table.columns[xCol]}"); pick two different columns`);
  if (labelCol !== undefined && (labelCol === xCol || labelCol === yCol))
    fail(`${flags.label}: "${table.columns[labelCol]}" is also ${labelCol === xCol ? flags.x : flags.y}; the label must be a column of its own`);
  const number = (r: number, c: number) => {
    const v = csvNumber(table.rows[r]![c]!, table.decimalComma);
    if (v === null)
      return fail(`${table.source}: line ${table.lines[r]}, column "${table.columns[c]}": expected a number, got ${JSON.stringify(table.rows[r]![c])}${table.rows[r]![c]!.includes(',') && !table.decimalComma ? ' (a decimal comma? separate the fields with ; then)' : ''}`);
    if (Math.abs(v) > 3.4e38) return fail(`${table.source}: line ${table.lines[r]}, column "${table.columns[c]}": ${v} is too large (at most 3.4e38)`);
    return v;
  };
  const n = table.rows.length;
  if (n < 2) fail(`${table.source}: expected at least 2 data lines, got ${n}`);
  if (n > 1_000_000) fail(`${table.source}: ${n} data lines; at most 1000000`);
  const x = table.rows.map((_, r) => number(r, xCol));
  const y = table.rows.map((_, r) => number(r, yCol));
  const columns = { x: table.columns[xCol]!, y: table.columns[yCol]! };
  if (kind === 'regression') {
    return { kind, columns, x, y, text: x.map((v, i) => `${v},${y[i]}`).join('\n') + '\n' };
  }
  const raw = table.rows.map((r) => r[labelCol!]!);
  raw.forEach((v, r) => {
    if (v === '') fail(`${table.source}: line ${table.lines[r]}, column "${table.columns[labelCol!]}": the label is empty`);
  });
  const integers = raw.every((v) => /^\d+$/.test(v) && Number(v) < CSV_MAX_CLASSES);
  let labels: number[];
  let classNames: string[];
  if (integers) {
    labels = raw.map(Number);
    const k = Math.max(...labels) + 1;
    classNames = [...Array(k).keys()].map(String);
  } else {
    classNames = [...new Set(raw)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (classNames.length > CSV_MAX_CLASSES)
      fail(`${table.source}: column "${table.columns[labelCol!]}" has ${classNames.length} different labels; at most ${CSV_MAX_CLASSES} classes (is it a feature column? pick the label with --label)`);
    const index = new Map(classNames.map((c, i) => [c, i]));
    labels = raw.map((v) => index.get(v)!);
  }
  if (classNames.length < 2) fail(`${table.source}: column "${table.columns[labelCol!]}" holds one class only ("${classNames[0]}"); a classifier needs at least 2`);
  return {
    kind,
    columns: { ...columns, label: table.columns[labelCol!]! },
    x,
    y,
    labels,
    classNames,
    text: x.map((v, i) => `${v},${y[i]},${labels[i]}`).join('\n') + '\n',
  };
}
