// The desktop app's security policy against fakes of Electron's objects: the window's web preferences,
// navigation / redirect / new-window / webview guards, permissions, the app:// file lookup with its
// headers, the one CSP shared by the app, the browser mode and index.html, and the IPC checks.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { resolveAppRequest } from '../../app/main/app-protocol.js';
import { isAppUrl, isExternalWebUrl } from '../../app/main/app-url.js';
import { registerIpc, type IpcEventLike } from '../../app/main/ipc.js';
import { guardContents, guardSession, type SecurityEvent } from '../../app/main/security.js';
import { MIN_HEIGHT, MIN_WIDTH, windowOptions } from '../../app/main/window-options.js';
import { IPC } from '../../app/preload/lab-api.js';
import { rendererCsp, rendererCspDirectives } from '../../src/host/csp.js';
import { FakeSession, FakeWebContents } from './electron-fakes.js';
import { tempHome } from './store-helpers.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

test('window: sandboxed, isolated, no Node, web security on, no webview; preload and version passed', () => {
  const o = windowOptions({ bounds: { x: 10, y: 20, width: 1200, height: 800 }, preload: '/app/preload.cjs', dark: true, args: ['--gradlab-app-version=0.1.0'] });
  const w = o.webPreferences;
  assert.equal(w.sandbox, true);
  assert.equal(w.contextIsolation, true);
  assert.equal(w.nodeIntegration, false);
  assert.equal(w.nodeIntegrationInWorker, false);
  assert.equal(w.nodeIntegrationInSubFrames, false);
  assert.equal(w.webSecurity, true);
  assert.equal(w.allowRunningInsecureContent, false);
  assert.equal(w.webviewTag, false);
  assert.equal(w.navigateOnDragDrop, false);
  assert.equal(w.experimentalFeatures, false);
  assert.equal(w.preload, '/app/preload.cjs');
  assert.deepEqual(w.additionalArguments, ['--gradlab-app-version=0.1.0']);
  assert.deepEqual([o.x, o.y, o.width, o.height, o.minWidth, o.minHeight], [10, 20, 1200, 800, MIN_WIDTH, MIN_HEIGHT]);
  assert.equal(o.show, false, 'shown on ready-to-show');
  assert.equal(o.backgroundColor, '#111318', 'dark theme --bg');
  assert.equal(windowOptions({ bounds: { width: 1000, height: 700 }, preload: 'p', dark: false }).backgroundColor, '#f7f8fa');
});

test('navigation: only within app://gradlab; http(s) goes to the system browser, anything else nowhere', () => {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  const log: SecurityEvent[] = [];
  guardContents(contents, { openExternal: (u) => opened.push(u), log: (e) => log.push(e) });
  assert.equal(contents.fire('will-navigate', 'app://gradlab/index.html#training'), false);
  assert.equal(contents.fire('will-navigate', 'https://example.com/paper.pdf'), true);
  assert.equal(contents.fire('will-navigate', 'http://evil.example/'), true);
  assert.equal(contents.fire('will-navigate', 'file:///etc/passwd'), true);
  assert.equal(contents.fire('will-navigate', 'app://other/index.html'), true);
  assert.equal(contents.fire('will-navigate', 'javascript:alert(1)'), true);
  assert.equal(contents.fire('will-redirect', 'https://example.com/'), true);
  assert.equal(contents.fire('will-navigate', 'https://user:pw@example.com/'), true);
  assert.equal(contents.fire('will-navigate', 'not a url'), true);
  assert.deepEqual(opened, ['https://example.com/paper.pdf', 'http://evil.example/', 'https://example.com/']);
  assert.deepEqual(
    log.map((e) => (e.kind === 'navigation-blocked' ? `${e.url} ${e.external}` : e.kind)),
    ['https://example.com/paper.pdf true', 'http://evil.example/ true', 'file:///etc/passwd false', 'app://other/index.html false', 'javascript:alert(1) false', 'https://example.com/ true', 'https://user:pw@example.com/ false', 'not a url false'],
  );
});

test('new windows are always denied; http(s) ones open in the system browser; webviews never attach', () => {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  guardContents(contents, { openExternal: (u) => opened.push(u) });
  const handler = contents.windowOpenHandler!;
  for (const url of ['https://example.com/docs', 'app://gradlab/index.html', 'file:///tmp/x.html', 'about:blank', 'data:text/html,<script>1</script>'])
    assert.deepEqual(handler({ url }), { action: 'deny' }, url);
  assert.deepEqual(opened, ['https://example.com/docs']);
  assert.equal(contents.fire('will-attach-webview'), true);
});

