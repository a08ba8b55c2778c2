#!/usr/bin/env node
// `npm start`: launches the desktop app (Electron) from this checkout — or, when the Electron binary is
// not installed (its download was skipped or impossible, as offline), says so in one line and starts
// the browser mode instead (`gradlab serve`, which prints the URL to open).
//   node scripts/start.mjs [--browser] [-- args for electron or gradlab serve]
// Builds what is missing first (the addon, dist/, dist-electron/, the renderer); after changing code,
// run `npm run build` (or the single tsc/vite step) — start does not rebuild what exists.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const browserOnly = argv.includes('--browser');
// the app's own flags: whatever follows a `--`, and --smoke (the app tests itself: app/main/smoke.ts)
const afterDashes = argv.includes('--') ? argv.slice(argv.indexOf('--') + 1) : [];
const ours = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
const passThrough = [...afterDashes, ...(ours.includes('--smoke') ? ['--smoke'] : [])];
const at = (...p) => path.join(root, ...p);

function run(args, what) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`gradient-lab: ${what} failed (exit code ${r.status ?? r.signal}); the output above says why.`);
    process.exit(1);
  }
}

/** The Electron executable as node_modules/electron/index.js finds it, or why there is none. */
function electronBinary() {
  const pkg = at('node_modules', 'electron');
  if (!existsSync(path.join(pkg, 'package.json'))) return { missing: 'the electron package is not in node_modules' };
  const pathFile = path.join(pkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!name && !override) return { missing: 'its binary was never downloaded: node_modules/electron/path.txt is missing' };
  const file = override ? path.join(override, name || 'electron') : path.join(pkg, 'dist', name);
  return existsSync(file) ? { file } : { missing: `${path.relative(root, file)} does not exist` };
}

function buildWhatIsMissing(desktop) {
  const tsc = at('node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(at('build', 'addon', 'Release', 'gradlab.node'))) run(['scripts/build.mjs', '--native-only'], 'Building the native addon');
  if (!existsSync(at('dist', 'src', 'cli', 'main.js')) || !existsSync(at('dist', 'src', 'host', 'utility-entry.js'))) run([tsc, '-p', 'tsconfig.json'], 'Compiling TypeScript');
  if (!existsSync(at('app', 'renderer', 'dist', 'index.html'))) run([at('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'app/renderer/vite.config.ts', '--logLevel', 'warn'], 'Building the user interface (vite)');
  if (desktop && !existsSync(at('dist-electron', 'app', 'main', 'main.js'))) run([tsc, '-p', 'app/main/tsconfig.json'], 'Compiling the desktop main process');
  if (desktop && !existsSync(at('dist-electron', 'app', 'preload', 'preload.cjs'))) run([tsc, '-p', 'app/preload/tsconfig.json'], 'Compiling the desktop preload');
}

/** Runs a child in the foreground: signals go to it, its exit code is ours. */
function foreground(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = browserOnly ? { missing: 'the browser mode was asked for (--browser)' } : electronBinary();
buildWhatIsMissing(!electron.missing);
if (electron.file) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make the binary a plain Node
  foreground(electron.file, [root, ...passThrough], env);
} else if (passThrough.includes('--smoke')) {
  console.error(`gradlab smoke test FAILED: it tests the desktop app, and Electron is not installed (${electron.missing})`);
  process.exit(1);
} else {
  console.log(`Electron is not installed (${electron.missing}); starting the browser mode instead: gradlab serve`);
  foreground(process.execPath, [at('bin', 'gradlab.js'), 'serve', ...passThrough]);
}
