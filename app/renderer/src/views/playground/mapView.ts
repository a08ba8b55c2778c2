/**
 * The part of the landscape the map shows: zoom about a point (the wheel under the cursor, or the
 * centre for the buttons and keys), pan by a drag or the arrow keys, or a range typed in. The engine
 * evaluates the grid over whatever range this gives (landscape/grid's bounds), so a zoomed map stays
 * sharp. Pure (no DOM): tested by test/node/E1b.playground-logic.test.ts.
 */
import type { Bounds } from './mapGeometry.js';

/** The narrowest and widest spans a view may have (float64 keeps ~15 digits; beyond 1e6 the races diverge anyway). */
export const MIN_SPAN = 1e-6;
export const MAX_SPAN = 1e6;
/** |coordinate| limit of a view's edges */
export const MAX_COORD = 1e7;

const clampSpan = (span: number) => Math.min(MAX_SPAN, Math.max(MIN_SPAN, span));

/**
 * The view zoomed by `factor` (> 1 zooms in) about (cx, cy): that point stays where it is on the map.
 * Both spans scale alike (the map keeps its aspect), within [MIN_SPAN, MAX_SPAN].
 */
export function zoomAbout(b: Bounds, cx: number, cy: number, factor: number): Bounds {
  const w = b.xmax - b.xmin;
  const h = b.ymax - b.ymin;
  // one factor for both axes, limited so that neither span leaves its bounds
  const f = Math.min(Math.max(factor, Math.max(w, h) / MAX_SPAN), Math.min(w, h) / MIN_SPAN);
  const nw = clampSpan(w / f);
  const nh = clampSpan(h / f);
  const ux = (cx - b.xmin) / w;
  const uy = (cy - b.ymin) / h;
  return { xmin: cx - ux * nw, xmax: cx + (1 - ux) * nw, ymin: cy - uy * nh, ymax: cy + (1 - uy) * nh };
}

/** The view moved by (dx, dy) in landscape units. */
export function panBy(b: Bounds, dx: number, dy: number): Bounds {
  return { xmin: b.xmin + dx, xmax: b.xmax + dx, ymin: b.ymin + dy, ymax: b.ymax + dy };
}

export type RangeField = 'xmin' | 'xmax' | 'ymin' | 'ymax';
export type RangeErrors = Partial<Record<RangeField | 'x' | 'y', string>>;

/**
 * A typed range: four numbers with min < max on each axis and spans within [MIN_SPAN, MAX_SPAN]; the
 * errors are English sentences keyed by field (the view shows them through its strings).
 */
export function readRange(text: Record<RangeField, string>): { bounds: Bounds } | { errors: RangeErrors } {
  const errors: RangeErrors = {};
  const v = {} as Record<RangeField, number>;
  for (const k of ['xmin', 'xmax', 'ymin', 'ymax'] as const) {
    const n = text[k].trim() === '' ? NaN : Number(text[k]);
    if (!Number.isFinite(n)) errors[k] = 'number';
    else if (Math.abs(n) > MAX_COORD) errors[k] = 'coord';
    v[k] = n;
  }
  for (const axis of ['x', 'y'] as const) {
    const lo = v[`${axis}min`],
      hi = v[`${axis}max`];
    if (errors[`${axis}min`] || errors[`${axis}max`]) continue;
    if (!(lo < hi)) errors[axis] = 'order';
    else if (hi - lo < MIN_SPAN || hi - lo > MAX_SPAN) errors[axis] = 'span';
  }
  return Object.keys(errors).length ? { errors } : { bounds: v };
}

/** Whether two views are the same range (the engine's grid comes back with the bounds it was asked for). */
export function sameBounds(a: Bounds | null, b: Bounds | null): boolean {
  return a === b || (!!a && !!b && a.xmin === b.xmin && a.xmax === b.xmax && a.ymin === b.ymin && a.ymax === b.ymax);
}

/** A view's edges as short text for the range fields (6 significant digits, no trailing zeros). */
export function rangeText(b: Bounds): Record<RangeField, string> {
  const s = (v: number) => String(Number(v.toPrecision(6)));
  return { xmin: s(b.xmin), xmax: s(b.xmax), ymin: s(b.ymin), ymax: s(b.ymax) };
}
