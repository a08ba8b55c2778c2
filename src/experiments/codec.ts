/**
 * Float64 arrays to and from SQLite blobs: the raw bytes of the array (little-endian on every platform
 * Gradient Lab ships for: x86-64 and ARM64). A blob read back may not be 8-byte aligned inside its
 * Buffer, so decoding copies when it must.
 */
export function encodeF64(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function decodeF64(b: Buffer | Uint8Array): Float64Array {
  if (b.byteLength % 8 !== 0) throw new Error(`a float64 blob of ${b.byteLength} bytes (not a multiple of 8)`);
  if (b.byteOffset % 8 === 0) return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
  return new Float64Array(new Uint8Array(b).buffer);
}

export function encodeF32(a: Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function decodeF32(b: Buffer | Uint8Array): Float32Array {
  if (b.byteLength % 4 !== 0) throw new Error(`a float32 blob of ${b.byteLength} bytes (not a multiple of 4)`);
  if (b.byteOffset % 4 === 0) return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  return new Float32Array(new Uint8Array(b).buffer);
}

/** Joins arrays into one. */
export function concatF64(parts: Float64Array[]): Float64Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Float64Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
