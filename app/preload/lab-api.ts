/**
 * LabApi — everything the desktop app's preload exposes to the page, as `window.gradlab`. Named
 * functions only: the page never sees ipcRenderer, Node or Electron. The renderer works without it
 * (the browser mode); connection/connect.ts checks `isDesktop`.
 *
 * The channel names are the contract between the preload (preload.cts) and the main process
 * (app/main/ipc.ts); the preload must stay one self-contained file (a sandboxed preload can require
 * nothing but `electron`), so it repeats them and a test checks that both sides agree.
 */

export type UiLanguage = 'en' | 'zh-CN';

export interface LabApi {
  readonly isDesktop: true;
  /** versions of the app and of the runtime, for an About box */
  readonly versions: { readonly app: string; readonly electron: string; readonly chrome: string; readonly node: string; readonly platform: string };
  /**
   * Asks the main process for a MessagePort to the lab host. It arrives as a window "message" event
   * whose data is "gradlab:host-port", with the port in event.ports[0]; after a host restart a new one
   * arrives the same way, unasked.
   */
  requestHostPort(): void;
  /** Opens an http(s) URL in the system browser; anything else is refused (resolves false). */
  openExternal(url: string): Promise<boolean>;
  /** Asks where to save `data` (a Save dialog suggesting `name`); resolves with the path, or null if cancelled. */
  saveFile(name: string, data: Uint8Array | string): Promise<string | null>;
  /** Tells the main process the UI language, so the app menu follows it. */
  setUiLanguage(lang: UiLanguage): void;
  /** The app runs its smoke test (`--smoke`, app/main/smoke.ts): the page runs src/protocol/smoke.ts and reports. */
  readonly smoke: boolean;
  /** Sends the smoke test's result (JSON of a SmokeResult) to the main process. */
  reportSmoke(result: string): void;
  /**
   * Hears the files opened from the menu (File › Open a Preset or Class Pack…): a preset (.json) or a
   * class pack (.zip), its name and bytes. One listener; a second call replaces the first.
   */
  onOpenFile(listener: (name: string, data: Uint8Array) => void): void;
}

export const IPC = {
  requestHostPort: 'gradlab:request-host-port',
  hostPort: 'gradlab:host-port',
  openExternal: 'gradlab:open-external',
  saveFile: 'gradlab:save-file',
  setUiLanguage: 'gradlab:set-ui-language',
  smokeResult: 'gradlab:smoke-result',
  openedFile: 'gradlab:opened-file',
} as const;

/** The window message that carries the host port into the page (connect.ts listens for it). */
export const HOST_PORT_MESSAGE = 'gradlab:host-port';

/** The argument main passes to the page's process (webPreferences.additionalArguments) with the app version. */
export const VERSION_ARG = '--gradlab-app-version=';

/** Largest file the page may ask to save (bytes or UTF-16 units): exports of very long runs fit. */
export const MAX_SAVE_BYTES = 1024 * 1024 * 1024;
