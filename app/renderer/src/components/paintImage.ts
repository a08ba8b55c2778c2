/**
 * Images a lab sends as numbers (intensities in [0, 1], channel planes: 1 grey or 3 RGB) painted into
 * RGBA pixels at their place on a canvas — the VAE's manifold and reconstructions, a GAN's samples.
 */

/** One image starting at values[offset] (channels × rows × cols) into `out` (RGBA, `stride` pixels wide) at (x0, y0). */
export function paintImage(values: ArrayLike<number>, offset: number, channels: number, rows: number, cols: number, out: Uint8ClampedArray, stride: number, x0: number, y0: number): void {
  const plane = rows * cols;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const at = ((y0 + r) * stride + x0 + c) * 4;
      for (let k = 0; k < 3; k++) {
        const v = values[offset + (channels === 3 ? k * plane : 0) + r * cols + c]!;
        out[at + k] = Math.round(255 * Math.max(0, Math.min(1, Number.isFinite(v) ? v : 0)));
      }
      out[at + 3] = 255;
    }
}
