// Image sets from files (src/data/): IDX files (plain and gzipped, one channel and interleaved
// colour) and folders of PNG and JPEG pictures read back exactly from hand-made files, every malformed
// case named, the picture conversions (BT.601 grey, area-averaging resize) computed by hand, and the
// image set arriving in the engine with the same bytes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

import { readIdxSet, parseIdx } from '../../src/data/idx.js';
import { readImageFolder } from '../../src/data/image-folder.js';
import { isGrey, resizePlanes, rgbaToPlanes } from '../../src/data/image-convert.js';
import { imagesSpec } from '../../src/data/image-set.js';
import { makeDataset } from '../../src/native/index.js';
import { expectLabError } from './helpers.js';
import { idx } from './image-fixtures.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gradlab-images-'));

const put = (name: string, bytes: Uint8Array) => {
  const file = path.join(tmp, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
};

test('IDX: three 2×3 images and their labels read back exactly, gzipped or not, with a test pair', () => {
  const px = Array.from({ length: 18 }, (_, i) => i * 10);
  const images = put('a-images-idx3-ubyte', idx([3, 2, 3], px));
  const labels = put('a-labels-idx1-ubyte.gz', gzipSync(idx([3], [2, 0, 1])));
  const testImages = put('t-images.gz', gzipSync(idx([1, 2, 3], [9, 9, 9, 9, 9, 9])));
  const testLabels = put('t-labels', idx([1], [1]));
  const set = readIdxSet({ images, labels, testImages, testLabels });
  assert.deepEqual([set.channels, set.rows, set.cols], [1, 2, 3]);
  assert.deepEqual([...set.pixels], px);
  assert.deepEqual([...set.labels], [2, 0, 1]);
  assert.deepEqual(set.classNames, ['0', '1', '2']);
  assert.deepEqual([...set.test!.pixels], [9, 9, 9, 9, 9, 9]);
  // and in the engine: the same numbers / 255, the training rows first, then the test row
  const ds = makeDataset(imagesSpec(set));
  assert.equal(ds.nTrain, 3);
  assert.equal(ds.d, 6);
  assert.deepEqual([...ds.x], [...px, 9, 9, 9, 9, 9, 9].map((v) => Math.fround(v / 255)));
  assert.deepEqual([...ds.labels!], [2, 0, 1, 1]);
});

test('IDX: 4 dimensions [N, H, W, C] become channel planes', () => {
  // one 1×2 image of 3 channels: pixel 0 = (1, 2, 3), pixel 1 = (4, 5, 6)
  const set = readIdxSet({ images: put('rgb-images', idx([2, 1, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])), labels: put('rgb-labels', idx([2], [0, 1])) });
  assert.deepEqual([set.channels, set.rows, set.cols], [3, 1, 2]);
  assert.deepEqual([...set.pixels], [1, 4, 2, 5, 3, 6, 7, 10, 8, 11, 9, 12]);
});

test('IDX: every malformed file is INVALID_CONFIG naming the file and what is wrong', () => {
  const labels = put('ok-labels', idx([2], [0, 1]));
  const images = put('ok-images', idx([2, 1, 1], [5, 6]));
  const bad = (name: string, bytes: Uint8Array, ...parts: string[]) => {
    const file = put(name, bytes);
    expectLabError(() => readIdxSet({ images: file, labels }), 'INVALID_CONFIG', file, ...parts);
  };
  bad('png-images', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), 'not an IDX file (it should start with two zero bytes, not 89 50 4e 47)');
  bad('float-images', Buffer.from([0, 0, 0x0d, 3, 0, 0, 0, 1]), 'IDX values of type 0x0d; only unsigned bytes (0x08)');
  bad('short-header', Buffer.from([0, 0, 8, 3, 0, 0]), 'truncated: the header of 3 dimensions needs 16 bytes, the file has 6');
  bad('cut-images', idx([2, 2, 2], [1, 2, 3, 4, 5, 6, 7]), 'truncated: the header says 2×2×2 = 8 values, the file holds 7');
  bad('long-images', idx([2, 1, 1], [1, 2, 3]), '1 bytes after the 2×1×1 values');
  bad('flat-images', idx([2], [1, 2]), 'an IDX array of 1 dimension(s) [2], expected images [count, rows, cols]');
  bad('empty-images', idx([0, 28, 28], []), 'no images');
  bad('tiny', Buffer.from([0, 0]), 'not an IDX file: 2 bytes, shorter than the 4-byte header');
  const broken = gzipSync(idx([2, 1, 1], [5, 6])).subarray(0, 12);
  bad('broken.gz', broken, 'a broken or truncated gzip file');
  expectLabError(() => readIdxSet({ images, labels: put('three-labels', idx([3], [0, 1, 1])) }), 'INVALID_CONFIG', 'three-labels: 3 labels for the 2 images of ok-images');
  expectLabError(() => readIdxSet({ images, labels: put('gap-labels', idx([2], [0, 2])) }), 'INVALID_CONFIG', 'gap-labels: class 1 has no training image (the labels run from 0 to 2)');
  expectLabError(() => readIdxSet({ images, labels: path.join(tmp, 'missing') }), 'INVALID_CONFIG', 'missing: cannot read it (ENOENT)');
  expectLabError(() => readIdxSet({ images, labels, testImages: images }), 'INVALID_CONFIG', '--test-images and --test-labels: give both or neither');
  expectLabError(() => readIdxSet({ images, labels, testImages: put('big-test', idx([1, 2, 2], [1, 2, 3, 4])), testLabels: put('one-label', idx([1], [0])) }), 'INVALID_CONFIG', 'test images of 1×2×2, the training images are 1×1×1');
  assert.equal(parseIdx(idx([1], [7]), 'x').dims[0], 1);
});

