/** Axis ticks: round values (1, 2, 5 × 10ᵏ) inside a range, and their labels. Pure (no DOM). */

/** The step between ticks for about `target` ticks over [lo, hi]. */
export function tickStep(lo: number, hi: number, target: number): number {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

/** Tick values in [lo, hi] at multiples of the step (exact decimals, no 0.30000000000000004). */
export function niceTicks(lo: number, hi: number, target = 5): number[] {
  const step = tickStep(lo, hi, target);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(Number((k * step).toFixed(decimals)));
  return out;
}

/** A tick's label: as few digits as the step needs ("−1.5", "2", "0.25"), with a true minus sign. */
export function tickLabel(v: number): string {
  const s = String(Object.is(v, -0) ? 0 : v);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}
