/**
 * The names and shapes in a Gradient Lab weights file (native/core/nn/checkpoint.hpp), read without the
 * values: what an exporter needs to know a net's sizes from the weights a run starts from.
 */
export function weightShapes(bytes: Buffer): Map<string, number[]> {
  if (bytes.toString('latin1', 0, 8) !== 'GLABWTS\0') throw new Error('not a Gradient Lab weights file');
  const out = new Map<string, number[]>();
  let at = 12;
  const count = bytes.readUInt32LE(at);
  at += 4;
  for (let i = 0; i < count; i++) {
    const length = bytes.readUInt32LE(at);
    const name = bytes.toString('utf8', at + 4, at + 4 + length);
    at += 4 + length;
    const rank = bytes.readUInt32LE(at);
    at += 4;
    const dims: number[] = [];
    for (let d = 0; d < rank; d++, at += 8) dims.push(Number(bytes.readBigInt64LE(at)));
    out.set(name, dims);
  }
  return out;
}
