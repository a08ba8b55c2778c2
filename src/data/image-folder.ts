/**
 * A folder of images with one subfolder per class (the class is the subfolder's name; classes in
 * name order), decoded with pngjs (PNG) and jpeg-js (JPEG):
 *   digits/0/a.png, digits/0/b.jpg, digits/1/c.png …
 * `channels` 1 or 3 (default: 1 when every picture is grey, else 3) and `size` [rows, cols] (default:
 * the pictures' own size, which must then be the same for all) say how pictures are converted
 * (image-convert.ts). Files starting with "." are ignored; other files that are not .png, .jpg or .jpeg
 * are listed in `skipped`. An optional test folder must have the same class subfolders.
 * Every problem is a LabError INVALID_CONFIG naming the file or folder and what is wrong: an unreadable
 * or broken picture, a class folder with no picture, pictures of different sizes without `size`.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

import { LabError } from '../native/errors.js';
import { isGrey, resizePlanes, rgbaToPlanes } from './image-convert.js';
import type { ImageSet } from './image-set.js';
import { readFileBytes } from './read-file.js';

/** The most picture bytes a folder may hold once decoded (channels × rows × cols × images). */
export const MAX_FOLDER_BYTES = 1024 ** 3;

const bad = (where: string, what: string): never => {
  throw new LabError(`${where}: ${what}`, 'INVALID_CONFIG');
};

interface Picture {
  file: string;
  label: number;
  width: number;
  height: number;
  rgba: Uint8Array;
}

export function decodePicture(file: string): { width: number; height: number; rgba: Uint8Array } {
  return decodePictureBytes(readFileBytes(file), file);
}

/** A PNG or JPEG picture from its bytes; `file` names it in errors. */
export function decodePictureBytes(raw: Uint8Array, file: string): { width: number; height: number; rgba: Uint8Array } {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const isPng = bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47;
  const isJpeg = bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  try {
    if (isPng) {
      const png = PNG.sync.read(bytes);
      return { width: png.width, height: png.height, rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
    }
    if (isJpeg) {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 64, maxMemoryUsageInMB: 512 });
      return { width: img.width, height: img.height, rgba: img.data };
    }
  } catch (e) {
    return bad(file, `a broken or truncated ${isPng ? 'PNG' : 'JPEG'} file (${(e as Error).message})`);
  }
  return bad(file, `neither a PNG nor a JPEG file (it starts with ${Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ') || 'nothing'})`);
}

const PICTURE = /\.(png|jpe?g)$/i;

