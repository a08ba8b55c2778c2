/**
 * Series colours that read on both the light and the dark theme (mid lightness, distinct hues, in an
 * order where neighbours differ most), and `fade` for the faint raw curve beside a smoothed one.
 */
export const PALETTE = ['#2f6fde', '#e0662f', '#1f9e6b', '#c2389a', '#8a63d2', '#b8901a', '#1b9bb5', '#d0434a'];

export const colorAt = (i: number): string => PALETTE[i % PALETTE.length]!;

/** `#rgb` / `#rrggbb` with an alpha, as rgba(); any other colour is returned unchanged. */
export function fade(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return color;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  const n = parseInt(hex, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
