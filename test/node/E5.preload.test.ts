// The preload, run as Electron runs a sandboxed preload (a CommonJS function given `require`, with
// only `electron` requirable) against fake contextBridge / ipcRenderer / window: it exposes exactly
// LabApi's named functions (never ipcRenderer), checks arguments before anything crosses to main,
// forwards the host's port into the page as the "gradlab:host-port" message, and uses LabApi's channels.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

import ts from 'typescript';

import { HOST_PORT_MESSAGE, IPC, type LabApi } from '../../app/preload/lab-api.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE = path.join(repo, 'app', 'preload', 'preload.cts');
const BUILT = path.join(repo, 'dist-electron', 'app', 'preload', 'preload.cjs');

interface Loaded {
  api: LabApi;
  exposedAs: string;
  sent: unknown[][];
  invoked: unknown[][];
  posted: unknown[][];
  required: string[];
  ipc: EventEmitter;
}

/** The preload's CommonJS code: the built file when there is one, else compiled here the same way. */
function preloadCode(): string {
  if (existsSync(BUILT) && readFileSync(BUILT, 'utf8').length > 0) return readFileSync(BUILT, 'utf8');
  return ts.transpileModule(readFileSync(SOURCE, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
}

function load(code: string, argv: string[] = ['/opt/gradlab', '--gradlab-app-version=0.1.0']): Loaded {
  const sent: unknown[][] = [];
  const invoked: unknown[][] = [];
  const posted: unknown[][] = [];
  const required: string[] = [];
  const ipc = new EventEmitter();
  let api: LabApi | undefined;
  let exposedAs = '';
  const electron = {
    contextBridge: {
      exposeInMainWorld(name: string, value: LabApi) {
        exposedAs = name;
        api = value;
      },
    },
    ipcRenderer: Object.assign(ipc, {
      send: (...a: unknown[]) => void sent.push(a),
      invoke: async (...a: unknown[]) => (invoked.push(a), a[0] === IPC.saveFile ? '/home/u/Downloads/run.csv' : true),
    }),
  };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name} (a sandboxed preload can require only electron)`);
  };
  const fn = vm.runInNewContext(`(function (exports, require, module, process, window) {${code}\n})`, { URL, TypeError, RangeError, Object, Promise, Uint8Array });
  const module = { exports: {} };
  fn(module.exports, sandboxRequire, module, { argv, versions: { electron: '39.8.10', chrome: '142.0', node: '22.20.0' }, platform: 'linux' }, { postMessage: (...a: unknown[]) => void posted.push(a) });
  assert.ok(api, 'the preload exposed an API');
  return { api, exposedAs, sent, invoked, posted, required, ipc };
}

test('preload: window.gradlab has exactly LabApi’s members, and requires only electron', () => {
  const p = load(preloadCode());
  assert.equal(p.exposedAs, 'gradlab');
  assert.deepEqual(p.required, ['electron']);
  assert.deepEqual(Object.keys(p.api).sort(), ['isDesktop', 'onOpenFile', 'openExternal', 'reportSmoke', 'requestHostPort', 'saveFile', 'setUiLanguage', 'smoke', 'versions']);
  for (const [k, v] of Object.entries(p.api)) assert.ok(typeof v !== 'object' || k === 'versions', `${k} is a function or a value, not an object handing out more`);
  assert.equal(p.api.isDesktop, true);
  assert.deepEqual({ ...p.api.versions }, { app: '0.1.0', electron: '39.8.10', chrome: '142.0', node: '22.20.0', platform: 'linux' });
  assert.ok(Object.isFrozen(p.api.versions));
  assert.ok(!Object.values(p.api).includes(p.ipc), 'ipcRenderer is never exposed');
});

test('preload: the host port from main reaches the page as the gradlab:host-port window message', () => {
  const p = load(preloadCode());
  p.api.requestHostPort();
  assert.deepEqual(p.sent, [[IPC.requestHostPort]]);
  const port = { name: 'renderer end' };
  p.ipc.emit(IPC.hostPort, { ports: [port] });
  assert.equal(p.posted.length, 1);
  assert.equal(p.posted[0]![0], HOST_PORT_MESSAGE);
  assert.equal(p.posted[0]![1], '*');
  assert.deepEqual(Array.from(p.posted[0]![2] as unknown[]), [port]);
  assert.equal((p.posted[0]![2] as unknown[])[0], port, 'the very port, transferred');
});

test('preload: arguments checked before anything crosses to main', async () => {
  const p = load(preloadCode());
  assert.equal(await p.api.openExternal('https://pytorch.org/'), true);
  for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'gradlab://x', '', 42 as unknown as string]) assert.equal(await p.api.openExternal(bad), false, String(bad));
  assert.deepEqual(p.invoked, [[IPC.openExternal, 'https://pytorch.org/']]);
  assert.equal(await p.api.saveFile('run-3.csv', 'series,step\n'), '/home/u/Downloads/run.csv');
  await assert.rejects(p.api.saveFile('', 'x'), /name must be/);
  await assert.rejects(p.api.saveFile('x.csv', { length: 3 } as unknown as string), /Uint8Array or a string/);
  assert.equal(p.invoked.length, 2);
  p.api.setUiLanguage('zh-CN');
  p.api.setUiLanguage('de' as 'en');
  assert.deepEqual(p.sent, [[IPC.setUiLanguage, 'zh-CN']]);
});

test('preload: a file opened from the menu reaches the page\'s one listener, only a name with bytes', () => {
  const p = load(preloadCode());
  const heard: [string, number][] = [];
  p.ipc.emit(IPC.openedFile, {}, 'early.json', new Uint8Array([1]));  // before any listener: dropped
  p.api.onOpenFile((name, data) => void heard.push([name, data.length]));
  p.ipc.emit(IPC.openedFile, {}, 'week3.zip', new Uint8Array([80, 75, 3, 4]));
  p.ipc.emit(IPC.openedFile, {}, 42, new Uint8Array([1]));
  p.ipc.emit(IPC.openedFile, {}, 'x.json', 'not bytes');
  assert.deepEqual(heard, [['week3.zip', 4]]);
  assert.throws(() => p.api.onOpenFile('nope' as unknown as () => void), /listener must be a function/);
});

test('preload: its channel names are LabApi’s (the sandboxed file repeats them)', () => {
  const src = readFileSync(SOURCE, 'utf8');
  for (const [key, channel] of Object.entries(IPC)) assert.ok(src.includes(`${key}: '${channel}'`), `${key}: '${channel}' in preload.cts`);
  assert.ok(src.includes(`const HOST_PORT_MESSAGE = '${HOST_PORT_MESSAGE}'`));
  assert.doesNotMatch(src.replace(/import type[^;]+;/g, ''), /from '\.\//, 'no value import of a local module');
});

test('preload: smoke mode only when main passes --gradlab-smoke; the report goes to main as a string', () => {
  const normal = load(preloadCode());
  assert.equal(normal.api.smoke, false);
  const p = load(preloadCode(), ['/opt/gradlab', '--gradlab-app-version=0.1.0', '--gradlab-smoke']);
  assert.equal(p.api.smoke, true);
  p.api.reportSmoke('{"ok":true,"passed":[]}');
  p.api.reportSmoke({ ok: true } as unknown as string); // not a string: dropped
  assert.deepEqual(p.sent, [[IPC.smokeResult, '{"ok":true,"passed":[]}']]);
});
