// `npm start` (scripts/start.mjs): without the Electron binary it says so in one line and starts the
// browser mode, whose printed URL serves the UI; with one (a stand-in executable through
// ELECTRON_OVERRIDE_DIST_PATH) it launches it on the project folder with the arguments after "--".
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { tempHome } from './store-helpers.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const start = path.join(repo, 'scripts', 'start.mjs');

function lines(child: ReturnType<typeof spawn>, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      const got = text.split('\n');
      if (got.length > count) resolve(got.slice(0, count));
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} after: ${text}`)));
  });
}

test('npm start without Electron: one line saying so, then the browser mode serving the UI', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, GRADLAB_HOME: tempHome() };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  const child = spawn(process.execPath, [start], { cwd: repo, env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [first, second] = await lines(child, 2);
    assert.match(first!, /^Electron is not installed \(.+\); starting the browser mode instead: gradlab serve$/);
    const url = /^Gradient Lab is serving on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(second!)?.[1];
    assert.ok(url, second);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
});

test('npm start with an Electron binary launches it on the project folder', { skip: process.platform === 'win32' && 'the stand-in binary is a shell script' }, async () => {
  const dist = tempHome();
  const fakeElectron = path.join(dist, 'electron');
  writeFileSync(fakeElectron, '#!/bin/sh\necho "electron $*"\n');
  chmodSync(fakeElectron, 0o755);
  const child = spawn(process.execPath, [start, '--', '--lang=zh-CN'], { cwd: repo, env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await lines(child, 1);
  assert.equal(line, `electron ${repo.replace(/\/$/, '')} --lang=zh-CN`);
  const code = await new Promise((r) => child.once('exit', r));
  assert.equal(code, 0);
});
