/**
 * Turning decoded pictures into the engine's image format: RGBA pixels → C channel planes of bytes
 * (C = 1: grey = 0.299 R + 0.587 G + 0.114 B, the ITU-R BT.601 luma; C = 3: R, G, B), transparent
 * parts laid over black (0 is the background, as in MNIST), and area-averaging resize (each output
 * pixel is the mean of the source area it covers, weighted by coverage; enlarging repeats pixels).
 * Pure: no Node or DOM imports.
 */

/** RGBA (4 bytes a pixel, row-major) → `channels` planes of width × height bytes. */
export function rgbaToPlanes(rgba: Uint8Array, width: number, height: number, channels: 1 | 3): Uint8Array {
  const plane = width * height;
  const out = new Uint8Array(plane * channels);
  for (let p = 0; p < plane; p++) {
    const a = rgba[p * 4 + 3]! / 255;
    const r = rgba[p * 4]! * a;
    const g = rgba[p * 4 + 1]! * a;
    const b = rgba[p * 4 + 2]! * a;
    if (channels === 1) out[p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    else {
      out[p] = Math.round(r);
      out[plane + p] = Math.round(g);
      out[2 * plane + p] = Math.round(b);
    }
  }
  return out;
}

/** True when every pixel has R = G = B (a grey picture, whatever its file format). */
export function isGrey(rgba: Uint8Array): boolean {
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2]) return false;
  return true;
}

/** Resizes each of `channels` planes of h × w bytes to rows × cols by area averaging. */
export function resizePlanes(src: Uint8Array, channels: number, h: number, w: number, rows: number, cols: number): Uint8Array {
  if (h === rows && w === cols) return src;
  const out = new Uint8Array(channels * rows * cols);
  const sy = h / rows;
  const sx = w / cols;
  for (let c = 0; c < channels; c++) {
    const plane = src.subarray(c * h * w, (c + 1) * h * w);
    for (let y = 0; y < rows; y++) {
      const y0 = y * sy;
      const y1 = y0 + sy;
      for (let x = 0; x < cols; x++) {
        const x0 = x * sx;
        const x1 = x0 + sx;
        let sum = 0;
        let area = 0;
        for (let yy = Math.floor(y0); yy < Math.min(h, Math.ceil(y1)); yy++) {
          const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
          for (let xx = Math.floor(x0); xx < Math.min(w, Math.ceil(x1)); xx++) {
            const wgt = wy * (Math.min(x1, xx + 1) - Math.max(x0, xx));
            sum += wgt * plane[yy * w + xx]!;
            area += wgt;
          }
        }
        out[c * rows * cols + y * cols + x] = Math.round(sum / area);
      }
    }
  }
  return out;
}
