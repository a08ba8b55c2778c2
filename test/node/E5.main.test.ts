// The desktop app's real main process (app/main/main.ts, compiled) run under Node against a fake
// `electron` (fake-electron.ts via electron-hooks.ts): single-instance lock, the app:// scheme and its
// handler with the CSP, the sandbox, the guarded window with its secure options and saved state, the
// menu, permissions, the host forked as a utility process, a renderer's port request, a host crash
// restarted with the interrupted runs reported and a new port handed, a second launch, and quitting.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { rendererCsp } from '../../src/host/csp.js';
import { tempHome } from './store-helpers.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const ready = (interrupted: unknown[] = []) => ({ type: 'ready', store: 'x', interrupted });
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

test('main process under a fake Electron', async (t) => {
  const out = tempHome();
  const built = spawnSync(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'app/main/tsconfig.json', '--outDir', out], { cwd: repo, encoding: 'utf8' });
  assert.equal(built.status, 0, `tsc -p app/main/tsconfig.json: ${built.stdout}${built.stderr}`);
  writeFileSync(path.join(out, 'package.json'), '{"type": "module"}\n');

  register('./electron-hooks.js', import.meta.url);
  const { fake, app, ipcMain, FakeContents } = await import('./fake-electron.js');
  const appPath = tempHome();
  mkdirSync(path.join(appPath, 'app', 'renderer', 'dist'), { recursive: true });
  writeFileSync(path.join(appPath, 'app', 'renderer', 'dist', 'index.html'), '<!doctype html><title>lab</title>');
  fake.appPath = appPath;
  fake.userData = tempHome();
  writeFileSync(path.join(fake.userData, 'window-state.json'), JSON.stringify({ x: 40, y: 30, width: 1200, height: 800, maximized: true, lang: 'zh-CN' }));
  const store = tempHome();
  process.env.GRADLAB_HOME = store;
  await import(pathToFileURL(path.join(out, 'app', 'main', 'main.js')).href);
  await tick();

  await t.test('before ready: one instance, the app:// scheme privileged, every renderer sandboxed', () => {
    assert.deepEqual(fake.schemes, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    assert.equal(fake.sandboxEnabled, true);
  });

  const win = fake.windows[0]!;
  await t.test('one window: secure options, the preload, the saved state, app://gradlab/index.html', () => {
    assert.equal(fake.windows.length, 1);
    const o = win.options as { x: number; y: number; width: number; height: number; show: boolean; webPreferences: Record<string, unknown> };
    assert.deepEqual([o.x, o.y, o.width, o.height, o.show], [40, 30, 1200, 800, false]);
    assert.equal(win.maximized, true);
    const w = o.webPreferences;
    assert.deepEqual([w.sandbox, w.contextIsolation, w.nodeIntegration, w.webSecurity, w.webviewTag], [true, true, false, true, false]);
    assert.equal(w.preload, path.join(appPath, 'dist-electron', 'app', 'preload', 'preload.cjs'));
    assert.deepEqual(w.additionalArguments, ['--gradlab-app-version=0.1.0']);
    assert.equal(win.url, 'app://gradlab/index.html');
    win.emit('ready-to-show');
    assert.deepEqual(win.calls, ['show']);
  });

  await t.test('the window’s contents are guarded; permissions refused', () => {
    assert.equal(win.webContents.windowOpen!({ url: 'https://example.com/' }).action, 'deny');
    let prevented = false;
    win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    assert.equal(prevented, true);
    const other = new FakeContents();
    app.emit('web-contents-created', {}, other);
    assert.equal(other.windowOpen!({ url: 'about:blank' }).action, 'deny', 'any web contents, not just the window’s');
    let granted: boolean | null = null;
    fake.permissionRequest!(null, 'media', (g) => (granted = g));
    assert.equal(granted, false);
    assert.equal(fake.permissionCheck!(null, 'notifications'), false);
  });

  await t.test('app:// serves the renderer with the desktop CSP', async () => {
    const res = await fake.handlers.get('app')!(new Request('app://gradlab/index.html'));
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '<!doctype html><title>lab</title>');
    assert.equal(res.headers.get('content-security-policy'), rendererCsp());
    assert.equal((await fake.handlers.get('app')!(new Request('app://gradlab/../../etc/passwd'))).status, 404);
  });

  await t.test('the menu follows the saved UI language, and the page’s', () => {
    assert.equal((fake.menus.at(-1)![0] as { label: string }).label, '文件');
    const event = { sender: win.webContents, senderFrame: { url: 'app://gradlab/index.html' } };
    ipcMain.emit('gradlab:set-ui-language', event, 'en');
    assert.equal((fake.menus.at(-1)![0] as { label: string }).label, 'File');
  });

  const host = fake.forks[0]!;
  await t.test('the host runs in a utility process on the store folder; a renderer gets a port once it is ready', () => {
    assert.equal(fake.forks.length, 1);
    assert.equal(host.modulePath, path.join(appPath, 'dist', 'src', 'host', 'utility-entry.js'));
    assert.deepEqual(host.args, [`--home=${store}`]);
    const event = { sender: win.webContents, senderFrame: { url: 'app://gradlab/index.html' } };
    ipcMain.emit('gradlab:request-host-port', event);
    ipcMain.emit('gradlab:request-host-port', { sender: win.webContents, senderFrame: { url: 'https://evil.example/' } });
    assert.equal(win.webContents.received.length, 0);
    host.emit('message', ready());
    assert.equal(win.webContents.received.length, 1, 'one port, for the app page only');
    assert.equal(win.webContents.received[0]!.channel, 'gradlab:host-port');
    const rendererEnd = (win.webContents.received[0]!.ports[0] as { id: string }).id;
    assert.deepEqual(host.posted, [{ message: { type: 'connect' }, ports: [{ id: rendererEnd.replace('renderer', 'host') }] }]);
    assert.equal(fake.dialogs.length, 0, 'a clean start says nothing');
  });

  await t.test('a host crash: restarted after the back-off, interrupted runs reported, a new port handed', async () => {
    host.emit('exit', 139);
    await tick(600);
    assert.equal(fake.forks.length, 2);
    fake.forks[1]!.emit('message', ready([{ id: 5, name: 'adam on rosenbrock', lab: 'race', steps: 900 }]));
    await tick();
    assert.equal(win.webContents.received.length, 2);
    assert.deepEqual(fake.dialogs.at(-1), {
      type: 'warning',
      title: 'Gradient Lab',
      message: 'The lab host stopped unexpectedly (exit code 139) and has been restarted.',
      detail: 'These runs were interrupted; their points up to then are saved:\n#5 adam on rosenbrock (race, 900 steps)',
      buttons: ['OK'],
      noLink: true,
    });
  });

  await t.test('a second launch focuses the window', () => {
    app.emit('second-instance');
    assert.deepEqual(win.calls.slice(-3), ['restore', 'show', 'focus']);
  });

  await t.test('quitting asks the host to shut down first, then quits', async () => {
    app.quit();
    assert.equal(fake.quitted, false, 'waits for the host');
    const current = fake.forks[1]!;
    assert.deepEqual(current.posted.at(-1), { message: { type: 'shutdown' }, ports: [] });
    current.emit('message', { type: 'closed' });
    current.emit('exit', 0);
    await tick();
    assert.equal(fake.quitted, true);
    assert.equal(fake.forks.length, 2, 'no restart after a shutdown');
  });
});
