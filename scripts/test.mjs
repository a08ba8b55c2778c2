#!/usr/bin/env node
// `npm test`: everything that checks the project, in order — lint, type-check + compile (tsc, the
// renderer's too), C++ tests (CMake + ctest, in the addon's tree build/addon), renderer unit tests (vitest over
// test/renderer), node tests (node:test over dist/test/node, the end-to-end browser tests included).
// Ends with one line "N passed, N failed, N skipped" (tests counted from ctest, vitest's JSON report and
// node's runner, skipped and todo tests included — scripts/test-totals.mjs; lint and type-check count as
// one check each when they fail).
//   --only cpp|node     run one ring
//   GRADLAB_TEST_ASAN=1 also builds the C++ tests with AddressSanitizer + UBSan and runs them
//   CI=true             a skipped test fails the run: every skipped C++ or vitest test, and in the node
//                       ring every skipped end-to-end test (E*.test.ts) or tooling test (70.tooling)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { describeSkip, isCi, nodeTotals, parseCtest, strictTotals, totalsLine, vitestTotals } from './test-totals.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const jobs = String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
const ci = isCi(process.env);
let passed = 0;
let failed = 0;
let skipped = 0;
const started = Date.now();
const timings = [];
/** Prints and keeps how long one ring took, for the summary at the end. */
function timed(name, fn) {
  const t0 = Date.now();
  const result = fn();
  const seconds = (Date.now() - t0) / 1000;
  timings.push(`${name} ${seconds.toFixed(1)} s`);
  console.log(`=== ${name}: ${seconds.toFixed(1)} s`);
  return result;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: opts.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...opts.env } });
  if (opts.capture) {
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
  }
  return r;
}

/** Adds one ring's totals, naming its skipped tests and, in CI, the skips that count as failures. */
function add(ring, t) {
  passed += t.passed;
  failed += t.failed;
  skipped += t.skipped;
  const failing = new Set(t.skipFailures);
  const plain = t.skippedTests.filter((s) => !failing.has(s));
  if (plain.length > 0) {
    console.log(`=== ${ring}: ${plain.length} skipped`);
    for (const s of plain) console.log(`  skipped: ${describeSkip(s)}`);
  }
  if (t.skipFailures.length > 0) {
    console.log(`=== ${ring}: ${t.skipFailures.length} skipped in CI, counted as failed`);
    for (const s of t.skipFailures) console.log(`  FAILED (skipped): ${describeSkip(s)}`);
  }
}

function step(name, cmd, args) {
  console.log(`\n=== ${name}`);
  const r = run(cmd, args);
  if (r.status !== 0) {
    failed += 1;
    console.log(`=== ${name}: FAILED`);
    return false;
  }
  return true;
}

function ctest(buildDir, extra = []) {
  console.log(`\n=== C++ tests (${buildDir})`);
  const conf = run('cmake', ['-S', '.', '-B', buildDir, '-DCMAKE_BUILD_TYPE=Release', ...extra]);
  const build = conf.status === 0 && run('cmake', ['--build', buildDir, '--parallel', jobs]);
  if (!build || build.status !== 0) {
    failed += 1;
    console.log('=== C++ build: FAILED');
    return;
  }
  const r = run('ctest', ['--test-dir', buildDir, '--output-on-failure'], { capture: true });
  const t = parseCtest(r.stdout ?? '');
  if (t) add(`C++ (${buildDir})`, strictTotals(t, ci));
  else if (r.status !== 0) failed += 1;
}

function nodeTests() {
  console.log('\n=== node tests');
  if (!existsSync(path.join(root, 'build', 'addon', 'Release', 'gradlab.node'))) {
    run(process.execPath, ['scripts/build.mjs', '--native-only']);
  }
  // the spec reporter for people, and ours (scripts/test-totals.mjs) for which test of which file was skipped
  const skips = path.join(os.tmpdir(), `gradlab-node-skips-${process.pid}.jsonl`);
  rmSync(skips, { force: true });
  const reporter = pathToFileURL(path.join(root, 'scripts', 'test-totals.mjs')).href;
  const r = run(process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', `--test-reporter=${reporter}`, `--test-reporter-destination=${skips}`, 'dist/test/node/'], { capture: true });
  const text = `${r.stdout}\n${r.stderr}`;
  let events = null;
  try {
    events = readFileSync(skips, 'utf8');
    rmSync(skips, { force: true });
  } catch {
    // no file from our reporter: the skipped tests are named from the spec lines, their files unknown
  }
  const t = nodeTotals(text, events, { ci });
  if (t) {
    add('node tests', t);
    if (r.status !== 0 && t.failed === 0) failed += 1; // node failed without a failed test: count it
  } else if (r.status !== 0) failed += 1;
}

function rendererTests() {
  console.log('\n=== renderer unit tests (vitest)');
  const report = path.join(os.tmpdir(), `gradlab-vitest-${process.pid}.json`);
  const vitest = path.join('node_modules', 'vitest', 'vitest.mjs');
  const r = run(process.execPath, [vitest, 'run', '--config', 'app/renderer/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  let t;
  try {
    t = vitestTotals(JSON.parse(readFileSync(report, 'utf8')));
    rmSync(report, { force: true });
  } catch {
    failed += 1;
    return;
  }
  for (const b of t.brokenFiles) console.log(`=== renderer unit tests: ${b.file} failed to run${b.message ? `: ${b.message}` : ''}`);
  add('renderer unit tests', strictTotals(t, ci));
  if (r.status !== 0 && t.failed === 0) failed += 1; // vitest failed without a failed test: count it
}

const tsc = path.join('node_modules', 'typescript', 'bin', 'tsc');
const eslint = path.join('node_modules', 'eslint', 'bin', 'eslint.js');
if (!only) timed('lint', () => step('lint (eslint)', process.execPath, [eslint, '.']));
if (!only || only === 'node') {
  timed('tsc', () => {
    step('type-check and compile (tsc)', process.execPath, [tsc, '-p', 'tsconfig.json']);
    step('type-check the renderer (tsc)', process.execPath, [tsc, '-p', 'app/renderer/tsconfig.json']);
    step('type-check and compile the desktop main and preload (tsc)', process.execPath, [tsc, '-b', 'app/main/tsconfig.json', 'app/preload/tsconfig.json']);
  });
}
if (!only || only === 'cpp') {
  // the addon's own tree (npm install built it with cmake-js): the tests link the core objects it holds
  if (!existsSync(path.join(root, 'build', 'addon', 'CMakeCache.txt'))) run(process.execPath, ['scripts/build.mjs', '--native-only']);
  timed('C++', () => ctest('build/addon', ['-DGRADLAB_TESTS=ON', '-DGRADLAB_BENCH=OFF']));
  if (process.env.GRADLAB_TEST_ASAN === '1') timed('C++ under ASan+UBSan', () => ctest('build/asan', ['-DGRADLAB_SANITIZE=ON', '-DGRADLAB_BENCH=OFF']));
}
if (!only || only === 'node') timed('renderer unit tests', rendererTests);
if (!only || only === 'node') timed('node tests', nodeTests);

console.log(`\ntimes: ${timings.join(' · ')} · total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`\n${totalsLine({ passed, failed, skipped })}`);
process.exitCode = failed === 0 ? 0 : 1;
