/**
 * The MNIST IDX format (LeCun, Cortes, Burges): images `*-idx3-ubyte` and labels `*-idx1-ubyte`,
 * gzipped or not. A file is: 0x00 0x00, a type byte (0x08 = unsigned bytes, the only one taken here),
 * the number of dimensions, each dimension as a big-endian u32, then the values.
 *   images: 3 dimensions [N, rows, cols] (one channel), or 4 [N, rows, cols, C] with C ≤ 4 (interleaved
 *           channels, turned into planes here)
 *   labels: 1 dimension [N], each below 256
 * Every problem is a LabError INVALID_CONFIG naming the file and what is wrong.
 */
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { LabError } from '../native/errors.js';
import type { ImageSet } from './image-set.js';
import { readFileBytes } from './read-file.js';

const bad = (file: string, what: string): never => {
  throw new LabError(`${file}: ${what}`, 'INVALID_CONFIG');
};

/** The bytes as they are, or gunzipped when they start with gzip's magic; `file` names them in errors. */
export function maybeGunzip(raw: Uint8Array, file: string): Uint8Array {
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return gunzipSync(raw);
    } catch (e) {
      return bad(file, `a broken or truncated gzip file (${(e as Error).message})`);
    }
  }
  return raw;
}

/** The file's bytes, gunzipped when they start with gzip's magic. */
export function readMaybeGzip(file: string): Uint8Array {
  return maybeGunzip(readFileBytes(file), file);
}

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Parses one IDX file's bytes (unsigned bytes only), checking the header against the length. */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4) bad(file, `not an IDX file: ${bytes.length} bytes, shorter than the 4-byte header`);
  if (bytes[0] !== 0 || bytes[1] !== 0) bad(file, `not an IDX file (it should start with two zero bytes, not ${hex(bytes.subarray(0, 4))})`);
  const type = bytes[2]!;
  if (type !== 0x08) bad(file, `IDX values of type 0x${type.toString(16).padStart(2, '0')}; only unsigned bytes (0x08) are images or labels`);
  const n = bytes[3]!;
  if (n < 1 || n > 4) bad(file, `an IDX file of ${n} dimensions; expected 1 (labels) or 3–4 (images)`);
  const header = 4 + 4 * n;
  if (bytes.length < header) bad(file, `truncated: the header of ${n} dimensions needs ${header} bytes, the file has ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: n }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const have = bytes.length - header;
  if (have < count) bad(file, `truncated: the header says ${dims.join('×')} = ${count} values, the file holds ${have}`);
  if (have > count) bad(file, `${have - count} bytes after the ${dims.join('×')} values the header announces`);
  return { dims, data: bytes.subarray(header) };
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

interface Pair {
  channels: number;
  rows: number;
  cols: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

/** A file's name (for messages) and its bytes, gzipped or not. */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

function readPair(images: NamedBytes, labels: NamedBytes): Pair {
  const imagesFile = images.name;
  const labelsFile = labels.name;
  const img = parseIdx(maybeGunzip(images.bytes, imagesFile), imagesFile);
  const lab = parseIdx(maybeGunzip(labels.bytes, labelsFile), labelsFile);
  if (img.dims.length < 3) bad(imagesFile, `an IDX array of ${img.dims.length} dimension(s) [${img.dims.join(', ')}], expected images [count, rows, cols]`);
  if (lab.dims.length !== 1) bad(labelsFile, `an IDX array of ${lab.dims.length} dimensions [${lab.dims.join(', ')}], expected labels [count]`);
  const [count, rows, cols, channels = 1] = img.dims as [number, number, number, number?];
  if (channels > 4) bad(imagesFile, `${channels} channels per pixel; expected at most 4`);
  if (count === 0) bad(imagesFile, 'no images');
  if (rows === 0 || cols === 0) bad(imagesFile, `images of ${rows}×${cols}`);
  if (lab.dims[0] !== count) bad(labelsFile, `${lab.dims[0]} labels for the ${count} images of ${path.basename(imagesFile)}`);
  let pixels = img.data;
  if (channels > 1) {  // [N, H, W, C] interleaved → channel planes
    const plane = rows * cols;
    pixels = new Uint8Array(img.data.length);
    for (let i = 0; i < count; i++)
      for (let p = 0; p < plane; p++)
        for (let c = 0; c < channels; c++) pixels[i * plane * channels + c * plane + p] = img.data[(i * plane + p) * channels + c]!;
  }
  return { channels, rows, cols, pixels, labels: lab.data };
}

/** Reads an image file and a label file (and optionally a test pair of the same image size). */
export function readIdxSet(files: { images: string; labels: string; testImages?: string; testLabels?: string }): ImageSet {
  if ((files.testImages === undefined) !== (files.testLabels === undefined))
    throw new LabError('--test-images and --test-labels: give both or neither', 'INVALID_CONFIG');
  const read = (name: string): NamedBytes => ({ name, bytes: readMaybeGzip(name) });
  const set = idxSetFromBytes({
    images: read(files.images),
    labels: read(files.labels),
    ...(files.testImages !== undefined && files.testLabels !== undefined ? { testImages: read(files.testImages), testLabels: read(files.testLabels) } : {}),
  });
  return { ...set, source: { images: files.images, labels: files.labels, ...(files.testImages ? { test_images: files.testImages, test_labels: files.testLabels! } : {}) } };
}

/** The same from files' bytes (an upload: the app sends them, the host decodes them). */
export function idxSetFromBytes(files: { images: NamedBytes; labels: NamedBytes; testImages?: NamedBytes; testLabels?: NamedBytes }): ImageSet {
  if ((files.testImages === undefined) !== (files.testLabels === undefined))
    throw new LabError('test images and test labels: give both or neither', 'INVALID_CONFIG');
  const train = readPair(files.images, files.labels);
  let test: Pair | undefined;
  if (files.testImages !== undefined && files.testLabels !== undefined) {
    test = readPair(files.testImages, files.testLabels);
    if (test.rows !== train.rows || test.cols !== train.cols || test.channels !== train.channels)
      bad(files.testImages.name, `test images of ${test.channels}×${test.rows}×${test.cols}, the training images are ${train.channels}×${train.rows}×${train.cols}`);
  }
  let largest = 0;
  for (const l of train.labels) largest = Math.max(largest, l);
  if (test) for (const l of test.labels) largest = Math.max(largest, l);
  const classes = Math.max(2, largest + 1);
  const counts = new Array<number>(classes).fill(0);
  for (const l of train.labels) counts[l]!++;
  const empty = counts.findIndex((c) => c === 0);
  if (empty >= 0) bad(files.labels.name, `class ${empty} has no training image (the labels run from 0 to ${largest})`);
  return {
    channels: train.channels,
    rows: train.rows,
    cols: train.cols,
    pixels: train.pixels,
    labels: train.labels,
    classNames: Array.from({ length: classes }, (_, i) => String(i)),
    ...(test ? { test: { pixels: test.pixels, labels: test.labels } } : {}),
    source: { images: files.images.name, labels: files.labels.name, ...(files.testImages ? { test_images: files.testImages.name, test_labels: files.testLabels!.name } : {}) },
  };
}
