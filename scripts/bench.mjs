#!/usr/bin/env node
// `npm run bench` (never part of `npm test`): the optimizer-step benchmark with PyTorch side by side.
// Builds the bench targets with plain CMake (Release, build/bench), runs bench/optim_step and, when a
// python3 with torch is found, bench/torch_optim.py; alternates the two --runs times (default 3) and
// keeps each row's best run for both sides alike (other work on a shared machine only ever slows a run
// down), showing the spread between runs. Prints one table — optimizer × size × threads: ours, torch
// (fastest variant), torch/ours, the bandwidth bound, ours/bound, ours/floor — then the goal status,
// and writes everything raw to bench/out/bench-<time>.json.
// Also runs bench/grid_eval and bench/torch_grid.py (in the same alternation) and prints their table,
// then the training benchmark (bench/mlp_train, bench/torch_mlp.py; scripts/bench_train.mjs), the MCTS
// search (bench/mcts_search) and the runs of any length (scripts/bench_long_runs.mjs).
//   node scripts/bench.mjs [--quick] [--runs N]      (PYTHON=/path/to/python3 to choose the interpreter)
//   node scripts/bench.mjs --train-only [--runs N]   only the training benchmark
//   node scripts/bench.mjs --store-only [--runs N]   only the experiment store's benchmark (scripts/bench_store.mjs)
//   node scripts/bench.mjs --long-only [--quick]     only the runs of any length: peak RSS, bytes per point, save time (scripts/bench_long_runs.mjs)
//   node scripts/bench.mjs --from bench/out/bench-….json   print the tables of a saved run again
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { measureLongRuns, printLongRuns } from './bench_long_runs.mjs';
import { measureStore, printStore } from './bench_store.mjs';
import { measureTrain, printTrain } from './bench_train.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const trainOnly = argv.includes('--train-only');
const storeOnly = argv.includes('--store-only');
const longOnly = argv.includes('--long-only');
if (longOnly) {
  printLongRuns(await measureLongRuns({ quick }));
  process.exit(0);
}
const runs = argv.includes('--runs') ? Math.max(1, Number(argv[argv.indexOf('--runs') + 1]) || 1) : quick ? 1 : 3;
const buildDir = path.join(root, 'build', 'bench');
const jobs = String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
const exe = (name) => path.join(buildDir, process.platform === 'win32' ? path.join('Release', `${name}.exe`) : name);
const GOAL_BOUND = 1.5; // ours within 1.5× of the bandwidth bound
const TIE = 0.05; // torch/ours within 1 ± TIE counts as a tie: less than the run-to-run noise here

function log(line) {
  process.stderr.write(`${line}\n`);
}

function sh(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
}

