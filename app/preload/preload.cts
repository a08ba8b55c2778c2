/**
 * The desktop app's preload: runs sandboxed, before the page, in an isolated world. It exposes LabApi
 * (lab-api.ts) as window.gradlab through contextBridge — named functions that check their arguments,
 * never ipcRenderer itself — and forwards the host's MessagePort from the main process into the page.
 * One self-contained file: a sandboxed preload can require only `electron` (the channel names are
 * repeated from lab-api.ts; test E5.preload checks them).
 */
import { contextBridge, ipcRenderer } from 'electron';

import type { LabApi, UiLanguage } from './lab-api.js';

const CHANNEL = {
  requestHostPort: 'gradlab:request-host-port',
  hostPort: 'gradlab:host-port',
  openExternal: 'gradlab:open-external',
  saveFile: 'gradlab:save-file',
  setUiLanguage: 'gradlab:set-ui-language',
  smokeResult: 'gradlab:smoke-result',
  openedFile: 'gradlab:opened-file',
} as const;
const HOST_PORT_MESSAGE = 'gradlab:host-port';
const VERSION_ARG = '--gradlab-app-version=';
const SMOKE_ARG = '--gradlab-smoke';
const MAX_SAVE_BYTES = 1024 * 1024 * 1024;

function isWebUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 4096) return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

// The main process sends the port here; the page's main world gets it as a window message (a port
// cannot cross contextBridge, but it can cross window.postMessage).
ipcRenderer.on(CHANNEL.hostPort, (event) => {
  window.postMessage(HOST_PORT_MESSAGE, '*', [...event.ports]);
});

// a file opened from the menu (main checked its size and kind): handed to the page's one listener
let openFileListener: ((name: string, data: Uint8Array) => void) | null = null;
ipcRenderer.on(CHANNEL.openedFile, (_event, name: unknown, data: unknown) => {
  if (openFileListener && typeof name === 'string' && data instanceof Uint8Array) openFileListener(name, data);
});

const appVersion = process.argv.find((a) => a.startsWith(VERSION_ARG))?.slice(VERSION_ARG.length) ?? '';

const api: LabApi = {
  isDesktop: true,
  versions: Object.freeze({
    app: appVersion,
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
    node: process.versions.node ?? '',
    platform: process.platform,
  }),
  requestHostPort() {
    ipcRenderer.send(CHANNEL.requestHostPort);
  },
  async openExternal(url: string) {
    if (!isWebUrl(url)) return false;
    return (await ipcRenderer.invoke(CHANNEL.openExternal, url)) === true;
  },
  async saveFile(name: string, data: Uint8Array | string) {
    if (typeof name !== 'string' || name.length === 0 || name.length > 255) throw new TypeError('saveFile: name must be a file name of 1–255 characters');
    if (!(data instanceof Uint8Array) && typeof data !== 'string') throw new TypeError('saveFile: data must be a Uint8Array or a string');
    if (data.length > MAX_SAVE_BYTES) throw new RangeError(`saveFile: data is larger than ${MAX_SAVE_BYTES} bytes`);
    const saved: unknown = await ipcRenderer.invoke(CHANNEL.saveFile, name, data);
    return typeof saved === 'string' ? saved : null;
  },
  setUiLanguage(lang: UiLanguage) {
    if (lang === 'en' || lang === 'zh-CN') ipcRenderer.send(CHANNEL.setUiLanguage, lang);
  },
  smoke: process.argv.includes(SMOKE_ARG),
  reportSmoke(result: string) {
    if (typeof result === 'string' && result.length <= 100_000) ipcRenderer.send(CHANNEL.smokeResult, result);
  },
  onOpenFile(listener: (name: string, data: Uint8Array) => void) {
    if (typeof listener !== 'function') throw new TypeError('onOpenFile: listener must be a function');
    openFileListener = listener;
  },
};

contextBridge.exposeInMainWorld('gradlab', api);
