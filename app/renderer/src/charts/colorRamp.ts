/**
 * A colour scale given by evenly spaced anchors, linearly interpolated: the landscape's shading
 * (playground/colormap.ts) and the sweep summary's heatmap (viridis) both read it. Pure (no DOM).
 */
export type Rgb = [number, number, number];

/** The colour at t in [0, 1] (clamped) of the ramp through `anchors`, as 0–255 integers. */
export function rampAt(anchors: readonly Rgb[], t: number): Rgb {
  const x = Math.min(1, Math.max(0, t)) * (anchors.length - 1);
  const i = Math.min(anchors.length - 2, Math.floor(x));
  const w = x - i;
  const a = anchors[i]!;
  const b = anchors[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * w), Math.round(a[1] + (b[1] - a[1]) * w), Math.round(a[2] + (b[2] - a[2]) * w)];
}

/** viridis at five anchors: dark purple (low) … yellow (high); readable by most colour-blind eyes */
export const VIRIDIS: readonly Rgb[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];
