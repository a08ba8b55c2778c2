/**
 * Numbers where room is short (graph boxes, chart axes): at most `digits` significant digits, no
 * trailing zeros, a real minus sign (U+2212), exponents for very large or small magnitudes ("1e−6").
 * Pure.
 */

export function compactNumber(v: number, digits = 4): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  let text: string;
  if (abs >= 1e5 || abs < 1e-3) {
    const [m, e] = v.toExponential(digits - 1).split('e');
    text = `${trimZeros(m!)}e${Number(e)}`;
  } else {
    text = String(Number(v.toPrecision(digits))); // 1000 stays "1000" (toPrecision(3) says "1.00e+3")
  }
  return text.replace(/-/g, '−');
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
