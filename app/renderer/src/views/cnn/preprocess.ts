/**
 * A drawn digit prepared the way the MNIST digits were (LeCun et al.): the strokes' bounding box scaled,
 * keeping its aspect ratio, to fit a 20×20 box (area averaging), then placed in a 28×28 image so that
 * its centre of mass sits at the centre. Input: a grey picture (0 = background … 1 = ink) of any size.
 * Pure: no DOM, so it is unit-tested.
 */
import { resizePlanes } from '../../../../../src/data/image-convert';

export const DIGIT_SIDE = 28;
const BOX = 20;

/** The 28×28 input in [0, 1], row-major; null when nothing is drawn. */
export function prepareDigit(ink: Float32Array, width: number, height: number): Float32Array | null {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (ink[y * width + x]! > 0) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const scale = BOX / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * scale));
  const th = Math.max(1, Math.round(bh * scale));
  const crop = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) crop[y * bw + x] = Math.round(Math.min(1, ink[(y0 + y) * width + x0 + x]!) * 255);
  const small = resizePlanes(crop, 1, bh, bw, th, tw);
  const [cx, cy] = centreOfMass(small, tw, th);
  if (!Number.isFinite(cx)) return null;  // no ink left after resizing
  const ox = Math.round(DIGIT_SIDE / 2 - cx);
  const oy = Math.round(DIGIT_SIDE / 2 - cy);
  const out = new Float32Array(DIGIT_SIDE * DIGIT_SIDE);
  for (let y = 0; y < th; y++)
    for (let x = 0; x < tw; x++) {
      const tx = x + ox;
      const ty = y + oy;
      if (tx >= 0 && tx < DIGIT_SIDE && ty >= 0 && ty < DIGIT_SIDE) out[ty * DIGIT_SIDE + tx] = small[y * tw + x]! / 255;
    }
  return out;
}

/** The centre of mass (x, y) of a width × height image, in pixel units (pixel centres at +0.5); NaN when it is all 0. */
export function centreOfMass(img: ArrayLike<number>, width: number, height = width): [number, number] {
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = img[y * width + x]!;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  return [mx / mass, my / mass];
}
