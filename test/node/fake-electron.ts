/**
 * A fake `electron` module for running the desktop app's real main process (app/main/main.ts) under
 * plain Node: electron-hooks.ts resolves the bare specifier "electron" to this file, so main.js and
 * the test share one instance and the test can drive it (emit app events, answer for the host process)
 * and inspect what main did (windows and their options, menus, dialogs, forks, ports, handlers).
 * Only what main.ts uses is here.
 */
import { EventEmitter } from 'node:events';

export const fake = {
  appPath: '/nonexistent',
  userData: '/nonexistent',
  locales: ['en-US'] as string[],
  singleInstance: true,
  quitted: false,
  sandboxEnabled: false,
  schemes: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  windows: [] as BrowserWindow[],
  menus: [] as unknown[][],
  dialogs: [] as { message: string; detail?: string; buttons?: string[] }[],
  dialogAnswer: 1,
  forks: [] as FakeUtility[],
  opened: [] as string[],
  openedPaths: [] as string[],
  permissionRequest: null as null | ((c: unknown, p: string, cb: (g: boolean) => void) => void),
  permissionCheck: null as null | ((c: unknown, p: string) => boolean),
};

export class FakeContents extends EventEmitter {
  readonly received: { channel: string; ports: unknown[] }[] = [];
  windowOpen: ((d: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.windowOpen = h;
  }
  postMessage(channel: string, _message: unknown, ports: unknown[] = []): void {
    this.received.push({ channel, ports });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class BrowserWindow extends EventEmitter {
  readonly webContents = new FakeContents();
  readonly calls: string[] = [];
  url = '';
  maximized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    fake.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static fromWebContents(c: unknown): BrowserWindow | null {
    return fake.windows.find((w) => w.webContents === c) ?? null;
  }
  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return true;
  }
  isDestroyed(): boolean {
    return false;
  }
  getNormalBounds() {
    const o = this.options as { x?: number; y?: number; width: number; height: number };
    return { x: o.x ?? 0, y: o.y ?? 0, width: o.width, height: o.height };
  }
  restore(): void {
    this.calls.push('restore');
  }
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
  }
  reload(): void {
    this.calls.push('reload');
  }
}

class FakeApp extends EventEmitter {
  requestSingleInstanceLock = () => fake.singleInstance;
  enableSandbox = () => void (fake.sandboxEnabled = true);
  getAppPath = () => fake.appPath;
  getPath = () => fake.userData;
  getVersion = () => '0.1.0';
  getPreferredSystemLanguages = () => fake.locales;
  whenReady = () => Promise.resolve();
  quit = () => {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => void (prevented = true) });
    if (!prevented) fake.quitted = true;
  };
}
export const app = new FakeApp();

export class FakeUtility extends EventEmitter {
  readonly posted: { message: unknown; ports: unknown[] }[] = [];
  killed = false;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: unknown,
  ) {
    super();
  }
  postMessage(message: unknown, ports: unknown[] = []): void {
    this.posted.push({ message, ports });
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

export const utilityProcess = {
  fork(modulePath: string, args: string[], options: unknown): FakeUtility {
    const u = new FakeUtility(modulePath, args, options);
    fake.forks.push(u);
    return u;
  },
};

let channels = 0;
export class MessageChannelMain {
  readonly port1: { id: string };
  readonly port2: { id: string };
  constructor() {
    channels += 1;
    this.port1 = { id: `host-${channels}` };
    this.port2 = { id: `renderer-${channels}` };
  }
}

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => void fake.schemes.push(...schemes),
  handle: (scheme: string, h: (r: Request) => Promise<Response> | Response) => void fake.handlers.set(scheme, h),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h: typeof fake.permissionRequest) => void (fake.permissionRequest = h),
    setPermissionCheckHandler: (h: typeof fake.permissionCheck) => void (fake.permissionCheck = h),
  },
};

const area = { x: 0, y: 0, width: 1920, height: 1050 };
export const screen = {
  getPrimaryDisplay: () => ({ id: 1, workArea: area }),
  getAllDisplays: () => [{ id: 1, workArea: area }],
};

export const Menu = {
  buildFromTemplate: (t: unknown[]) => t,
  setApplicationMenu: (m: unknown[]) => void fake.menus.push(m),
};

export const ipcMain = Object.assign(new EventEmitter(), {
  handlers: new Map<string, (...a: unknown[]) => unknown>(),
  handle(channel: string, h: (...a: unknown[]) => unknown) {
    this.handlers.set(channel, h);
  },
});

export const dialog = {
  showMessageBox: async (...a: unknown[]) => {
    const options = a.at(-1) as { message: string; detail?: string; buttons?: string[] };
    fake.dialogs.push(options);
    return { response: fake.dialogAnswer };
  },
  showSaveDialog: async () => ({ canceled: true }),
};

export const shell = {
  openExternal: async (url: string) => void fake.opened.push(url),
  openPath: async (p: string) => (fake.openedPaths.push(p), ''),
};

export const nativeTheme = { shouldUseDarkColors: false };
