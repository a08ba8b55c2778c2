// The experiment store's part of `npm run bench` (scripts/bench.mjs): runs dist/bench/store.js (built
// by `npm run build`) --runs times, keeps each measurement's best run, prints the table and the goals:
// writes keep up with the fastest lab with ≥ 10× headroom; a 1M-point chart read to 2,000 points < 50 ms.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function measureStore({ root, runs, quick, sh, jsonLines, log }) {
  const script = path.join(root, 'dist', 'bench', 'store.js');
  if (!existsSync(script)) {
    log('bench: dist/bench/store.js is missing (run `npm run build`): no store benchmark');
    return { lines: [] };
  }
  const lines = [];
  for (let i = 1; i <= runs; i += 1) {
    log(`run ${i}/${runs}: store…`);
    const r = sh(process.execPath, [script, ...(quick ? ['--quick'] : [])]);
    if (r.status !== 0) log(`store.js exited with ${r.status ?? r.signal}: ${(r.stderr ?? '').trim()}`);
    lines.push(...jsonLines(r.stdout));
  }
  return { lines };
}

export function printStore({ lines }) {
  if (lines.length === 0) return null;
  const best = (bench, key, better) => {
    const xs = lines.filter((l) => l.bench === bench).map((l) => l[key]);
    return xs.length ? (better === 'max' ? Math.max(...xs) : Math.min(...xs)) : NaN;
  };
  const lab = best('lab_rate', 'points_per_s', 'max');
  const write = best('store_write', 'points_per_s', 'max');
  const read = best('chart_read', 'ms', 'min');
  const readNoTimes = best('chart_read_no_times', 'ms', 'min');
  const m = (x) => `${(x / 1e6).toFixed(2)} M/s`;
  console.log('\nexperiment store');
  console.log(`  fastest lab streams (race, 2 optimizers)   ${m(lab)} points`);
  console.log(`  store writes                                ${m(write)} points   = ${(write / lab).toFixed(3)} × the lab (goal ≥ 10×: ${write >= 10 * lab ? 'met' : 'NOT met'})`);
  console.log(`  1M-point chart read → 2,000 points          ${read.toFixed(1)} ms with times, ${readNoTimes.toFixed(1)} ms without (goal < 50 ms: ${read < 50 ? 'met' : readNoTimes < 50 ? 'met without times only' : 'NOT met'})`);
  return { lab_points_per_s: lab, write_points_per_s: write, headroom: write / lab, chart_read_ms: read, chart_read_no_times_ms: readNoTimes };
}