test('conversions by hand: BT.601 grey over black, RGB planes, area-averaging resize', () => {
  // two pixels: pure red opaque, white half transparent
  const rgba = new Uint8Array([255, 0, 0, 255, 255, 255, 255, 128]);
  assert.deepEqual([...rgbaToPlanes(rgba, 2, 1, 1)], [Math.round(0.299 * 255), Math.round(255 * 128 / 255)]);
  assert.deepEqual([...rgbaToPlanes(rgba, 2, 1, 3)], [255, 128, 0, 128, 0, 128]);
  assert.equal(isGrey(rgba), false);
  assert.equal(isGrey(new Uint8Array([7, 7, 7, 255])), true);
  // 4×4 → 2×2: the mean of each 2×2 block
  const src = new Uint8Array([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150]);
  assert.deepEqual([...resizePlanes(src, 1, 4, 4, 2, 2)], [25, 45, 105, 125]);
  // 3 → 2 columns: output 0 covers source [0, 1.5): (10 + 0.5·20)/1.5
  assert.deepEqual([...resizePlanes(new Uint8Array([10, 20, 40]), 1, 1, 3, 1, 2)], [Math.round(20 / 1.5), Math.round((0.5 * 20 + 40) / 1.5)]);
  // enlarging repeats pixels
  assert.deepEqual([...resizePlanes(new Uint8Array([1, 2]), 1, 1, 2, 1, 4)], [1, 1, 2, 2]);
});

function png(width: number, height: number, rgb: (x: number, y: number) => [number, number, number]): Buffer {
  const p = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgb(x, y);
      p.data.set([r, g, b, 255], (y * width + x) * 4);
    }
  return PNG.sync.write(p);
}

