/**
 * The image-set flags `gradlab train` and `gradlab vae` share: --dataset idx (--images, --labels and an
 * optional test pair) or folder (--dir, --test-dir), converted with --channels and --size. Files are read
 * here (src/data/) and their decoded bytes go to the engine; a flag given with the wrong data set is
 * refused, naming it.
 */
import type { Command } from 'commander';
import { Option } from 'commander';

import { LabError } from '../native/errors.js';
import { readIdxSet } from '../data/idx.js';
import { readImageFolder } from '../data/image-folder.js';
import type { ImageSet } from '../data/image-set.js';
import { resizePlanes, rgbaToPlanes } from '../data/image-convert.js';

export interface ImageArgs {
  dataset: string;
  images?: string;
  labels?: string;
  testImages?: string;
  testLabels?: string;
  dir?: string;
  testDir?: string;
  channels?: string;
  size?: string;
}

function refuse(flag: string, why: string): never {
  throw new LabError(`${flag}: ${why}`, 'INVALID_CONFIG');
}

function sizeOption(text: string): [number, number] {
  const m = /^\s*(\d+)\s*[,x×]\s*(\d+)\s*$/.exec(text);
  const rows = m ? Number(m[1]) : NaN;
  const cols = m ? Number(m[2]) : NaN;
  if (!m || rows < 1 || cols < 1 || rows > 4096 || cols > 4096)
    throw new LabError(`--size: expected H,W with each in [1, 4096], e.g. 28,28; got ${JSON.stringify(text)}`, 'INVALID_CONFIG');
  return [rows, cols];
}

/** The image set named by --dataset idx|folder and its flags, read from disk; undefined for other data sets. */
export function readImageArgs(a: ImageArgs): (ImageSet & { skipped?: string[] }) | undefined {
  const idxOnly = { '--images': a.images, '--labels': a.labels, '--test-images': a.testImages, '--test-labels': a.testLabels };
  const folderOnly = { '--dir': a.dir, '--test-dir': a.testDir };
  const imageOnly = { '--channels': a.channels, '--size': a.size };
  const misplaced = (flags: Record<string, unknown>, dataset: string) => {
    for (const [flag, v] of Object.entries(flags)) if (v !== undefined) refuse(flag, `only with --dataset ${dataset}, not with --dataset ${a.dataset}`);
  };
  if (a.dataset !== 'idx') misplaced(idxOnly, 'idx');
  if (a.dataset !== 'folder') misplaced(folderOnly, 'folder');
  if (a.dataset !== 'idx' && a.dataset !== 'folder') misplaced(imageOnly, 'idx or folder');
  const channels = a.channels === undefined ? undefined : (Number(a.channels) as 1 | 3);
  const size = a.size === undefined ? undefined : sizeOption(a.size);
  let set: (ImageSet & { skipped?: string[] }) | undefined;
  if (a.dataset === 'idx') {
    if (a.images === undefined || a.labels === undefined) refuse('--dataset idx', 'needs --images FILE and --labels FILE (and optionally --test-images, --test-labels)');
    set = readIdxSet({ images: a.images, labels: a.labels, ...(a.testImages !== undefined ? { testImages: a.testImages } : {}), ...(a.testLabels !== undefined ? { testLabels: a.testLabels } : {}) });
    if (channels !== undefined || size !== undefined) set = convertImageSet(set, channels, size);
  } else if (a.dataset === 'folder') {
    if (a.dir === undefined) refuse('--dataset folder', 'needs --dir FOLDER (one subfolder of pictures per class)');
    set = readImageFolder({ dir: a.dir, ...(a.testDir !== undefined ? { testDir: a.testDir } : {}), ...(channels ? { channels } : {}), ...(size ? { size } : {}) });
  }
  return set;
}

/** IDX images turned to `channels` (grey ↔ RGB) and resized to `size`. */
function convertImageSet(set: ImageSet, channels: 1 | 3 | undefined, size: [number, number] | undefined): ImageSet {
  const c = channels ?? (set.channels === 1 ? 1 : 3);
  const [rows, cols] = size ?? [set.rows, set.cols];
  const convert = (pixels: Uint8Array) => {
    const n = pixels.length / (set.channels * set.rows * set.cols);
    const out = new Uint8Array(n * c * rows * cols);
    const plane = set.rows * set.cols;
    for (let i = 0; i < n; i++) {
      const src = pixels.subarray(i * set.channels * plane, (i + 1) * set.channels * plane);
      const rgba = new Uint8Array(plane * 4);
      for (let p = 0; p < plane; p++) {
        for (let k = 0; k < 3; k++) rgba[p * 4 + k] = src[(set.channels >= 3 ? k : 0) * plane + p]!;
        rgba[p * 4 + 3] = 255;
      }
      out.set(resizePlanes(rgbaToPlanes(rgba, set.cols, set.rows, c), c, set.rows, set.cols, rows, cols), i * c * rows * cols);
    }
    return out;
  };
  return { ...set, channels: c, rows, cols, pixels: convert(set.pixels), ...(set.test ? { test: { pixels: convert(set.test.pixels), labels: set.test.labels } } : {}) };
}

/** Adds the image-set flags to a command. */
export function addImageOptions(cmd: Command): Command {
  return cmd
    .option('--images <file>', 'with --dataset idx: the images (idx3-ubyte, gzipped or not)')
    .option('--labels <file>', 'with --dataset idx: the labels (idx1-ubyte)')
    .option('--test-images <file>', 'with --dataset idx: test images (all the others are then trained on; without, a seeded 80/20 split)')
    .option('--test-labels <file>', 'with --dataset idx: test labels')
    .option('--dir <folder>', 'with --dataset folder: one subfolder of PNG or JPEG images per class')
    .option('--test-dir <folder>', 'with --dataset folder: test images in the same class subfolders')
    .addOption(new Option('--channels <n>', 'image sets: convert pictures to 1 (grey) or 3 (RGB) channels').choices(['1', '3']))
    .option('--size <H,W>', 'image sets: resize every picture to H×W');
}
