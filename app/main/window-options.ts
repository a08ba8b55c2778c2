/**
 * The options of the one app window. The security-relevant web preferences are spelled out even where
 * they equal Electron's defaults, so a later default change (or a careless edit) cannot loosen them:
 * the page runs sandboxed, isolated from the preload, without Node, with web security on, no
 * <webview>, no dropped-file navigation, and nothing experimental.
 */

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;

export interface WindowOptionsInput {
  bounds: WindowBounds;
  /** absolute path of the compiled preload (dist-electron/app/preload/preload.cjs) */
  preload: string;
  /** the window's colour before the page paints (theme.css --bg; follows the system's dark mode) */
  dark: boolean;
  title?: string;
  /** extra argv of the page's process (the preload reads the app version from it) */
  args?: string[];
}

export const SECURE_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  safeDialogs: true,
  spellcheck: false,
} as const;

export function windowOptions(input: WindowOptionsInput) {
  return {
    ...input.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: input.title ?? 'Gradient Lab',
    show: false, // shown on ready-to-show: no white flash
    backgroundColor: input.dark ? '#111318' : '#f7f8fa',
    autoHideMenuBar: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: input.preload, additionalArguments: input.args ?? [] },
  };
}
