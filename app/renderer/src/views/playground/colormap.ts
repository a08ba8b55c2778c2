/**
 * The landscape's colours: f is shaded on a log scale so that flat valleys show as clearly as steep
 * walls. u = log1p((f − min) / scale) / log1p((max − min) / scale), in [0, 1], where `scale` is a low
 * quantile of f − min over the grid (the typical height near the valley floor). Pure (no DOM): tested
 * by test/node/E1b.playground-logic.test.ts.
 */
import { rampAt } from '../../charts/colorRamp.js';

export interface ShadeScale {
  /** the grid's smallest finite f */
  min: number;
  /** f − min is divided by this before log1p */
  scale: number;
  /** log1p((max − min) / scale): u = 1 at the grid's largest finite f */
  top: number;
}

/** The shading scale of a grid (non-finite values are ignored). */
export function shadeScale(values: ArrayLike<number>, quantile = 0.05): ShadeScale {
  let min = Infinity;
  let max = -Infinity;
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    finite.push(v);
  }
  if (finite.length === 0) return { min: 0, scale: 1, top: 1 };
  const range = max - min;
  if (!(range > 0)) return { min, scale: 1, top: 1 };
  finite.sort((a, b) => a - b);
  const q = finite[Math.min(finite.length - 1, Math.floor(quantile * finite.length))]! - min;
  const scale = Math.max(q, range * 1e-9);
  return { min, scale, top: Math.log1p(range / scale) };
}

/** f on the 0…1 log scale (NaN for a non-finite f). */
export function shade(f: number, s: ShadeScale): number {
  if (!Number.isFinite(f)) return NaN;
  const u = Math.log1p(Math.max(0, f - s.min) / s.scale) / s.top;
  return u > 1 ? 1 : u;
}

/** The inverse of shade: the f at u. */
export function unshade(u: number, s: ShadeScale): number {
  return s.min + s.scale * Math.expm1(u * s.top);
}

// Anchors of the ramp, low to high: deep blue valleys, teal and green slopes, warm sand peaks.
const RAMP: [number, number, number][] = [
  [13, 22, 64],
  [28, 62, 128],
  [32, 116, 158],
  [52, 160, 140],
  [128, 196, 112],
  [218, 214, 122],
  [246, 236, 200],
];

/** The ramp's colour at t in [0, 1] as [r, g, b] 0…255. */
export function rampColor(t: number): [number, number, number] {
  return rampAt(RAMP, t);
}

/** The colour of a non-finite f (a hole in the landscape). */
export const HOLE_RGBA: [number, number, number, number] = [128, 128, 128, 255];

/**
 * Paints the grid into RGBA pixels (width × height, 4 bytes each). Grid row 0 is ymin, image row 0 is
 * the top, so rows are flipped: pixel (col, height − 1 − row) is grid value values[row·width + col].
 */
export function paintHeatmap(values: ArrayLike<number>, width: number, height: number, s: ShadeScale, out: Uint8ClampedArray): void {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let k = 0; k < 256; k++) lut.set(rampColor(k / 255), k * 3);
  for (let row = 0; row < height; row++) {
    const o = (height - 1 - row) * width * 4;
    for (let col = 0; col < width; col++) {
      const u = shade(values[row * width + col]!, s);
      const p = o + col * 4;
      if (Number.isNaN(u)) {
        out[p] = HOLE_RGBA[0];
        out[p + 1] = HOLE_RGBA[1];
        out[p + 2] = HOLE_RGBA[2];
        out[p + 3] = HOLE_RGBA[3];
        continue;
      }
      const k = Math.round(u * 255) * 3;
      out[p] = lut[k]!;
      out[p + 1] = lut[k + 1]!;
      out[p + 2] = lut[k + 2]!;
      out[p + 3] = 255;
    }
  }
}
