#!/usr/bin/env node
// `npm test`: everything that checks the project, in order — lint, type-check + compile (tsc, the
// renderer's too), C++ tests (CMake + ctest, in the addon's tree build/addon), renderer unit tests (vitest over
// test/renderer), node tests (node:test over dist/test/node, the end-to-end browser tests included).
// Ends with one line "N passed, N failed" (tests counted from ctest, vitest's JSON report and node's
// runner; lint and type-check count as one check each when they fail).
//   --only cpp|node     run one ring
//   GRADLAB_TEST_ASAN=1 also builds the C++ tests with AddressSanitizer + UBSan and runs them
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const jobs = String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
let passed = 0;
let failed = 0;
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
  const m = /(\d+)% tests passed, (\d+) tests failed out of (\d+)/.exec(r.stdout ?? '');
  if (m) {
    const total = Number(m[3]);
    const bad = Number(m[2]);
    passed += total - bad;
    failed += bad;
  } else if (r.status !== 0) failed += 1;
}

function nodeTests() {
  console.log('\n=== node tests');
  if (!existsSync(path.join(root, 'build', 'addon', 'Release', 'gradlab.node'))) {
    run(process.execPath, ['scripts/build.mjs', '--native-only']);
  }
  const r = run(process.execPath, ['--test', '--test-reporter=spec', 'dist/test/node/'], { capture: true });
  const text = `${r.stdout}\n${r.stderr}`;
  const pass = /(?:ℹ|#) pass (\d+)/.exec(text);
  const fail = /(?:ℹ|#) fail (\d+)/.exec(text);
  if (pass && fail) {
    passed += Number(pass[1]);
    failed += Number(fail[1]);
  } else if (r.status !== 0) failed += 1;
}

function rendererTests() {
  console.log('\n=== renderer unit tests (vitest)');
  const report = path.join(os.tmpdir(), `gradlab-vitest-${process.pid}.json`);
  const vitest = path.join('node_modules', 'vitest', 'vitest.mjs');
  const r = run(process.execPath, [vitest, 'run', '--config', 'app/renderer/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  try {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests + (j.numFailedTestSuites ?? 0);
    rmSync(report, { force: true });
  } catch {
    failed += 1;
  }
  if (r.status !== 0 && failed === 0) failed += 1;
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
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
