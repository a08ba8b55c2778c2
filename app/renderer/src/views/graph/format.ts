/**
 * Numbers as the graph shows them: at most 4 significant digits, no trailing zeros, a real minus sign
 * (U+2212), exponents for very large or small magnitudes. parseShown() reads such a text back (tests).
 */

export function formatNumber(v: number, digits = 4): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  let text: string;
  if (abs >= 1e5 || abs < 1e-3) {
    const [m, e] = v.toExponential(digits - 1).split('e');
    text = `${trimZeros(m!)}e${Number(e)}`;
  } else {
    text = trimZeros(v.toPrecision(digits));
  }
  return text.replace(/-/g, '−');
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function parseShown(text: string): number {
  return Number(text.trim().replace(/−/g, '-').replace('∞', 'Infinity'));
}

/** "[1, 3]" for a tensor's shape; "scalar" shapes ([]) are shown by the caller in words. */
export function formatShape(shape: number[]): string {
  return `[${shape.join(', ')}]`;
}
