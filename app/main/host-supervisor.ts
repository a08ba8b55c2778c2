/**
 * Runs the lab host in a utility process and keeps it running: starts it, hands each renderer that asks
 * a MessagePort to it, and when it dies unexpectedly (a crash in native code) starts a new one after a
 * back-off (initialDelayMs, doubling up to maxDelayMs), gives up after maxRestarts crashes within
 * windowMs, reports the runs the new host found interrupted, and hands every renderer a new port.
 *
 * Electron objects come in through `deps` (fork = utilityProcess.fork, channel = new
 * MessageChannelMain), so the logic runs under plain Node against fakes (test E5.supervisor).
 */
import { isFromHost, type InterruptedRun, type Repair, type RepairReport, type ToHost } from '../../src/host/utility-messages.js';

export interface HostProcessLike<Port> {
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  postMessage(message: ToHost, transfer?: Port[]): void;
  kill(): boolean;
}

export interface RendererLike<Port> {
  postMessage(channel: string, message: unknown, transfer: Port[]): void;
  isDestroyed(): boolean;
}

export type SupervisorEvent =
  | { kind: 'ready'; interrupted: InterruptedRun[]; afterCrash: boolean; exitCode: number | null; restarts: number; repaired?: RepairReport }
  | { kind: 'crashed'; exitCode: number; restartInMs: number }
  | { kind: 'gave-up'; exitCode: number; crashes: number }
  | { kind: 'fatal'; code: string; message: string };

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface SupervisorDeps<Port> {
  /** starts the host; `repair`: what to do first with a damaged store (the user's choice) */
  fork(repair?: Repair): HostProcessLike<Port>;
  channel(): { port1: Port; port2: Port };
  notify(event: SupervisorEvent): void;
  timers?: Timers;
}

export interface RestartPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  maxRestarts: number;
  windowMs: number;
  /** how long a shutdown may take before the process is killed */
  shutdownMs: number;
}

export const DEFAULT_POLICY: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 8000, maxRestarts: 5, windowMs: 120_000, shutdownMs: 5000 };

/** The channel on which the preload receives the port (app/preload/lab-api.ts IPC.hostPort). */
export const HOST_PORT_CHANNEL = 'gradlab:host-port';

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  now: () => Date.now(),
};

type State = 'idle' | 'starting' | 'ready' | 'waiting' | 'stopped' | 'failed';

export class HostSupervisor<Port> {
  private readonly policy: RestartPolicy;
  private readonly timers: Timers;
  private proc: HostProcessLike<Port> | null = null;
  private state: State = 'idle';
  private readonly renderers = new Set<RendererLike<Port>>();
  private crashes: number[] = [];
  private lastExit: number | null = null;
  private restartTimer: unknown = null;
  private restarts = 0;
  private exited: (() => void) | null = null;

  constructor(
    private readonly deps: SupervisorDeps<Port>,
    policy: Partial<RestartPolicy> = {},
  ) {
    this.policy = { ...DEFAULT_POLICY, ...policy };
    this.timers = deps.timers ?? realTimers;
  }

  get status(): State {
    return this.state;
  }

  /** Restarts done after crashes so far. */
  get restartCount(): number {
    return this.restarts;
  }

  start(repair?: Repair): void {
    if (this.state === 'starting' || this.state === 'ready') return;
    this.state = 'starting';
    const proc = repair ? this.deps.fork(repair) : this.deps.fork();
    this.proc = proc;
    proc.on('message', (m) => this.onMessage(proc, m));
    proc.on('exit', (code) => this.onExit(proc, code));
  }

  /** A renderer wants a port: now if the host is ready, else as soon as it is. It gets a new one after every restart. */
  requestPort(renderer: RendererLike<Port>): void {
    this.renderers.add(renderer);
    if (this.state === 'ready') this.hand(renderer);
  }

  /** After the supervisor gave up (or a fatal error): try again now, with a fresh crash count. */
  retry(repair?: Repair): void {
    if (this.state !== 'failed') return;
    this.crashes = [];
    this.start(repair);
  }

  /** Asks the host to stop its runs and close the store; kills it if it takes longer than shutdownMs. */
  stop(): Promise<void> {
    if (this.restartTimer !== null) this.timers.clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const proc = this.proc;
    this.state = 'stopped';
    if (!proc) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const killer = this.timers.setTimeout(() => {
        proc.kill();
      }, this.policy.shutdownMs);
      this.exited = () => {
        this.timers.clearTimeout(killer);
        resolve();
      };
      try {
        proc.postMessage({ type: 'shutdown' });
      } catch {
        proc.kill();
      }
    });
  }

  private hand(renderer: RendererLike<Port>): void {
    if (renderer.isDestroyed()) {
      this.renderers.delete(renderer);
      return;
    }
    if (!this.proc) return;
    const { port1, port2 } = this.deps.channel();
    this.proc.postMessage({ type: 'connect' }, [port1]);
    renderer.postMessage(HOST_PORT_CHANNEL, null, [port2]);
  }

  private onMessage(proc: HostProcessLike<Port>, m: unknown): void {
    if (proc !== this.proc || !isFromHost(m)) return;
    if (m.type === 'ready') {
      if (this.state !== 'starting') return;
      this.state = 'ready';
      const afterCrash = this.lastExit !== null;
      this.deps.notify({ kind: 'ready', interrupted: m.interrupted, afterCrash, exitCode: this.lastExit, restarts: this.restarts, ...(m.repaired ? { repaired: m.repaired } : {}) });
      for (const r of [...this.renderers]) this.hand(r);
    } else if (m.type === 'fatal') {
      this.state = 'failed';
      this.deps.notify({ kind: 'fatal', code: m.code, message: m.message });
    }
  }

  private onExit(proc: HostProcessLike<Port>, code: number): void {
    if (proc !== this.proc) return;
    this.proc = null;
    if (this.state === 'stopped') {
      this.exited?.();
      this.exited = null;
      return;
    }
    if (this.state === 'failed') return; // a fatal error was reported; the user decides (retry)
    const now = this.timers.now();
    this.lastExit = code;
    this.crashes = [...this.crashes.filter((t) => now - t < this.policy.windowMs), now];
    if (this.crashes.length > this.policy.maxRestarts) {
      this.state = 'failed';
      this.deps.notify({ kind: 'gave-up', exitCode: code, crashes: this.crashes.length });
      return;
    }
    const delay = Math.min(this.policy.maxDelayMs, this.policy.initialDelayMs * 2 ** (this.crashes.length - 1));
    this.state = 'waiting';
    this.deps.notify({ kind: 'crashed', exitCode: code, restartInMs: delay });
    this.restartTimer = this.timers.setTimeout(() => {
      this.restartTimer = null;
      if (this.state !== 'waiting') return;
      this.restarts += 1;
      this.state = 'idle';
      this.start();
    }, delay);
  }
}
