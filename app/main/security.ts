/**
 * The desktop app's security policy, applied to every web contents and to the session (docs/desktop.md):
 *   - navigation: the page may only move within the app's own origin (app://gradlab); any other
 *     navigation or redirect is cancelled, and an http(s) link goes to the system browser instead;
 *   - new windows: always denied (window.open, target=_blank); http(s) ones open in the system browser;
 *   - <webview>: never attached (and webviewTag is off in the window options);
 *   - permissions (camera, microphone, notifications, geolocation, clipboard, fullscreen API, …):
 *     every request and every check answers no.
 * It takes the Electron objects as parameters (a structural subset), so it runs under plain Node in tests.
 */
import { isAppUrl, isExternalWebUrl } from './app-url.js';

export interface PreventableEvent {
  preventDefault(): void;
}

export type OpenExternal = (url: string) => unknown;

/** The part of Electron's WebContents the policy uses. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The part of Electron's Session the policy uses. */
export interface GuardedSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

/** What the guard did, for the log (and the tests). */
export type SecurityEvent =
  | { kind: 'navigation-blocked'; url: string; external: boolean }
  | { kind: 'window-blocked'; url: string; external: boolean }
  | { kind: 'webview-blocked' }
  | { kind: 'permission-denied'; permission: string };

export interface GuardOptions {
  openExternal: OpenExternal;
  log?: (event: SecurityEvent) => void;
}

/** Opens an http(s) URL in the system browser; anything else (file:, javascript:, custom schemes) is dropped. */
export function openIfWeb(url: string, openExternal: OpenExternal): boolean {
  if (!isExternalWebUrl(url)) return false;
  try {
    void Promise.resolve(openExternal(url)).catch(() => undefined);
  } catch {
    // the system could not open it: nothing else to do
  }
  return true;
}

export function guardContents(contents: GuardedContents, opts: GuardOptions): void {
  const log = opts.log ?? (() => undefined);
  const guardNavigation = (event: PreventableEvent, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log({ kind: 'navigation-blocked', url, external: openIfWeb(url, opts.openExternal) });
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log({ kind: 'webview-blocked' });
  });
  contents.setWindowOpenHandler(({ url }) => {
    log({ kind: 'window-blocked', url, external: openIfWeb(url, opts.openExternal) });
    return { action: 'deny' };
  });
}

export function guardSession(session: GuardedSession, log: (event: SecurityEvent) => void = () => undefined): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log({ kind: 'permission-denied', permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}
