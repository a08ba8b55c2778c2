/**
 * A UTF-8 text file for the sequence commands (`gradlab seq --text`, `gradlab attention --text`): read
 * whole and decoded strictly, so a file in another encoding is refused naming the first byte that is
 * not UTF-8 instead of being trained on with replacement characters.
 */
import { readFileSync } from 'node:fs';

import { LabError } from '../native/errors.js';

/** The offset of the first byte that does not start or continue a UTF-8 character. */
export function firstBadByte(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : (c & 0xe0) === 0xc0 ? 1 : (c & 0xf0) === 0xe0 ? 2 : (c & 0xf8) === 0xf0 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

/** The file's text; a LabError naming `flag` when it cannot be read or is not UTF-8. */
export function readUtf8Text(file: string, flag: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new LabError(`${flag}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'INVALID_CONFIG');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LabError(`${flag}: ${file} is not UTF-8 text: byte ${firstBadByte(bytes)} does not start or continue a character`, 'INVALID_CONFIG');
  }
}
