/**
 * The lab host as the desktop app's utility process (Electron's utilityProcess.fork runs this file).
 * It opens the experiment store (recovering the runs a dead host left: they become `interrupted`),
 * tells the main process it is ready and which runs it found interrupted, then serves one protocol
 * connection per MessagePort the main process sends it ({type: 'connect'}, the port in event.ports[0]),
 * and on {type: 'shutdown'} stops what runs (ended as stopped), closes the store and exits.
 * Messages: utility-messages.ts. The store: --home=DIR, else $GRADLAB_HOME, else the app-data folder
 * (the same one the CLI uses, docs/store.md).
 *
 * `serveParentPort` is the whole logic, over any parent port: Electron's process.parentPort (messages
 * as {data, ports}) or, in tests, a worker_threads port (the value itself, the port in `value.port`).
 */
import path from 'node:path';

import { salvage, setAside } from '../experiments/health.js';
import { STORE_FILE, storeHome } from '../experiments/location.js';
import { RunManager } from '../experiments/manager.js';
import { Store } from '../experiments/store.js';
import { LabError } from '../native/errors.js';
import { LabHost } from './host.js';
import { portConnection, type PortLike } from './message-port.js';
import type { FromHost, InterruptedRun, Repair, RepairReport } from './utility-messages.js';

/** Electron's process.parentPort, as far as used here (not typed by @types/node). */
export interface ParentPortLike {
  on(event: 'message', listener: (event: unknown) => void): unknown;
  postMessage(message: FromHost): void;
}

export interface UtilityHostOptions {
  home?: string;
  concurrency?: number;
  /** the user's choice for a damaged store (the main process asked after a STORE_DAMAGED fatal) */
  repair?: Repair;
}

/** Recovers or sets aside the store file before it is opened (health.ts); nothing is deleted. */
async function repairStore(home: string | undefined, repair: Repair): Promise<RepairReport> {
  const file = path.join(storeHome(home), STORE_FILE);
  if (repair === 'set-aside') return { repair, setAsideAs: setAside(file) };
  const r = await salvage(file);
  return { repair, setAsideAs: r.setAsideAs, runs: r.tables.runs?.copied ?? 0, unreadable: r.unreadable.length };
}

export interface UtilityHost {
  host: LabHost;
  /** resolves once a shutdown message has been handled (the host is closed) */
  closed: Promise<void>;
}

function unwrap(e: unknown): { data: unknown; ports: PortLike[] } {
  if (e && typeof e === 'object' && 'data' in e && 'ports' in e) return e as { data: unknown; ports: PortLike[] };
  const port = (e as { port?: PortLike } | null)?.port;
  return { data: e, ports: port ? [port] : [] };
}

async function openHost(opts: UtilityHostOptions): Promise<{ host: LabHost; interrupted: InterruptedRun[]; repaired?: RepairReport }> {
  const repaired = opts.repair ? await repairStore(opts.home, opts.repair) : undefined;
  const store = await Store.open({ ...(opts.home !== undefined ? { home: opts.home } : {}), recover: false });
  const ids = await store.recover();
  const interrupted: InterruptedRun[] = [];
  for (const id of ids) {
    const run = await store.getRun(id);
    interrupted.push({ id, name: run.name, lab: run.lab, steps: run.steps });
  }
  const runs = new RunManager(store, opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {});
  return { host: new LabHost(store, runs), interrupted, ...(repaired ? { repaired } : {}) };
}

/** Opens the host and serves the parent's ports; null (after a `fatal` message) if the store cannot open. */
export async function serveParentPort(parent: ParentPortLike, opts: UtilityHostOptions = {}): Promise<UtilityHost | null> {
  // Listen first: messages that arrive while the store opens wait in `early`.
  let deliver: ((e: unknown) => void) | null = null;
  const early: unknown[] = [];
  parent.on('message', (e) => (deliver ? deliver(e) : early.push(e)));
  let opened: Awaited<ReturnType<typeof openHost>>;
  try {
    opened = await openHost(opts);
  } catch (e) {
    const code = e instanceof LabError ? e.code : typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'INTERNAL';
    parent.postMessage({ type: 'fatal', code, message: (e as Error)?.message ?? String(e) });
    return null;
  }
  const { host, interrupted, repaired } = opened;
  let closing: Promise<void> | null = null;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  deliver = (e) => {
    const { data, ports } = unwrap(e);
    const type = (data as { type?: unknown } | null)?.type;
    if (type === 'connect' && ports[0] && !closing) host.connect(portConnection(ports[0]));
    else if (type === 'shutdown' && !closing) {
      closing = host.close().then(
        () => {
          parent.postMessage({ type: 'closed' });
          markClosed();
        },
        () => markClosed(),
      );
    }
  };
  parent.postMessage({ type: 'ready', store: host.store.file, interrupted, ...(repaired ? { repaired } : {}) });
  for (const e of early.splice(0)) deliver(e);
  return { host, closed };
}

function arg(argv: string[], name: string): string | undefined {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : undefined;
}

// Run as Electron's utility process: process.parentPort exists there (and only there).
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
if (parentPort) {
  // Stay alive until told to shut down, even when nothing else holds the event loop (a packaged
  // utility process was seen ending as soon as its script had run: electron/electron#42978).
  const keepAlive = setInterval(() => undefined, 3_600_000);
  const home = arg(process.argv, 'home');
  const repair = arg(process.argv, 'repair');
  const opts: UtilityHostOptions = {
    ...(home !== undefined ? { home } : {}),
    ...(repair === 'recover' || repair === 'set-aside' ? { repair } : {}),
  };
  void serveParentPort(parentPort, opts).then(async (served) => {
    if (served) await served.closed;
    clearInterval(keepAlive);
    process.exit(served ? 0 : 1);
  });
}