test('an openExternal that throws or rejects does not break the guard', async () => {
  const contents = new FakeWebContents();
  guardContents(contents, { openExternal: () => Promise.reject(new Error('no browser')) });
  assert.equal(contents.fire('will-navigate', 'https://example.com/'), true);
  const throwing = new FakeWebContents();
  guardContents(throwing, {
    openExternal: () => {
      throw new Error('no browser');
    },
  });
  assert.deepEqual(throwing.windowOpenHandler!({ url: 'https://example.com/' }), { action: 'deny' });
  await new Promise((r) => setImmediate(r)); // no unhandled rejection
});

test('permissions: every request and every check is refused', () => {
  const session = new FakeSession();
  const log: SecurityEvent[] = [];
  guardSession(session, (e) => log.push(e));
  const answers: boolean[] = [];
  for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'hid']) session.request!(null, p, (g) => answers.push(g));
  assert.deepEqual(answers, [false, false, false, false, false, false, false]);
  assert.equal(log.length, 7);
  assert.deepEqual(log[0], { kind: 'permission-denied', permission: 'media' });
  for (const p of ['media', 'clipboard-sanitized-write', 'background-sync']) assert.equal(session.check!(null, p), false);
});

test('URLs: the app origin and the web URLs handed to the system browser', () => {
  assert.equal(isAppUrl('app://gradlab/index.html'), true);
  assert.equal(isAppUrl('app://gradlab/assets/x.js?y#z'), true);
  assert.equal(isAppUrl('app://gradlab.evil/index.html'), false);
  assert.equal(isAppUrl('https://gradlab/index.html'), false);
  assert.equal(isExternalWebUrl('https://pytorch.org/docs'), true);
  assert.equal(isExternalWebUrl('mailto:a@b.c'), false);
  assert.equal(isExternalWebUrl('smb://server/share'), false);
  assert.equal(isExternalWebUrl('https://a:b@host/'), false);
});

test('app:// serves the renderer folder only, with the CSP on HTML and nosniff', () => {
  const dir = tempHome();
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), '1');
  writeFileSync(path.join(path.dirname(dir), 'secret.txt'), 'secret');
  const html = resolveAppRequest('app://gradlab/index.html', dir);
  assert.equal(html.status, 200);
  assert.equal(html.file, path.join(dir, 'index.html'));
  assert.equal(html.headers['Content-Type'], 'text/html; charset=utf-8');
  assert.equal(html.headers['Content-Security-Policy'], rendererCsp());
  assert.match(html.headers['Content-Security-Policy']!, /connect-src 'self'; /);
  assert.match(html.headers['Content-Security-Policy']!, /frame-ancestors 'none'/);
  assert.equal(html.headers['X-Frame-Options'], 'DENY');
  assert.equal(resolveAppRequest('app://gradlab/', dir).file, path.join(dir, 'index.html'));
  const js = resolveAppRequest('app://gradlab/assets/app.js', dir);
  assert.equal(js.headers['Content-Type'], 'text/javascript; charset=utf-8');
  assert.equal(js.headers['X-Content-Type-Options'], 'nosniff');
  assert.equal(js.headers['Content-Security-Policy'], undefined);
  for (const url of ['app://gradlab/../secret.txt', 'app://gradlab/..%2Fsecret.txt', 'app://gradlab/%2e%2e/secret.txt', 'app://gradlab/assets/../../secret.txt', 'app://gradlab/missing.js', 'app://other/index.html', 'app://gradlab/%E0%A4%A', 'app://gradlab/assets'])
    assert.equal(resolveAppRequest(url, dir).status, 404, url);
});

test('one CSP: index.html’s meta tag says what the header says (less frame-ancestors, which a meta cannot)', () => {
  const html = readFileSync(path.join(repo, 'app', 'renderer', 'index.html'), 'utf8');
  const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.ok(meta, 'index.html has a CSP meta tag');
  const parse = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...src]) => [name!, src.join(' ')]));
  const want = new Map(rendererCspDirectives().filter(([n]) => n !== 'frame-ancestors').map(([n, s]) => [n, s.join(' ')]));
  assert.deepEqual(parse(meta), want);
  const policy = new Map(rendererCspDirectives().map(([n, s]) => [n, s.join(' ')]));
  assert.equal(policy.get('script-src'), "'self'");
  assert.equal(policy.get('object-src'), "'none'");
  assert.equal(policy.get('connect-src'), "'self'", 'no WebSocket to any other local port');
  assert.equal(policy.get('frame-ancestors'), "'none'");
});

