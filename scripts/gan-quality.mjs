#!/usr/bin/env node
// The GAN lab's quality check (issue #13: "GAN on ring8, defaults, 10 000 steps: all 8 modes captured
// (at least 1 % of samples each) and at least 60 % high-quality samples, in at least 4 of 5 seeds"):
// runs `gradlab gan --data ring8` with its defaults for each seed and prints the modes, the share of
// high-quality samples (within 3·std of a centre), KL and JS. Not part of `npm test` (about 20 s a seed).
//   node scripts/gan-quality.mjs [--seeds 1,2,3,4,5] [--steps 10000] [--data ring8] [-- extra gradlab gan flags]
import { spawnSync } from 'node:child_process';
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
const seeds = opt('--seeds', '1,2,3,4,5').split(',').map(Number);
const steps = opt('--steps', '10000'), data = opt('--data', 'ring8');
let passed = 0;
for (const seed of seeds) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'gradlab.js'), 'gan', '--data', data, '--steps', steps, '--seed', String(seed), '--format', 'json', ...extra], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(r.status ?? 1);
  }
  const doc = JSON.parse(r.stdout);
  const f = doc.summary.final;
  const ok = f.modes === doc.centres.length && f.high_quality >= 0.6;
  if (ok) passed++;
  console.log(`seed ${seed}: ${f.modes} of ${doc.centres.length} modes, ${(f.high_quality * 100).toFixed(1)} % high quality, KL ${f.kl.toFixed(2)}, JS ${f.js.toFixed(3)} (${((Date.now() - t0) / 1000).toFixed(1)} s)${ok ? '' : '  (misses the goal)'}`);
}
const need = Math.ceil((seeds.length * 4) / 5);
console.log(`${passed} of ${seeds.length} seeds cover every mode with at least 60 % high-quality samples (goal: ${need})`);
process.exit(passed >= need ? 0 : 1);
