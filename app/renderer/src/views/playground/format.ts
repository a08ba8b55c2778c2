/**
 * Numbers as the numbers panel shows them: 6 significant digits (enough to check against the engine),
 * exponent form for very small or large values, a true minus sign, and words for NaN / ±∞. Pure.
 */
export const SIGNIFICANT = 6;

export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a >= 1e-4 && a < 1e6 ? v.toPrecision(SIGNIFICANT) : v.toExponential(SIGNIFICANT - 1);
  return s.replace(/^-/, '−');
}

/** Reads back what formatNumber wrote (for tests and copy-paste): "−1.50000e-3" → -0.0015. */
export function parseShown(s: string): number {
  const t = s.trim().replace(/−/g, '-');
  if (t === '∞') return Infinity;
  if (t === '-∞') return -Infinity;
  return Number(t);
}
