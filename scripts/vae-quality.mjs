#!/usr/bin/env node
// The VAE lab's quality check (issue #13: "the same model, data and budget as torch give the same test
// loss within 3%"): writes the shipped digits as IDX files (shuffled once by a fixed permutation, 8 000 to train
// on and 2 000 to test), trains `gradlab vae` and bench/torch_vae.py on them with the same layout and budget for each
// seed, and prints both test losses (negative ELBO per test digit, nats), their means and the gap.
// Needs Debian's python3-torch; not part of `npm test` (about 5 s a seed for ours, 10 s for torch).
//   node scripts/vae-quality.mjs [--seeds 1,2,3] [--latent 2] [--hidden 256] [--epochs 10] [--goal 0.03]
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, def) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : def);
const seeds = opt('--seeds', '1,2,3').split(',').map(Number);
const latent = opt('--latent', '2'), hidden = opt('--hidden', '256'), epochs = opt('--epochs', '10');
const goal = Number(opt('--goal', '0.03'));

// build/data/digits.u8: "GLDIGIT1" | u32 count | u16 rows | u16 cols | labels | pixels
const buf = readFileSync(path.join(root, 'build', 'data', 'digits.u8'));
const count = buf.readUInt32LE(8), rows = buf.readUInt16LE(12), cols = buf.readUInt16LE(14);
// the file runs class by class: shuffle it once (a fixed permutation, the same on every machine)
const order = Array.from({ length: count }, (_, i) => i);
let state = 12345;
const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0), state);
for (let i = count - 1; i > 0; i--) {
  const j = next() % (i + 1);
  [order[i], order[j]] = [order[j], order[i]];
}
const plane = rows * cols;
const labels = Buffer.from(order.map((i) => buf[16 + i]));
const pixels = Buffer.concat(order.map((i) => buf.subarray(16 + count + i * plane, 16 + count + (i + 1) * plane)));
const idx = (dims, body) => {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt8(8, 2);
  head.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, body]);
};
const dir = mkdtempSync(path.join(os.tmpdir(), 'gradlab-vae-'));
const files = {};
for (const [part, from, to] of [['train', 0, 8000], ['test', 8000, count]]) {
  files[`${part}-images`] = path.join(dir, `${part}-images.idx`);
  files[`${part}-labels`] = path.join(dir, `${part}-labels.idx`);
  writeFileSync(files[`${part}-images`], idx([to - from, rows, cols], pixels.subarray(from * rows * cols, to * rows * cols)));
  writeFileSync(files[`${part}-labels`], idx([to - from], labels.subarray(from, to)));
}
const fileArgs = ['--images', files['train-images'], '--labels', files['train-labels'], '--test-images', files['test-images'], '--test-labels', files['test-labels']];
const run = (cmd, args, env) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(r.status ?? 1);
  }
  return JSON.parse(r.stdout);
};
const ours = [], theirs = [];
for (const seed of seeds) {
  const t0 = Date.now();
  const a = run(process.execPath, [path.join(root, 'bin', 'gradlab.js'), 'vae', '--dataset', 'idx', ...fileArgs, '--latent', latent, '--hidden', hidden, '--epochs', epochs, '--batch', '64', '--opt', 'adam:lr=0.001', '--seed', String(seed), '--format', 'json']);
  const t1 = Date.now();
  const b = run('/usr/bin/python3', [path.join(root, 'bench', 'torch_vae.py'), ...fileArgs, '--latent', latent, '--hidden', hidden, '--epochs', epochs, '--batch', '64', '--lr', '0.001', '--seed', String(seed)],
    { LD_LIBRARY_PATH: '/usr/lib/x86_64-linux-gnu/openblas-pthread', OPENBLAS_NUM_THREADS: '1' });
  const t2 = Date.now();
  ours.push(a.summary.final.test_loss);
  theirs.push(b.test_loss);
  console.log(`seed ${seed}: ours ${a.summary.final.test_loss.toFixed(2)} nats (${((t1 - t0) / 1000).toFixed(1)} s), torch ${b.test_loss.toFixed(2)} nats (${((t2 - t1) / 1000).toFixed(1)} s)`);
}
rmSync(dir, { recursive: true, force: true });
const mean = (v) => v.reduce((x, y) => x + y, 0) / v.length;
const gap = mean(ours) / mean(theirs) - 1;
console.log(`mean: ours ${mean(ours).toFixed(2)}, torch ${mean(theirs).toFixed(2)} nats per test digit; gap ${(gap * 100).toFixed(2)} % (goal: within ${(goal * 100).toFixed(0)} %)`);
process.exit(Math.abs(gap) <= goal ? 0 : 1);
