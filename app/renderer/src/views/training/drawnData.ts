/**
 * Points the user draws on the plot, and the CSV text the engine reads for them
 * (native/core/data/csv.hpp: a header "x,y,label", then one "x,y,label" line per point, labels 0 … 99,
 * finite numbers). The drawing area is a fixed square so the points keep their places between runs.
 */
export interface DrawnPoint {
  x: number;
  y: number;
  label: number;
}

export const DRAW_VIEW = { xmin: -1.25, xmax: 1.25, ymin: -1.25, ymax: 1.25 } as const;
/** classes offered while drawing */
export const DRAW_CLASSES = 4;
export const MIN_DRAWN_POINTS = 4;

export function drawnCsv(points: readonly DrawnPoint[]): string {
  const lines = points.map((p) => `${round(p.x)},${round(p.y)},${p.label}`);
  return `x,y,label\n${lines.join('\n')}${lines.length ? '\n' : ''}`;
}

/** Four decimals: finer than a pixel on any screen, and the same number the engine reads back. */
function round(v: number): string {
  return String(Math.round(v * 1e4) / 1e4);
}

/** Whether a drawn set can be trained on: enough points, and at least two classes among them. */
export function drawnReady(points: readonly DrawnPoint[]): boolean {
  return points.length >= MIN_DRAWN_POINTS && new Set(points.map((p) => p.label)).size >= 2;
}