// JSON objects, one per line; other lines (warnings) are skipped.
function jsonLines(text) {
  return (text ?? '')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

function build(targets) {
  log(`configuring and building ${targets.join(', ')} in build/bench (Release)…`);
  const conf = sh('cmake', ['-S', root, '-B', buildDir, '-DCMAKE_BUILD_TYPE=Release'], { stdio: 'inherit' });
  if (conf.status !== 0) return false;
  const args = ['--build', buildDir, '--config', 'Release', '--parallel', jobs];
  for (const t of targets) args.push('--target', t);
  return sh('cmake', args, { stdio: 'inherit' }).status === 0;
}

// The first python3 that imports torch; else any python3, so the script can say torch is missing.
function findPython() {
  const env = { ...process.env };
  const openblas = '/usr/lib/x86_64-linux-gnu/openblas-pthread';
  if (existsSync(openblas)) env.LD_LIBRARY_PATH = [openblas, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  const candidates = [...new Set([process.env.PYTHON, 'python3', '/usr/bin/python3', 'python'].filter(Boolean))];
  let fallback = null;
  for (const py of candidates) {
    const r = sh(py, ['-c', 'import torch'], { env });
    if (r.error) continue;
    if (r.status === 0) return { py, env, torch: true };
    fallback ??= { py, env, torch: false };
  }
  return fallback;
}

const stepKey = (o) => `${o.optimizer}|${o.n}|${o.threads}`;

// Keeps, per row (kind `kind`, keyed by `key`), the run with the smallest `field`, and how much slower
// the slowest run was (`spread`).
function bestRows(lines, bench, { kind = 'step', key = stepKey, field = 'ns_per_param' } = {}) {
  const best = new Map();
  for (const o of lines) {
    if (o.bench !== bench || o.kind !== kind) continue;
    const k = key(o);
    const b = best.get(k);
    const worst = Math.max(b?.worst ?? 0, o[field]);
    best.set(k, { ...(b === undefined || o[field] < b[field] ? o : b), worst });
  }
  for (const b of best.values()) b.spread = b.worst / b[field] - 1;
  return best;
}

const fmtN = (n) => (Number.isInteger(Math.log10(n)) ? `1e${Math.log10(n)}` : String(n));
const fx = (x, d = 3) => (x === undefined || x === null || Number.isNaN(x) ? '—' : x.toFixed(d));
const pad = (s, w) => String(s).padStart(w);
const pct = (x) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);

// The bound of a row: its bytes per parameter over the best bandwidth any run measured on its thread
// count (what the machine can do; a run slowed by other work does not loosen it).
function printTable(ours, torch, bestGbps) {
  const head = ['optimizer', 'params', 'thr', 'ours ns/p', 'torch ns/p', 'torch variant', 'torch/ours', 'bound ns/p',
    'ours/bound', 'ours/floor', 'spread o/t'];
  const widths = [9, 6, 3, 9, 10, 13, 10, 10, 10, 10, 10];
  const cell = (c, i) => (i === 0 || i === 5 ? String(c).padEnd(widths[i]) : pad(c, widths[i]));
  const row = (cells) => cells.map(cell).join('  ');
  console.log(row(head));
  const table = [];
  for (const [k, o] of ours) {
    const t = torch.get(k);
    const bound = o.bytes_per_param / bestGbps.get(o.threads);
    const r = {
      optimizer: o.optimizer, n: o.n, threads: o.threads, ours_ns_per_param: o.ns_per_param,
      torch_ns_per_param: t?.ns_per_param ?? null, torch_variant: t?.best_variant ?? null,
      torch_over_ours: t ? t.ns_per_param / o.ns_per_param : null, bytes_per_param: o.bytes_per_param,
      bound_ns_per_param: bound, ours_over_bound: o.ns_per_param / bound, ours_over_floor: o.ratio_to_floor,
      fits_in_llc: o.fits_in_llc,
      ours_spread: o.spread, torch_spread: t?.spread ?? null,
    };
    table.push(r);
    console.log(row([r.optimizer, fmtN(r.n), r.threads, fx(r.ours_ns_per_param), fx(r.torch_ns_per_param),
      r.torch_variant ?? '—', r.torch_over_ours === null ? '—' : `${fx(r.torch_over_ours, 2)}x`,
      fx(r.bound_ns_per_param), `${fx(r.ours_over_bound, 2)}x${r.fits_in_llc ? '*' : ' '}`,
      `${fx(r.ours_over_floor, 2)}x`, `${pct(r.ours_spread)}/${pct(r.torch_spread)}`]));
  }
  return table;
}

function printGoals(table, haveTorch) {
  console.log('\ngoal status (every size and thread count): at least as fast as PyTorch per parameter ' +
    `(torch/ours within 1 ± ${TIE} is a tie); within ${GOAL_BOUND}x of the bandwidth bound`);
  const byOpt = new Map();
  for (const r of table) byOpt.set(r.optimizer, [...(byOpt.get(r.optimizer) ?? []), r]);
  const where = (rs) => rs.map((r) => `${fmtN(r.n)}×${r.threads}t (${fx(r.torch_over_ours, 2)}x)`).join(', ');
  const status = {};
  for (const [opt, rows] of byOpt) {
    const timed = rows.filter((r) => r.torch_over_ours !== null);
    const slow = timed.filter((r) => r.torch_over_ours < 1 - TIE);
    const tie = timed.filter((r) => r.torch_over_ours >= 1 - TIE && r.torch_over_ours < 1 + TIE);
    const far = rows.filter((r) => r.ours_over_bound > GOAL_BOUND);
    let torchPart = 'vs torch: not measured';
    if (haveTorch) {
      torchPart = slow.length > 0 ? `as fast as torch: NO, slower at ${where(slow)}` : 'as fast as torch: yes';
      if (tie.length > 0) torchPart += `; ties at ${where(tie)}`;
    }
    const boundPart = far.length === 0 ? 'within the bound: yes'
      : `within the bound: NO at ${far.map((r) => `${fmtN(r.n)}×${r.threads}t`).join(', ')}`;
    status[opt] = { as_fast_as_torch: haveTorch ? slow.length === 0 : null, within_bound: far.length === 0 };
    console.log(`  ${opt.padEnd(9)} ${torchPart}; ${boundPart}`);
  }
  return status;
}

// ---- main -------------------------------------------------------------------------------------------
// Builds and runs everything; returns the raw JSON lines of each bench.
function measure() {
  if (storeOnly) return { raw: { optim_step: [], torch_optim: [], grid_eval: [], torch_grid: [], store: measureStore({ root, runs, quick, sh, jsonLines, log }) }, checksFailed: false };
  const hasGrid = !trainOnly && existsSync(path.join(root, 'bench', 'grid_eval.cpp'));
  const targets = trainOnly ? ['mlp_train'] : hasGrid ? ['optim_step', 'grid_eval', 'mlp_train', 'mcts_search'] : ['optim_step', 'mlp_train', 'mcts_search'];
  if (!build(targets)) {
    log('\nbench: the build failed; the output above says why.');
    process.exit(1);
  }
  const python = findPython();
  if (!python) log('bench: no python3 found: the PyTorch columns stay empty.');
  else if (!python.torch) log('bench: PyTorch not installed: apt-get install python3-torch (no torch columns)');
  else log(`bench: PyTorch via ${python.py}`);

  const raw = { optim_step: [], torch_optim: [], grid_eval: [], torch_grid: [] };
  let checksFailed = false;
  const extra = quick ? ['--quick'] : [];
  for (let i = 1; i <= (trainOnly ? 0 : runs); i += 1) {
    log(`run ${i}/${runs}: optim_step…`);
    const r = sh(exe('optim_step'), ['--json', ...extra]);
    if (r.status !== 0) {
      checksFailed = true;
      log(`optim_step exited with ${r.status ?? r.signal}: ${(r.stderr ?? '').trim()}`);
    }
    raw.optim_step.push(...jsonLines(r.stdout));
    if (python) {
      log(`run ${i}/${runs}: torch_optim.py…`);
      const t = sh(python.py, [path.join('bench', 'torch_optim.py'), ...extra], { env: python.env });
      if (t.status !== 0) log(`torch_optim.py exited with ${t.status ?? t.signal}: ${(t.stderr ?? '').trim()}`);
      raw.torch_optim.push(...jsonLines(t.stdout));
    }
    if (hasGrid && existsSync(exe('grid_eval'))) {
      log(`run ${i}/${runs}: grid_eval…`);
      const g = sh(exe('grid_eval'), ['--json', ...extra]);
      if (g.status !== 0) {
        checksFailed = true;
        log(`grid_eval exited with ${g.status ?? g.signal}: ${(g.stderr ?? '').trim()}`);
      }
      raw.grid_eval.push(...jsonLines(g.stdout));
      if (python?.torch && existsSync(path.join(root, 'bench', 'torch_grid.py'))) {
        log(`run ${i}/${runs}: torch_grid.py…`);
        const t = sh(python.py, [path.join('bench', 'torch_grid.py'), ...extra], { env: python.env });
        raw.torch_grid.push(...jsonLines(t.stdout));
      }
    }
  }
  raw.train = measureTrain({ exe, python, runs, quick, sh, jsonLines, log });
  if (!trainOnly) raw.store = measureStore({ root, runs, quick, sh, jsonLines, log });
  // MCTS: one search of 1 000 000 iterations from the empty connect-four board, and the straightforward floor
  if (!trainOnly) raw.mcts = jsonLines(sh(exe('mcts_search'), ['--json', ...(quick ? ['--quick'] : [])]).stdout);
  return { raw, checksFailed: checksFailed || raw.train.failed };
}

const from = argv.includes('--from') ? argv[argv.indexOf('--from') + 1] : null;
const { raw, checksFailed } = from
  ? { raw: JSON.parse(readFileSync(from, 'utf8')).raw, checksFailed: false }
  : measure();

// The optimizer-step table and its goals (when that benchmark ran).
function printOptim() {
  const machine = raw.optim_step.find((o) => o.kind === 'machine');
  const torchMachine = raw.torch_optim.find((o) => o.kind === 'machine');
  const torchError = raw.torch_optim.find((o) => o.kind === 'error' && !o.optimizer);
  const nRuns = raw.optim_step.filter((o) => o.kind === 'machine').length;
  console.log(`\noptimizer step, float32 — ${machine?.threads_all ?? '?'} hardware threads, ` +
    `LLC ${machine?.llc_mib ?? '?'} MiB, median of ${machine?.reps ?? '?'} repetitions, best of ${nRuns} run(s); ` +
    (torchMachine ? `torch ${torchMachine.torch}` : torchError ? torchError.error : 'no torch'));
  const bw = raw.optim_step.filter((o) => o.kind === 'bandwidth');
  for (const threads of [...new Set(bw.map((b) => b.threads))]) {
    for (const isa of [...new Set(bw.map((b) => b.isa))]) {
      const runsOf = bw.filter((b) => b.threads === threads && b.isa === isa);
      if (runsOf.length === 0) continue;
      const each = (f) => runsOf.map((b) => fx(b[f], 1)).join(' / ');
      console.log(`bandwidth, ${threads} thread(s), ${isa.padEnd(8)} GB/s per run: copy ${each('copy_gbps')}, ` +
        `triad ${each('triad_gbps')}, update ${each('update_gbps')}`);
    }
  }
  console.log(`(arrays of ${bw[0]?.array_mib ?? '?'} MiB; the bound uses the best loop of any run on that thread count)`);
  const failed = raw.optim_step.filter((o) => o.kind === 'check' && !o.ok);
  console.log(failed.length === 0 ? 'kernel checks: all passed (vs double reference; same bits on all threads)'
    : `kernel checks FAILED: ${failed.map((o) => o.optimizer).join(', ')} (not timed)`);
  console.log('');
  const bestGbps = new Map();
  for (const b of bw) bestGbps.set(b.threads, Math.max(bestGbps.get(b.threads) ?? 0, b.best_gbps));
  const table = printTable(bestRows(raw.optim_step, 'optim_step'), bestRows(raw.torch_optim, 'torch_optim'), bestGbps);
  console.log('* footprint (θ, g, state) fits in the last-level cache: the DRAM bound does not apply; see ours/floor');
  const goals = printGoals(table, Boolean(torchMachine));
  return { table, goals };
}
const { table, goals } = raw.optim_step.length > 0 ? printOptim() : { table: [], goals: {} };

function printGrid() {
  const gridKey = (o) => `${o.function}|${o.source ?? ''}|${o.side}|${o.threads}`;
  const ours = bestRows(raw.grid_eval, 'grid_eval', { kind: 'grid', key: gridKey, field: 'ns_per_point' });
  const torch = bestRows(raw.torch_grid, 'torch_grid', { kind: 'grid', key: gridKey, field: 'ns_per_point' });
  const bad = raw.grid_eval.filter((o) => o.kind === 'check' && !o.ok);
  console.log(`\ngrid evaluation, float64 (lab::land::evaluate_grid) — best of runs; checks: ${bad.length === 0
    ? 'all passed (same bits as the naive definition, with and without the pool; closed forms within 1e-12)'
    : `FAILED for ${bad.map((o) => `${o.function} ${o.source}`).join(', ')}`}`);
  const widths = [10, 7, 5, 3, 10, 10, 11, 10, 10];
  const row = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : pad(c, widths[i]))).join('  ');
  console.log(row(['function', 'source', 'side', 'thr', 'ours ns/pt', 'inline ns', 'ours/inline', 'torch ns/pt',
    'torch/ours']));
  const rows = [];
  for (const o of ours.values()) {
    const t = torch.get(`${o.function}||${o.side}|${o.threads}`);
    rows.push({ function: o.function, source: o.source, side: o.side, threads: o.threads,
      ours_ns_per_point: o.ns_per_point, inline_ns_per_point: o.inline_ns_per_point,
      ours_over_inline: o.ratio_to_inline,
      torch_ns_per_point: t?.ns_per_point ?? null, torch_over_ours: t ? t.ns_per_point / o.ns_per_point : null });
    const r = rows[rows.length - 1];
    console.log(row([r.function, r.source, r.side, r.threads, fx(r.ours_ns_per_point, 2), fx(r.inline_ns_per_point, 2),
      `${fx(r.ours_over_inline, 2)}x`, fx(r.torch_ns_per_point, 2),
      r.torch_over_ours === null ? '—' : `${fx(r.torch_over_ours, 2)}x`]));
  }
  return rows;
}
const gridTable = raw.grid_eval.length > 0 ? printGrid() : [];
const train = raw.train ? printTrain(raw.train) : null;
const store = raw.store ? printStore(raw.store) : null;
if (!from && !trainOnly && !storeOnly) raw.long = await measureLongRuns({ quick });
if (raw.long) printLongRuns(raw.long);
for (const m of raw.mcts ?? [])
  console.log(`\nMCTS (connect four, empty board, ${m.iterations} iterations, one thread): ${Math.round(m.iterations_per_s).toLocaleString('en')} iterations/s (goal ≥ 1 000 000: ${m.iterations_per_s >= 1e6 ? 'met' : 'NOT met'}); two threads ${Math.round(m.two_threads_iterations_per_s).toLocaleString('en')}/s (${(m.two_threads_iterations_per_s / m.iterations_per_s).toFixed(2)}×, aim 1.8×); the straightforward floor ${Math.round(m.floor_iterations_per_s).toLocaleString('en')}/s`);

if (from) process.exit(0);
const outDir = path.join(root, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = path.join(outDir, `bench-${stamp}.json`);
const record = { date: new Date().toISOString(), quick, runs, table, goals, gridTable, train, store, raw };
writeFileSync(file, JSON.stringify(record, null, 1));
console.log(`\nraw results: ${path.relative(root, file)}`);
process.exit(checksFailed ? 1 : 0);
