#!/usr/bin/env node
// The digits GAN's quality check (issue #13: "within 10 minutes of training on this 2-core machine, the
// CNN lab's preset classifier (trained on real digits) labels at least 80 % of 1 000 samples with
// confidence at least 0.9, and every digit class gets at least 5 % of them"): trains the judge (the default model,
// `gradlab train` with its image defaults, on all 10 000 digits), then `gradlab gan --dataset digits`
// with its defaults (40 000 steps, about 7 minutes on the 2-core AMD EPYC here; --steps to change) with
// that judge, and prints the share of samples it is sure of, each class's share of them, and the
// minutes taken. Not part of `npm test`.
//   node scripts/gan-digits-quality.mjs [--steps N] [--seed 1] [--save-weights generator.w] [-- extra gradlab gan flags]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const extra = dash >= 0 ? argv.slice(dash + 1) : [];
const opt = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 && (dash < 0 || i < dash) ? argv[i + 1] : def;
};
const steps = opt('--steps', undefined), seed = opt('--seed', '1'), save = opt('--save-weights', undefined);
const dir = mkdtempSync(path.join(os.tmpdir(), 'gradlab-gan-judge-'));
const judge = path.join(dir, 'judge.w');
const gradlab = (args) => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'gradlab.js'), ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(r.status ?? 1);
  }
  return r.stdout;
};
let t0 = Date.now();
gradlab(['train', '--dataset', 'digits', '--set', 'train=10000', '--set', 'test=0', '--save-weights', judge, '--format', 'json']);
console.log(`judge: the CNN lab's default model on 10 000 digits, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
t0 = Date.now();
const doc = JSON.parse(gradlab(['gan', '--dataset', 'digits', ...(steps ? ['--steps', steps] : []), '--seed', seed, '--samples', '1000', '--judge', judge, '--format', 'json', ...(save ? ['--save-weights', save] : []), ...extra]));
const minutes = (Date.now() - t0) / 60000;
rmSync(dir, { recursive: true, force: true });
const j = doc.judge;
console.log(`GAN: ${doc.summary.steps} steps in ${minutes.toFixed(1)} min; the judge is sure (≥ 0.9) of ${(j.confident * 100).toFixed(1)} % of 1 000 samples`);
console.log('class shares of those: ' + j.class_shares.map((s, k) => `${k} ${(s * 100).toFixed(1)} %`).join(', '));
const ok = j.confident >= 0.8 && j.min_class_share >= 0.05 && minutes <= 10;
console.log(ok ? 'goal met' : 'goal NOT met (80 % sure, every class ≥ 5 %, within 10 minutes)');
process.exit(ok ? 0 : 1);