test('folders: one subfolder per class, PNG and JPEG, grey detected, resize, skipped files named, and every bad case', () => {
  const dir = path.join(tmp, 'shapes');
  put('shapes/cat/a.png', png(2, 2, (x, y) => [x * 100 + y * 10, x * 100 + y * 10, x * 100 + y * 10]));
  put('shapes/cat/notes.txt', Buffer.from('hello'));
  put('shapes/cat/.DS_Store', Buffer.from('x'));
  put('shapes/dog/b.png', png(2, 2, () => [200, 200, 200]));
  const j = jpeg.encode({ data: Buffer.alloc(2 * 2 * 4, 255), width: 2, height: 2 }, 100);
  put('shapes/dog/c.jpg', j.data);
  const set = readImageFolder({ dir });
  assert.deepEqual(set.classNames, ['cat', 'dog']);
  assert.deepEqual([set.channels, set.rows, set.cols], [1, 2, 2]);
  assert.deepEqual([...set.labels], [0, 1, 1]);
  assert.deepEqual([...set.pixels.subarray(0, 4)], [0, 100, 10, 110]);
  assert.deepEqual([...set.pixels.subarray(4, 8)], [200, 200, 200, 200]);
  assert.ok(set.pixels.subarray(8).every((v) => v >= 250), 'a white JPEG stays white');
  assert.deepEqual(set.skipped, [path.join(dir, 'cat', 'notes.txt')]);
  const rgb = readImageFolder({ dir, channels: 3, size: [1, 1] });
  assert.deepEqual([rgb.channels, rgb.rows, rgb.cols], [3, 1, 1]);
  assert.deepEqual([...rgb.pixels.subarray(0, 3)], [55, 55, 55]);  // the mean of 0, 100, 10, 110

  put('colour/red/a.png', png(1, 1, () => [255, 0, 0]));
  put('colour/blue/b.png', png(1, 1, () => [0, 0, 255]));
  assert.equal(readImageFolder({ dir: path.join(tmp, 'colour') }).channels, 3);

  put('mixed/a/a.png', png(2, 2, () => [1, 1, 1]));
  put('mixed/b/b.png', png(3, 2, () => [1, 1, 1]));
  expectLabError(() => readImageFolder({ dir: path.join(tmp, 'mixed') }), 'INVALID_CONFIG', 'b.png: a 3×2 picture', 'give --size H,W');
  assert.equal(readImageFolder({ dir: path.join(tmp, 'mixed'), size: [2, 2] }).labels.length, 2);

  put('empty/a/a.png', png(1, 1, () => [1, 1, 1]));
  mkdirSync(path.join(tmp, 'empty', 'b'), { recursive: true });
  put('empty/b/readme.md', Buffer.from('#'));
  expectLabError(() => readImageFolder({ dir: path.join(tmp, 'empty') }), 'INVALID_CONFIG', path.join(tmp, 'empty', 'b'), 'an empty class');

  put('broken/a/a.png', png(1, 1, () => [1, 1, 1]).subarray(0, 30));
  put('broken/b/b.jpg', Buffer.from([1, 2, 3, 4]));
  expectLabError(() => readImageFolder({ dir: path.join(tmp, 'broken') }), 'INVALID_CONFIG', 'a.png: a broken or truncated PNG file');
  put('fake/a/a.png', png(1, 1, () => [1, 1, 1]));
  put('fake/b/b.jpg', Buffer.from([1, 2, 3, 4]));
  expectLabError(() => readImageFolder({ dir: path.join(tmp, 'fake') }), 'INVALID_CONFIG', 'b.jpg: neither a PNG nor a JPEG file (it starts with 01 02 03 04)');
  put('one/a/a.png', png(1, 1, () => [1, 1, 1]));
  expectLabError(() => readImageFolder({ dir: path.join(tmp, 'one') }), 'INVALID_CONFIG', '1 class subfolder(s)');
  expectLabError(() => readImageFolder({ dir: path.join(tmp, 'nowhere') }), 'INVALID_CONFIG', 'nowhere: cannot read it (ENOENT)');
  expectLabError(() => readImageFolder({ dir, testDir: path.join(tmp, 'colour') }), 'INVALID_CONFIG', 'its class subfolders (blue, red) are not those of');
});
