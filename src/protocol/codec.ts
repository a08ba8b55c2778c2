/**
 * Binary frames for transports that carry bytes (the WebSocket): a message whose typed arrays travel
 * as raw bytes, not as JSON numbers.
 *
 *   [u32 LE: header length H] [H bytes: UTF-8 JSON header] [zero padding to a multiple of 8]
 *   [attachment 0] [pad to 8] [attachment 1] [pad to 8] …
 * In the header every typed array is replaced by {"$bin": k, "t": "f64" | "f32" | "u8", "n": length};
 * attachment k holds its bytes (little-endian, as every platform Gradient Lab runs on). Non-finite
 * numbers outside typed arrays (JSON has none) are written as {"$num": "NaN" | "Infinity" | "-Infinity"}.
 * Decoding gives back Float64Array / Float32Array / Uint8Array views on the frame (8-byte aligned).
 */
type Typed = Float64Array | Float32Array | Uint8Array;
const TYPES = { f64: Float64Array, f32: Float32Array, u8: Uint8Array } as const;
type TypeTag = keyof typeof TYPES;

function tagOf(v: unknown): TypeTag | null {
  if (v instanceof Float64Array) return 'f64';
  if (v instanceof Float32Array) return 'f32';
  if (v instanceof Uint8Array) return 'u8'; // Buffer too
  return null;
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

export function encodeFrame(message: unknown): Uint8Array {
  const parts: Typed[] = [];
  const header = JSON.stringify(message, function (this: unknown, key: string, value: unknown) {
    // JSON.stringify has already called toJSON on Buffers; look at the original holder's value
    const raw = (this as Record<string, unknown>)[key];
    const tag = tagOf(raw);
    if (tag) {
      parts.push(raw as Typed);
      return { $bin: parts.length - 1, t: tag, n: (raw as Typed).length };
    }
    if (typeof value === 'number' && !Number.isFinite(value)) return { $num: String(value) };
    return value;
  });
  const head = new TextEncoder().encode(header);
  let size = 4 + head.length + pad8(4 + head.length);
  const offsets = parts.map((p) => {
    const at = size;
    size += p.byteLength + pad8(p.byteLength);
    return at;
  });
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  parts.forEach((p, k) => out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), offsets[k]!));
  return out;
}

export function decodeFrame(bytes: Uint8Array): unknown {
  if (bytes.byteLength < 4) throw new Error('frame too short');
  // work on an 8-aligned copy so typed-array views line up
  const frame = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  const headLen = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0, true);
  if (4 + headLen > frame.byteLength) throw new Error('frame header runs past the end');
  const header = new TextDecoder().decode(frame.subarray(4, 4 + headLen));
  let at = 4 + headLen + pad8(4 + headLen);
  const slices: { start: number; bytes: number }[] = [];
  const parsed = JSON.parse(header, (_key, value: unknown) => {
    if (value && typeof value === 'object') {
      const v = value as { $bin?: number; t?: TypeTag; n?: number; $num?: string };
      if (typeof v.$num === 'string') return Number(v.$num);
      if (typeof v.$bin === 'number' && v.t && v.t in TYPES && typeof v.n === 'number') {
        const Ctor = TYPES[v.t];
        const bytesLen = v.n * Ctor.BYTES_PER_ELEMENT;
        slices[v.$bin] = { start: 0, bytes: bytesLen };
        return { $pending: v.$bin, t: v.t, n: v.n };
      }
    }
    return value;
  }) as unknown;
  for (const s of slices) {
    s.start = at;
    at += s.bytes + pad8(s.bytes);
    if (s.start + s.bytes > frame.byteLength) throw new Error('frame attachment runs past the end');
  }
  const resolve = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(resolve);
    if (v && typeof v === 'object') {
      const p = v as { $pending?: number; t?: TypeTag; n?: number };
      if (typeof p.$pending === 'number') {
        const s = slices[p.$pending]!;
        return new TYPES[p.t!](frame.buffer as ArrayBuffer, frame.byteOffset + s.start, p.n!);
      }
      for (const k of Object.keys(v)) (v as Record<string, unknown>)[k] = resolve((v as Record<string, unknown>)[k]);
    }
    return v;
  };
  return resolve(parsed);
}
