#!/usr/bin/env node
// Builds everything `npm install` must leave ready: the digits file (scripts/build-digits.mjs →
// build/data/digits.u8), the native addon (cmake-js → build/addon/Release/gradlab.node), the
// TypeScript sources (tsc → dist/; the desktop main and preload → dist-electron/) and the renderer
// (vite → app/renderer/dist/).
// Runs as the package's postinstall.
//   node scripts/build.mjs                 both
//   node scripts/build.mjs --native-only   the addon only
//   node scripts/build.mjs --check-toolchain  only check that cmake and a compiler are there
// Before building it checks for cmake and a C++ compiler and, if one is missing, says in one sentence
// what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

function has(cmd, versionArg = '--version') {
  const r = spawnSync(cmd, [versionArg], { stdio: 'ignore', shell: process.platform === 'win32' });
  return r.status === 0;
}

function fail(sentence) {
  console.error(`\ngradient-lab: ${sentence}\n`);
  process.exit(1);
}

function run(cmd, argv, what) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) fail(`${what} failed (exit code ${r.status ?? r.signal}); the output above says why.`);
}

function checkToolchain() {
  const platform = process.platform;
  if (!has('cmake')) {
    const how =
      platform === 'darwin'
        ? 'install it with `brew install cmake`'
        : platform === 'win32'
          ? 'install it from the Visual Studio Installer ("C++ CMake tools") or with `winget install Kitware.CMake`'
          : 'install it with `sudo apt-get install cmake` (or your distribution\'s cmake package)';
    fail(`CMake (3.20 or newer) is needed to build the native engine and was not found on PATH: ${how}, then run \`npm install\` again.`);
  }
  if (platform !== 'win32') {
    const cxx = process.env.CXX;
    const found = (cxx && has(cxx)) || has('c++') || has('g++') || has('clang++');
    if (!found) {
      const how =
        platform === 'darwin'
          ? 'install the Xcode command-line tools with `xcode-select --install`'
          : 'install one with `sudo apt-get install g++` (or your distribution\'s C++ compiler, g++ 11+ or clang 14+)';
      fail(`A C++20 compiler is needed to build the native engine and none was found: ${how}, then run \`npm install\` again.`);
    }
  }
}

checkToolchain();
if (args.has('--check-toolchain')) process.exit(0);
const cmakeJs = path.join(root, 'node_modules', 'cmake-js', 'bin', 'cmake-js');
if (!existsSync(cmakeJs)) fail('cmake-js is missing from node_modules: run `npm install` in the project folder first.');
const jobs = String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
run(process.execPath, [path.join('scripts', 'build-digits.mjs')], 'Preparing the handwritten digits (build/data/digits.u8)');
run(process.execPath, [cmakeJs, 'compile', '--out', 'build/addon', '--target', 'gradlab_addon', '--parallel', jobs, '--log-level', 'warn'], 'Building the native addon');

if (!args.has('--native-only')) {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (existsSync(tsc)) {
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], 'Compiling TypeScript');
    run(process.execPath, [tsc, '-b', 'app/main/tsconfig.json', 'app/preload/tsconfig.json'], 'Compiling the desktop main process and preload');
    const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    run(process.execPath, [vite, 'build', '--config', 'app/renderer/vite.config.ts', '--logLevel', 'warn'], 'Building the user interface (vite)');
  } else {
    fail('TypeScript is missing from node_modules (installed with --omit=dev?): run `npm install` without --omit=dev.');
  }
}
