/**
 * The main process's side of LabApi (app/preload/lab-api.ts): one listener per channel, each checking
 * that the message comes from the app's own page (its frame URL is app://gradlab/…) and that its
 * arguments are what the preload sends — the page is never trusted just because the preload checked.
 */
import { IPC, MAX_SAVE_BYTES, type UiLanguage } from '../preload/lab-api.js';
import { isAppUrl, isExternalWebUrl } from './app-url.js';

/** The part of an IPC event used: who sent it (a WebContents) and from which frame. */
export interface IpcEventLike<Sender = unknown> {
  sender: Sender;
  senderFrame?: { url: string } | null;
}

export interface IpcMainLike<Sender> {
  on(channel: string, listener: (event: IpcEventLike<Sender>, ...args: unknown[]) => void): unknown;
  handle(channel: string, listener: (event: IpcEventLike<Sender>, ...args: unknown[]) => unknown): void;
}

export interface IpcActions<Sender> {
  /** hand `sender` a new MessagePort to the host (host-supervisor.ts) */
  requestHostPort(sender: Sender): void;
  openExternal(url: string): unknown;
  /** a Save dialog; resolves with the path written, or null if cancelled */
  saveFile(sender: Sender, name: string, data: Uint8Array | string): Promise<string | null>;
  setUiLanguage(lang: UiLanguage): void;
  /** the page's smoke test result (smoke mode only; app/main/smoke.ts) */
  smokeResult?(json: string): void;
}

export function fromAppPage(event: IpcEventLike): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

/** A bare file name: no folders, no control characters, 1–255 characters. */
export function isPlainFileName(name: unknown): name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255 || name === '.' || name === '..') return false;
  return ![...name].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 0x20);
}

export function registerIpc<Sender>(ipc: IpcMainLike<Sender>, actions: IpcActions<Sender>): void {
  ipc.on(IPC.requestHostPort, (event) => {
    if (fromAppPage(event)) actions.requestHostPort(event.sender);
  });
  ipc.on(IPC.smokeResult, (event, json) => {
    if (fromAppPage(event) && typeof json === 'string' && json.length <= 100_000) actions.smokeResult?.(json);
  });
  ipc.on(IPC.setUiLanguage, (event, lang) => {
    if (fromAppPage(event) && (lang === 'en' || lang === 'zh-CN')) actions.setUiLanguage(lang);
  });
  ipc.handle(IPC.openExternal, (event, url) => {
    if (!fromAppPage(event) || typeof url !== 'string' || !isExternalWebUrl(url)) return false;
    void Promise.resolve(actions.openExternal(url)).catch(() => undefined);
    return true;
  });
  ipc.handle(IPC.saveFile, async (event, name, data) => {
    if (!fromAppPage(event)) return null;
    if (!isPlainFileName(name)) throw new Error('saveFile: expected a plain file name (no folders), 1–255 characters');
    if (!(data instanceof Uint8Array) && typeof data !== 'string') throw new Error('saveFile: expected a Uint8Array or a string');
    if (data.length > MAX_SAVE_BYTES) throw new Error(`saveFile: larger than ${MAX_SAVE_BYTES} bytes`);
    return actions.saveFile(event.sender, name, data);
  });
}
