// Small image sets for the CNN lab's tests, made here (no data set is downloaded): 8×8 pictures with a
// bright 3×3 square in the left half (class 0), the right half (1) or the bottom (2) on noise, and
// the IDX encoding of such bytes.
import { Rng } from './rng.js';

/** n 8×8 pictures (bytes) and their labels, seeded. */
export function squares(n: number, seed: number): { pixels: Uint8Array; labels: Uint8Array } {
  const rng = new Rng(seed);
  const pixels = new Uint8Array(n * 64);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    for (let p = 0; p < 64; p++) pixels[i * 64 + p] = Math.floor(rng.uniform() * 60);
    const r0 = c === 2 ? 4 + Math.floor(rng.uniform() * 2) : Math.floor(rng.uniform() * 2);
    const c0 = c === 1 ? 4 + Math.floor(rng.uniform() * 2) : c === 0 ? Math.floor(rng.uniform() * 2) : Math.floor(rng.uniform() * 6);
    for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) pixels[i * 64 + (r0 + y) * 8 + c0 + x] = 250;
    labels[i] = c;
  }
  return { pixels, labels };
}

/** An IDX file of unsigned bytes: 0, 0, 0x08, the number of dimensions, each as a big-endian u32, the values. */
export function idx(dims: number[], values: ArrayLike<number>): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = 0x08;
  head[3] = dims.length;
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(Array.from(values))]);
}
