/**
 * Paints the training lab's "prediction" frames (native/core/labs/prediction_grid.hpp) as pixels:
 *   [size, size, K]  class probabilities (cross-entropy)   [size, size, 1]  p(class 1) (bce)
 * Cell (r, c) is at x = lerp(xmin, xmax, c/(size−1)), y = lerp(ymin, ymax, r/(size−1)); row 0 is the
 * bottom, so it becomes the image's last row. Each cell gets the class colours blended by their
 * probabilities, laid over the background with an opacity that grows with the confidence
 * (max p − 1/K) / (1 − 1/K): sure regions are strong, the boundary between classes is pale.
 * The 1-D frames of regression ([size]: the predicted y along x) are drawn as a curve by the plot.
 */
import { classRgb, type Rgb } from './palette';
import type { Bounds } from './plotView';

export interface PredictionFrameData {
  step: number;
  shape: number[];
  data: Float32Array;
  meta: { loss?: string; classes?: number; epoch?: number; bounds: Bounds };
}

const MIN_ALPHA = 0.08;
const MAX_ALPHA = 0.5;

/** Whether a frame is a 2-D class grid (else a 1-D curve). */
export function isGridFrame(f: Pick<PredictionFrameData, 'shape'>): boolean {
  return f.shape.length === 3 && f.shape[0] === f.shape[1];
}

/** The probabilities of cell i into `p` (length K; for bce K = 2 from p(class 1)). Returns K. */
export function cellProbabilities(f: PredictionFrameData, i: number, p: Float64Array): number {
  const depth = f.shape[2] ?? 1;
  if (depth === 1) {
    const p1 = f.data[i]!;
    p[0] = 1 - p1;
    p[1] = p1;
    return 2;
  }
  for (let k = 0; k < depth; k++) p[k] = f.data[i * depth + k]!;
  return depth;
}

/** Writes size × size RGBA pixels (top row = ymax) for a grid frame into `out` (length size²·4). */
export function paintBoundary(f: PredictionFrameData, background: Rgb, out: Uint8ClampedArray): void {
  const size = f.shape[0]!;
  const p = new Float64Array(Math.max(2, f.shape[2] ?? 1));
  for (let r = 0; r < size; r++) {
    const row = size - 1 - r;
    for (let c = 0; c < size; c++) {
      const i = r * size + c;
      const k = cellProbabilities(f, i, p);
      let mr = 0,
        mg = 0,
        mb = 0,
        best = 0;
      for (let j = 0; j < k; j++) {
        const w = Number.isFinite(p[j]!) ? p[j]! : 0;
        const [cr, cg, cb] = classRgb(j);
        mr += w * cr;
        mg += w * cg;
        mb += w * cb;
        if (w > best) best = w;
      }
      const confidence = k > 1 ? Math.max(0, Math.min(1, (best - 1 / k) / (1 - 1 / k))) : 0;
      const alpha = best > 0 ? MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * confidence : 0;
      const o = (row * size + c) * 4;
      out[o] = background[0] + (mr - background[0]) * alpha;
      out[o + 1] = background[1] + (mg - background[1]) * alpha;
      out[o + 2] = background[2] + (mb - background[2]) * alpha;
      out[o + 3] = 255;
    }
  }
}

/** The predicted class of each cell (argmax), row 0 = ymin: for tests and the legend. */
export function predictedClasses(f: PredictionFrameData): Uint8Array {
  const size = f.shape[0]!;
  const p = new Float64Array(Math.max(2, f.shape[2] ?? 1));
  const out = new Uint8Array(size * size);
  for (let i = 0; i < size * size; i++) {
    const k = cellProbabilities(f, i, p);
    let arg = 0;
    for (let j = 1; j < k; j++) if (p[j]! > p[arg]!) arg = j;
    out[i] = arg;
  }
  return out;
}
