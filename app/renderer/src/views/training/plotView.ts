/**
 * The mapping between data coordinates and canvas pixels for the training view's plot: a view (xmin…
 * ymax) fitted into a width × height box with y pointing up, and back (for clicks while drawing).
 */
export interface Bounds {
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

export interface PlotView {
  bounds: Bounds;
  width: number;
  height: number;
  toPx(x: number, y: number): [number, number];
  toData(px: number, py: number): [number, number];
}

export function plotView(bounds: Bounds, width: number, height: number): PlotView {
  const sx = width / (bounds.xmax - bounds.xmin);
  const sy = height / (bounds.ymax - bounds.ymin);
  return {
    bounds,
    width,
    height,
    toPx: (x, y) => [(x - bounds.xmin) * sx, (bounds.ymax - y) * sy],
    toData: (px, py) => [bounds.xmin + px / sx, bounds.ymax - py / sy],
  };
}

/** The union of two views (the drawing area and the engine's view of the drawn points). */
export function unionBounds(a: Bounds, b: Bounds): Bounds {
  return { xmin: Math.min(a.xmin, b.xmin), xmax: Math.max(a.xmax, b.xmax), ymin: Math.min(a.ymin, b.ymin), ymax: Math.max(a.ymax, b.ymax) };
}
