/**
 * The GAN lab's "gan" frame taken apart (native/core/labs/gan.hpp): real points, the generator's fakes,
 * the pull on each fake, D's field on a grid and the generator's manifold, as views into the frame's
 * numbers (no copies), with the frame's bounds and the field's range.
 */
import type { GanFrameMeta } from '../../../../../src/native/gan';

export interface GanFrameData {
  step: number;
  meta: GanFrameMeta;
  data: Float32Array;
}

export interface GanPicture {
  step: number;
  meta: GanFrameMeta;
  /** x, y, x, y, … */
  real: Float32Array;
  fakes: Float32Array;
  /** −∂L_G/∂x at each fake: where the generator's loss pushes it */
  pull: Float32Array;
  /** grid × grid values, row r at y = ymin + (r + ½)·h (row 0 at the bottom) */
  field: Float32Array;
  /** rows × cols × 2: the generator's image of a grid of noise */
  manifold: Float32Array;
}

/** The frame's parts, or null when its numbers do not add up to what its meta says (a frame of another version). */
export function ganPicture(f: GanFrameData): GanPicture | null {
  const m = f.meta;
  const sizes = [2 * m.real, 2 * m.fakes, 2 * m.fakes, m.grid * m.grid, 2 * m.manifold[0] * m.manifold[1]];
  if (sizes.some((n) => !Number.isInteger(n) || n < 0) || sizes.reduce((a, b) => a + b, 0) !== f.data.length) return null;
  const parts: Float32Array[] = [];
  let at = 0;
  for (const n of sizes) {
    parts.push(f.data.subarray(at, at + n));
    at += n;
  }
  const [real, fakes, pull, field, manifold] = parts as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
  return { step: f.step, meta: m, real, fakes, pull, field, manifold };
}

/** A field value as a share of its colour scale: probabilities as they are, scores between the grid's min and max. */
export function fieldShare(p: GanPicture, v: number): number {
  if (!Number.isFinite(v)) return 0.5;
  if (p.meta.field === 'probability') return Math.min(1, Math.max(0, v));
  const lo = p.meta.field_min ?? 0;
  const hi = p.meta.field_max ?? 1;
  return hi > lo ? (v - lo) / (hi - lo) : 0.5;
}

/** The longest pull, for scaling the arrows so the longest is a fixed length on screen (0 when none). */
export function longestPull(p: GanPicture): number {
  let top = 0;
  for (let i = 0; i + 1 < p.pull.length; i += 2) {
    const n = Math.hypot(p.pull[i]!, p.pull[i + 1]!);
    if (Number.isFinite(n)) top = Math.max(top, n);
  }
  return top;
}