class FakeIpc {
  readonly on = (channel: string, fn: (e: IpcEventLike<string>, ...a: unknown[]) => void) => this.listeners.set(channel, fn);
  readonly handle = (channel: string, fn: (e: IpcEventLike<string>, ...a: unknown[]) => unknown) => void this.handlers.set(channel, fn);
  readonly listeners = new Map<string, (e: IpcEventLike<string>, ...a: unknown[]) => void>();
  readonly handlers = new Map<string, (e: IpcEventLike<string>, ...a: unknown[]) => unknown>();
}

test('IPC: only the app’s own page is heard, and every argument is checked again in main', async () => {
  const ipc = new FakeIpc();
  const calls: string[] = [];
  registerIpc<string>(ipc, {
    requestHostPort: (s) => calls.push(`port ${s}`),
    openExternal: (u) => calls.push(`open ${u}`),
    saveFile: async (s, name, data) => (calls.push(`save ${s} ${name} ${data.length}`), `/tmp/${name}`),
    setUiLanguage: (l) => calls.push(`lang ${l}`),
    smokeResult: (json) => calls.push(`smoke ${json}`),
  });
  assert.deepEqual([...ipc.listeners.keys()].sort(), [IPC.requestHostPort, IPC.setUiLanguage, IPC.smokeResult].sort());
  assert.deepEqual([...ipc.handlers.keys()].sort(), [IPC.openExternal, IPC.saveFile].sort());
  const app = { sender: 'win', senderFrame: { url: 'app://gradlab/index.html' } };
  const foreign = { sender: 'win', senderFrame: { url: 'https://evil.example/' } };
  ipc.listeners.get(IPC.requestHostPort)!(app);
  ipc.listeners.get(IPC.requestHostPort)!(foreign);
  ipc.listeners.get(IPC.requestHostPort)!({ sender: 'win', senderFrame: null });
  ipc.listeners.get(IPC.setUiLanguage)!(app, 'zh-CN');
  ipc.listeners.get(IPC.setUiLanguage)!(app, 'fr');
  ipc.listeners.get(IPC.smokeResult)!(foreign, '{"ok":true}');
  ipc.listeners.get(IPC.smokeResult)!(app, { ok: true });
  ipc.listeners.get(IPC.smokeResult)!(app, 'x'.repeat(100_001));
  const open = ipc.handlers.get(IPC.openExternal)!;
  assert.equal(open(app, 'https://example.com/'), true);
  assert.equal(open(app, 'file:///etc/passwd'), false);
  assert.equal(open(foreign, 'https://example.com/'), false);
  assert.equal(open(app, 42), false);
  const save = ipc.handlers.get(IPC.saveFile)!;
  assert.equal(await save(app, 'run-1.csv', 'a,b\n'), '/tmp/run-1.csv');
  assert.equal(await save(app, 'run-1.glrun', new Uint8Array(7)), '/tmp/run-1.glrun');
  assert.equal(await save(foreign, 'x.csv', 'a'), null);
  await assert.rejects(async () => save(app, '../../.bashrc', 'x'), /plain file name/);
  await assert.rejects(async () => save(app, 'a/b.csv', 'x'), /plain file name/);
  await assert.rejects(async () => save(app, 'a\\b.csv', 'x'), /plain file name/);
  await assert.rejects(async () => save(app, 'a\nb.csv', 'x'), /plain file name/);
  await assert.rejects(async () => save(app, '..', 'x'), /plain file name/);
  await assert.rejects(async () => save(app, 'x.csv', { length: 1 }), /Uint8Array or a string/);
  ipc.listeners.get(IPC.smokeResult)!(app, '{"ok":true,"passed":[]}');
  assert.deepEqual(calls, ['port win', 'lang zh-CN', 'open https://example.com/', 'save win run-1.csv 4', 'save win run-1.glrun 7', 'smoke {"ok":true,"passed":[]}']);
});
