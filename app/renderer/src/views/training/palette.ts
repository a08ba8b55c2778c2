/**
 * Class colours of the training view (points and decision boundary): distinct hues that read on both
 * the light and the dark theme, one per class (labels beyond ten reuse them). Also small colour helpers
 * for the canvas painters.
 */
export const CLASS_COLORS = ['#f76707', '#1c7ed6', '#2f9e44', '#ae3ec9', '#e03131', '#0c8599', '#f59f00', '#5c940d', '#d6336c', '#7950f2'] as const;

/** the points of a regression set (the fitted curve is drawn in the theme's accent) */
export const REGRESSION_POINTS = CLASS_COLORS[0];

export type Rgb = [number, number, number];

export function classColor(k: number): string {
  return CLASS_COLORS[((k % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length]!;
}

/** "#rrggbb" or "rgb(r, g, b)" (what getComputedStyle gives) to [r, g, b]; black when unreadable. */
export function parseColor(css: string): Rgb {
  const s = css.trim();
  const hex = /^#([0-9a-f]{6})$/i.exec(s);
  if (hex) {
    const n = parseInt(hex[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const short = /^#([0-9a-f]{3})$/i.exec(s);
  if (short) return [...short[1]!].map((c) => parseInt(c + c, 16)) as Rgb;
  const rgb = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/i.exec(s);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return [0, 0, 0];
}

export const CLASS_RGB: Rgb[] = CLASS_COLORS.map(parseColor);

export function classRgb(k: number): Rgb {
  return CLASS_RGB[((k % CLASS_RGB.length) + CLASS_RGB.length) % CLASS_RGB.length]!;
}
