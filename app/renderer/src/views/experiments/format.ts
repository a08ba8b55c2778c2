/**
 * How the run table writes values, durations and dates: short but honest (numbers as `tableNumber` in
 * src/format/number.ts writes them: 4 significant digits, NaN and ±∞ spelled out; the exact value in the
 * cell's title), dates in the UI's language.
 */
import { tableNumber } from '../../../../../src/format/number';
import type { Lang } from '../../i18n/strings';

export function fmtValue(v: unknown): string {
  if (typeof v === 'number') return tableNumber(v);
  if (v === null || v === undefined) return '';
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 38)}…` : s;
}

export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s - 60 * m)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function fmtMsPerStep(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toPrecision(2);
}

/** Today: the time only; another day: the date and time. */
export function fmtDate(at: number, lang: Lang, now = Date.now()): string {
  const d = new Date(at);
  const today = new Date(now).toDateString() === d.toDateString();
  const opts: Intl.DateTimeFormatOptions = today ? { hour: '2-digit', minute: '2-digit', hour12: false } : { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false };
  return new Intl.DateTimeFormat(lang, opts).format(d);
}

export function fmtFullDate(at: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at));
}