function listClasses(dir: string): string[] {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) bad(dir, 'not a folder; expected a folder with one subfolder of images per class');
    entries = readdirSync(dir);
  } catch (e) {
    if (e instanceof LabError) throw e;
    return bad(dir, `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const classes = entries.filter((name) => !name.startsWith('.') && statSync(path.join(dir, name)).isDirectory()).sort();
  if (classes.length < 2) bad(dir, `${classes.length} class subfolder(s); expected one subfolder of images per class, at least 2`);
  if (classes.length > 256) bad(dir, `${classes.length} class subfolders; at most 256 classes`);
  return classes;
}

function readPictures(dir: string, classes: string[], skipped: string[]): Picture[] {
  const pictures: Picture[] = [];
  classes.forEach((name, label) => {
    const folder = path.join(dir, name);
    const files = readdirSync(folder).filter((f) => !f.startsWith('.')).sort();
    let found = 0;
    for (const f of files) {
      const file = path.join(folder, f);
      if (!statSync(file).isFile()) continue;
      if (!PICTURE.test(f)) {
        skipped.push(file);
        continue;
      }
      pictures.push({ file, label, ...decodePicture(file) });
      found++;
    }
    if (found === 0) bad(folder, 'an empty class: no .png, .jpg or .jpeg picture in it');
  });
  return pictures;
}

export interface FolderOptions {
  dir: string;
  testDir?: string;
  channels?: 1 | 3;
  /** [rows, cols] */
  size?: [number, number];
}

/** Reads the folder (and the test folder); see the header for the rules. */
export function readImageFolder(opts: FolderOptions): ImageSet & { skipped: string[] } {
  const skipped: string[] = [];
  const classes = listClasses(opts.dir);
  const train = readPictures(opts.dir, classes, skipped);
  let test: Picture[] | undefined;
  if (opts.testDir !== undefined) {
    const testClasses = listClasses(opts.testDir);
    if (testClasses.join('\n') !== classes.join('\n'))
      bad(opts.testDir, `its class subfolders (${testClasses.join(', ')}) are not those of ${opts.dir} (${classes.join(', ')})`);
    test = readPictures(opts.testDir, classes, skipped);
  }
  return {
    ...assemble(train, test, classes, opts, opts.dir),
    source: { dir: opts.dir, ...(opts.testDir !== undefined ? { test_dir: opts.testDir } : {}) },
    skipped,
  };
}

/** The pictures, checked for one size (or resized to opts.size) and converted to opts.channels, as an image set. */
function assemble(train: Picture[], test: Picture[] | undefined, classes: string[], opts: { channels?: 1 | 3; size?: [number, number] }, where: string) {
  const all = [...train, ...(test ?? [])];
  const [rows, cols] = opts.size ?? [all[0]!.height, all[0]!.width];
  if (!opts.size) {
    const other = all.find((p) => p.height !== rows || p.width !== cols);
    if (other)
      bad(other.file, `a ${other.width}×${other.height} picture, but ${all[0]!.file} is ${cols}×${rows}; give --size H,W to resize them all`);
  }
  const channels = opts.channels ?? (all.every((p) => isGrey(p.rgba)) ? 1 : 3);
  const per = channels * rows * cols;
  if (per * all.length > MAX_FOLDER_BYTES)
    bad(where, `${all.length} pictures of ${channels}×${rows}×${cols} make ${per * all.length} bytes, more than ${MAX_FOLDER_BYTES}; use a smaller --size`);
  const pack = (pics: Picture[]) => {
    const pixels = new Uint8Array(per * pics.length);
    const labels = new Uint8Array(pics.length);
    pics.forEach((p, i) => {
      pixels.set(resizePlanes(rgbaToPlanes(p.rgba, p.width, p.height, channels), channels, p.height, p.width, rows, cols), i * per);
      labels[i] = p.label;
    });
    return { pixels, labels };
  };
  return {
    channels,
    rows,
    cols,
    ...pack(train),
    classNames: classes,
    ...(test ? { test: pack(test) } : {}),
  };
}


/**
 * The same from files' bytes — a folder the app uploaded: each path ends "<class>/<file>" (a leading
 * root folder is fine); the class is the folder holding the file. Files starting with "." are ignored,
 * other files that are not pictures are listed in `skipped`; a class folder with no picture is an error.
 */
export function imageSetFromFiles(files: { path: string; bytes: Uint8Array }[], opts: { channels?: 1 | 3; size?: [number, number] } = {}): ImageSet & { skipped: string[] } {
  const skipped: string[] = [];
  const byClass = new Map<string, { path: string; bytes: Uint8Array }[]>();
  for (const f of files) {
    const parts = f.path.split(/[\\/]/).filter((p) => p !== '');
    const name = parts.at(-1) ?? '';
    if (parts.length < 2) bad(f.path, 'not inside a class folder; expected <class>/<picture> paths');
    if (name.startsWith('.') || parts.some((p) => p.startsWith('.'))) continue;
    const cls = parts.at(-2)!;
    if (!byClass.has(cls)) byClass.set(cls, []);
    if (PICTURE.test(name)) byClass.get(cls)!.push(f);
    else skipped.push(f.path);
  }
  const classes = [...byClass.keys()].sort();
  if (classes.length < 2) bad('the folder', `${classes.length} class folder(s); expected one folder of pictures per class, at least 2`);
  if (classes.length > 256) bad('the folder', `${classes.length} class folders; at most 256 classes`);
  const pictures: Picture[] = [];
  classes.forEach((cls, label) => {
    const list = byClass.get(cls)!.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    if (list.length === 0) bad(cls, 'an empty class: no .png, .jpg or .jpeg picture in it');
    for (const f of list) pictures.push({ file: f.path, label, ...decodePictureBytes(f.bytes, f.path) });
  });
  return { ...assemble(pictures, undefined, classes, opts, 'the folder'), source: { files: String(files.length) }, skipped };
}
