/**
 * Output formats shared by every `gradlab` command: an aligned text table, CSV (RFC 4180 quoting) and
 * JSON (NaN/Infinity become null, as JSON has no such numbers).
 */
import { plainNumber } from '../format/number.js';

export type Format = 'table' | 'csv' | 'json';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json'];

export type Cell = string | number | boolean | null | undefined;

/** Cells for people: numbers as `plainNumber` writes them (src/format/number.ts: up to 6 significant
 * digits, NaN/Infinity spelled out), null and undefined empty, the rest as text. */
export function human(v: Cell): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? plainNumber(v) : String(v);
}

export function table(headers: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map(human));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n') + '\n';
}

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(headers: string[], rows: Cell[][]): string {
  return [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

export function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
