/**
 * The desktop app's main process — the only file that imports `electron` (the rest of app/main are
 * plain modules that receive Electron objects, tested under Node). Lifecycle: one instance (a second
 * launch focuses the window), the app:// protocol serving the built renderer, the security policy,
 * one window with its remembered state, the app menu, and the lab host in a utility process whose
 * MessagePort the renderer gets through the preload. See docs/desktop.md.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, nativeTheme, protocol, screen, session, shell, utilityProcess } from 'electron';

import { storeHome } from '../../src/experiments/location.js';
import { IPC, VERSION_ARG } from '../preload/lab-api.js';
import { resolveAppRequest } from './app-protocol.js';
import { APP_INDEX_URL, APP_SCHEME } from './app-url.js';
import { hostNotice } from './host-notice.js';
import { HostSupervisor, type SupervisorEvent } from './host-supervisor.js';
import { registerIpc } from './ipc.js';
import { menuTemplate } from './menu-template.js';
import { OPEN_EXTENSIONS, readOpenedFile } from './open-file.js';
import { isSmoke, PAGE_SMOKE_ARG, SmokeWatch } from './smoke.js';
import { guardContents, guardSession, type SecurityEvent } from './security.js';
import { mainText, pickLang, type MainLang } from './strings.js';
import { windowOptions } from './window-options.js';
import { loadWindowState, trackWindowState } from './window-state.js';

const root = app.getAppPath(); // the folder (or app.asar) holding package.json
const paths = {
  preload: path.join(root, 'dist-electron', 'app', 'preload', 'preload.cjs'),
  hostEntry: path.join(root, 'dist', 'src', 'host', 'utility-entry.js'),
  renderer: path.join(root, 'app', 'renderer', 'dist'),
};

// Before anything else: one instance, the app:// scheme, the sandbox for every renderer.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  app.enableSandbox();
  start();
}

function start(): void {
  let win: BrowserWindow | null = null;
  let lang: MainLang = 'en';
  let quitting = false;
  const stateFile = () => path.join(app.getPath('userData'), 'window-state.json');
  const logSecurity = (e: SecurityEvent) => console.warn(`gradlab security: ${JSON.stringify(e)}`);

  // smoke mode (app/main/smoke.ts): a temporary store, a hidden window, one line printed, exit 0 or 1
  const smokeHome = isSmoke(process.argv) ? mkdtempSync(path.join(os.tmpdir(), 'gradlab-smoke-')) : null;
  const smoke = smokeHome
    ? new SmokeWatch({
        print: (line) => console.log(line),
        exit: (code) => {
          quitting = true;
          void supervisor.stop().finally(() => {
            rmSync(smokeHome, { recursive: true, force: true });
            app.exit(code);
          });
        },
      })
    : null;
  const home = () => smokeHome ?? storeHome();

  const supervisor = new HostSupervisor<Electron.MessagePortMain>({
    fork: (repair) =>
      utilityProcess.fork(paths.hostEntry, [`--home=${home()}`, ...(repair ? [`--repair=${repair}`] : [])], {
        serviceName: 'Gradient Lab host',
        stdio: 'inherit',
      }),
    channel: () => new MessageChannelMain(),
    notify: (e) => (smoke ? smoke.hostEvent(e) : void showHostNotice(e)),
  });

  async function showHostNotice(e: SupervisorEvent): Promise<void> {
    if (e.kind === 'crashed') console.warn(`gradlab: the lab host exited with code ${e.exitCode}; restarting in ${e.restartInMs} ms`);
    const notice = hostNotice(lang, e);
    if (!notice || quitting) return;
    const options = { type: notice.type, title: 'Gradient Lab', message: notice.message, detail: notice.detail, buttons: notice.buttons, noLink: true };
    const { response } = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
    if (notice.retryButton !== undefined && response === notice.retryButton) supervisor.retry();
    const repair = notice.repairButtons?.[response];
    if (repair) supervisor.retry(repair);
  }

  async function openFile(): Promise<void> {
    if (!win || win.isDestroyed()) return;
    const r = await dialog.showOpenDialog(win, { properties: ['openFile'], filters: [{ name: mainText(lang, 'open.filter'), extensions: OPEN_EXTENSIONS }] });
    const file = r.filePaths[0];
    if (r.canceled || !file || !win || win.isDestroyed()) return;
    const opened = readOpenedFile(file, { size: (f) => statSync(f).size, read: (f) => new Uint8Array(readFileSync(f)) });
    if ('error' in opened) {
      void dialog.showMessageBox(win, { type: 'error', title: 'Gradient Lab', message: mainText(lang, opened.error === 'tooBig' ? 'open.tooBig' : 'open.unreadable'), detail: file, buttons: [mainText(lang, 'button.ok')] });
      return;
    }
    win.webContents.send(IPC.openedFile, opened.name, opened.data);
  }

  function setMenu(): void {
    const template = menuTemplate(lang, process.platform, {
      openFile: () => void openFile(),
      openStoreFolder: () => void shell.openPath(home()),
      about: () => {
        const detail = mainText(lang, 'about.detail', { version: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node });
        const options = { type: 'info' as const, title: mainText(lang, 'about.title'), message: mainText(lang, 'about.title'), detail, buttons: [mainText(lang, 'button.ok')] };
        void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  function createWindow(): void {
    const primary = screen.getPrimaryDisplay();
    const areas = [primary.workArea, ...screen.getAllDisplays().filter((d) => d.id !== primary.id).map((d) => d.workArea)];
    const state = loadWindowState(stateFile(), areas);
    lang = pickLang(state.lang, app.getPreferredSystemLanguages());
    setMenu();
    const bounds = { width: state.width, height: state.height, ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}) };
    const args = [`${VERSION_ARG}${app.getVersion()}`, ...(smoke ? [PAGE_SMOKE_ARG] : [])];
    win = new BrowserWindow(windowOptions({ bounds, preload: paths.preload, dark: nativeTheme.shouldUseDarkColors, args }));
    if (state.maximized && !smoke) win.maximize();
    if (!smoke) win.once('ready-to-show', () => win?.show());
    if (smoke) {
      win.webContents.on('did-fail-load', (_e, code, description) => smoke.pageGone(`it did not load (${code} ${description})`));
      win.webContents.on('render-process-gone', (_e, details) => smoke.pageGone(`its process ended (${details.reason})`));
    }
    trackWindowState(win, stateFile(), () => ({ lang }));
    // A crashed page reloads (it reconnects to the host), at most 3 times a minute: no reload loop.
    let reloads: number[] = [];
    win.webContents.on('render-process-gone', (_e, details) => {
      const now = Date.now();
      reloads = [...reloads.filter((t) => now - t < 60_000), now];
      if (details.reason !== 'clean-exit' && reloads.length <= 3 && win && !win.isDestroyed()) win.reload();
    });
    win.on('closed', () => (win = null));
    void win.loadURL(APP_INDEX_URL);
  }

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  // Every web contents, whoever creates it, gets the navigation / window / webview guard.
  app.on('web-contents-created', (_e, contents) => guardContents(contents, { openExternal: (url) => shell.openExternal(url), log: logSecurity }));

  registerIpc(ipcMain, {
    requestHostPort: (sender) => supervisor.requestPort(sender),
    openExternal: (url) => shell.openExternal(url),
    saveFile: async (sender, name, data) => {
      const owner = BrowserWindow.fromWebContents(sender) ?? win;
      const options = { defaultPath: path.join(app.getPath('downloads'), name) };
      const { canceled, filePath } = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      if (canceled || !filePath) return null;
      await writeFile(filePath, data);
      return filePath;
    },
    setUiLanguage: (l) => {
      if (l === lang) return;
      lang = l;
      setMenu();
    },
    smokeResult: (json) => smoke?.report(json),
  });

  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    void supervisor.stop().finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    guardSession(session.defaultSession, logSecurity);
    protocol.handle(APP_SCHEME, async (request) => {
      const found = resolveAppRequest(request.url, paths.renderer);
      if (found.status !== 200 || !found.file) return new Response('not found', { status: 404, headers: found.headers });
      return new Response(await readFile(found.file), { status: 200, headers: found.headers });
    });
    smoke?.start();
    supervisor.start();
    createWindow();
  });
}
