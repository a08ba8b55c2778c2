/** Reading a user's file for the image readers (idx.ts, image-folder.ts): its bytes, or why not. */
import { readFileSync } from 'node:fs';

import { LabError } from '../native/errors.js';

/** A file's bytes, or a LabError (INVALID_CONFIG) naming it and why it cannot be read. */
export function readFileBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new LabError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'INVALID_CONFIG');
  }
}
