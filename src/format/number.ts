/**
 * How Gradient Lab writes numbers for people: one formatter, a few styles (pure TypeScript, no Node or
 * DOM, so the CLI and the renderer both import it).
 *
 *   compactNumber(v, digits = 4)   where room is short (graph boxes, chart ticks): at most `digits`
 *                                  significant digits, no trailing zeros, a real minus sign (U+2212)
 *                                  in the number and its exponent, "1e−6", "2.5e5"; ∞ and −∞
 *   fixedSignificant(v, digits = 6) the playground's numbers panel: exactly `digits` significant digits
 *                                  ("0.00100000"), exponent form below 1e−4 and from 1e6 ("1.23457e-7")
 *   tableNumber(v)                 the app's run table: 4 significant digits, integers below 1e6 whole,
 *                                  exponent form below 1e−3 and from 1e6 ("1.235e-5", "2.5e+7"), ASCII
 *                                  signs so the text reads back with Number(); ∞ and −∞
 *   plainNumber(v)                 the CLI: up to 6 significant digits, integers below 1e9 whole,
 *                                  "1.2346e-7" below 1e−4 and from 1e9, ASCII only, NaN / Infinity /
 *                                  -Infinity spelled out
 *   significantText(v, digits)     `v` rounded to `digits` significant digits in JavaScript's shortest
 *                                  form (0.1 + 0.2 → "0.3", 1234567 → "1235000"): run names, durations
 *
 * All of them are one routine, `formatNumber(v, style)`, with the style spelled out in `NumberStyle`.
 * Zero (and −0) is always "0"; NaN is always "NaN".
 */

export interface NumberStyle {
  /** significant digits in plain notation */
  digits: number;
  /** significant digits in exponent notation (default: `digits`) */
  exponentDigits?: number;
  /** drop trailing zeros: everywhere ("all"), in plain notation only ("plain", the mantissa keeps them), or nowhere ("none") */
  trim: 'all' | 'plain' | 'none';
  /** magnitudes below `small` (zero aside) or from `large` up are written with an exponent */
  small: number;
  large: number;
  /** integers of magnitude below this are written whole, whatever `digits` says (0: none are) */
  wholeBelow: number;
  /** the number's own minus sign: ASCII "-" (text that must read back as a number) or "−" (U+2212) */
  minus: '-' | '−';
  /** the exponent: "e+7" / "e-7" as JavaScript writes it, or "e7" / "e−7" (no plus, U+2212) */
  exponent: 'js' | 'typographic';
  /** how +∞ and −∞ are written */
  infinity: readonly [string, string];
}

const SYMBOLS = ['∞', '−∞'] as const;
const WORDS = ['Infinity', '-Infinity'] as const;

export const COMPACT: NumberStyle = { digits: 4, trim: 'all', small: 1e-3, large: 1e5, wholeBelow: 0, minus: '−', exponent: 'typographic', infinity: SYMBOLS };
export const FIXED: NumberStyle = { digits: 6, trim: 'none', small: 1e-4, large: 1e6, wholeBelow: 0, minus: '−', exponent: 'js', infinity: SYMBOLS };
export const TABLE: NumberStyle = { digits: 4, trim: 'all', small: 1e-3, large: 1e6, wholeBelow: 1e6, minus: '-', exponent: 'js', infinity: SYMBOLS };
export const PLAIN: NumberStyle = { digits: 6, exponentDigits: 5, trim: 'plain', small: 1e-4, large: 1e9, wholeBelow: 1e9, minus: '-', exponent: 'js', infinity: WORDS };

/** `v` rounded to `digits` significant digits, written as JavaScript writes numbers (shortest form). */
export function significantText(v: number, digits: number): string {
  return String(Number(v.toPrecision(digits)));
}

export function formatNumber(v: number, style: NumberStyle): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? style.infinity[0] : style.infinity[1];
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < style.wholeBelow) return sign(String(v), style);
  if (a < style.small || a >= style.large) {
    const [m, e] = v.toExponential((style.exponentDigits ?? style.digits) - 1).split('e') as [string, string];
    const mantissa = style.trim === 'all' && m.includes('.') ? m.replace(/\.?0+$/, '') : m;
    const exponent = style.exponent === 'js' ? e : String(Number(e)).replace('-', '−');
    return sign(`${mantissa}e${exponent}`, style);
  }
  // plain notation: toPrecision keeps trailing zeros (and may itself switch to an exponent, 999999.7 →
  // "1.00000e+6"); the trimmed form goes through Number, which never does in this range
  return sign(style.trim === 'none' ? v.toPrecision(style.digits) : significantText(v, style.digits), style);
}

/** The number's leading minus in the style's sign; the exponent's was written already. */
function sign(text: string, style: NumberStyle): string {
  return style.minus === '−' ? text.replace(/^-/, '−') : text;
}

export function compactNumber(v: number, digits = COMPACT.digits): string {
  return formatNumber(v, digits === COMPACT.digits ? COMPACT : { ...COMPACT, digits });
}

export function fixedSignificant(v: number, digits = FIXED.digits): string {
  return formatNumber(v, digits === FIXED.digits ? FIXED : { ...FIXED, digits });
}

/** A run-table cell: "" for a missing value. */
export function tableNumber(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : formatNumber(v, TABLE);
}

/** A size on disk in decimal units: "812 B", "12.3 kB", "4.56 MB", "1.23 GB" (three significant digits). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let u = 0;
  let v = n;
  while (v >= 999.5 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${Number(v.toPrecision(3))} ${units[u]}`;
}

export function plainNumber(v: number): string {
  return formatNumber(v, PLAIN);
}

/** Reads back what these write (for tests and copy-paste): "−1.50000e-3" → -0.0015, "1e−6", "−∞", "Infinity". */
export function parseShown(s: string): number {
  const t = s.trim().replace(/−/g, '-');
  if (t === '∞') return Infinity;
  if (t === '-∞') return -Infinity;
  return Number(t);
}
