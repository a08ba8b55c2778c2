/**
 * File › Open a Preset or Class Pack…: the chosen file read for the page, which checks what is inside
 * (a preset: presets/presetFiles.ts; a class pack: presets/classPack.ts). Here only its kind (.json or
 * .zip) and size (16 MiB at most) are checked, so nothing large or odd crosses to the page.
 */
import path from 'node:path';

export const OPEN_EXTENSIONS = ['json', 'zip'];
export const MAX_OPEN_BYTES = 16 * 1024 * 1024;

export interface OpenFs {
  size(file: string): number;
  read(file: string): Uint8Array;
}

export type Opened = { name: string; data: Uint8Array } | { error: 'tooBig' | 'unreadable' };

export function readOpenedFile(file: string, fs: OpenFs): Opened {
  const ext = path.extname(file).slice(1).toLowerCase();
  if (!OPEN_EXTENSIONS.includes(ext)) return { error: 'unreadable' };
  try {
    if (fs.size(file) > MAX_OPEN_BYTES) return { error: 'tooBig' };
    return { name: path.basename(file), data: fs.read(file) };
  } catch {
    return { error: 'unreadable' };
  }
}
