/**
 * Where the landscape sits on the canvas: the plot rectangle (equal scale in x and y, so the geometry of
 * the valleys is true), leaving margins for the axes, and the conversions between landscape coordinates
 * and canvas pixels. Pure (no DOM).
 */
export interface Bounds {
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

export interface MapGeometry {
  bounds: Bounds;
  /** plot rectangle in canvas units */
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The largest equal-scale plot inside w × h after the margins [top, right, bottom, left]. */
export function mapGeometry(bounds: Bounds, w: number, h: number, margins: [number, number, number, number]): MapGeometry {
  const [mt, mr, mb, ml] = margins;
  const xr = bounds.xmax - bounds.xmin;
  const yr = bounds.ymax - bounds.ymin;
  const availW = Math.max(10, w - ml - mr);
  const availH = Math.max(10, h - mt - mb);
  const scale = Math.min(availW / xr, availH / yr);
  const width = xr * scale;
  const height = yr * scale;
  return { bounds, left: ml + (availW - width) / 2, top: mt + (availH - height) / 2, width, height };
}

export function toPx(g: MapGeometry, x: number, y: number): [number, number] {
  const b = g.bounds;
  return [g.left + ((x - b.xmin) / (b.xmax - b.xmin)) * g.width, g.top + (1 - (y - b.ymin) / (b.ymax - b.ymin)) * g.height];
}

/** The landscape point under a canvas position, or null outside the plot. */
export function fromPx(g: MapGeometry, px: number, py: number): [number, number] | null {
  if (px < g.left || px > g.left + g.width || py < g.top || py > g.top + g.height) return null;
  const b = g.bounds;
  return [b.xmin + ((px - g.left) / g.width) * (b.xmax - b.xmin), b.ymax - ((py - g.top) / g.height) * (b.ymax - b.ymin)];
}

/** A clicked coordinate rounded to a thousandth of the view's span (clean numbers for the start). */
export function roundToView(v: number, span: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(span / 1000)));
  return Number(v.toFixed(decimals));
}
