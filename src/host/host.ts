/**
 * LabHost — serves the protocol (src/protocol) over the engine and the experiment store to any number
 * of connected clients, whatever their transport. Every request is validated against its method's
 * schema before anything runs; an unknown method, malformed params and an unknown run each get their
 * own error code, and the host keeps serving. Run status events go to every client; batches and frames
 * only to the clients subscribed to that run.
 *
 *   const host = await LabHost.open({ home });      // opens the store (recovering dead runs)
 *   host.connect(connection);                        // a MessagePort or WebSocket connection
 *   await host.close();                              // stops running runs, closes the store
 */
import { RunManager } from '../experiments/manager.js';
import { Store, type OpenOptions } from '../experiments/store.js';
import { LabError } from '../native/errors.js';
import { parseOrThrow } from '../native/validate.js';
import type { ErrorMessage, Message } from '../protocol/messages.js';
import { METHODS, type Method } from '../protocol/methods.js';
import type { Connection } from './connection.js';
import { HANDLERS, type HostContext } from './handlers.js';
import { UploadCache } from './uploads.js';

interface Client {
  conn: Connection;
  subscriptions: Set<number>;
}

export interface HostOptions {
  /** a paused run that no client follows any more is stopped after this long (default 10 minutes) */
  pausedGraceMs?: number;
}

export const DEFAULT_PAUSED_GRACE_MS = 10 * 60_000;
/** A subscriber with more than this many bytes not yet taken holds the run (its points wait in the engine, not in the host)… */
export const SUBSCRIBER_HIGH = 16 << 20;
/** …until every subscriber is back under this. */
export const SUBSCRIBER_LOW = 4 << 20;

export class LabHost {
  private readonly clients = new Set<Client>();
  /** pictures uploaded for the CNN lab, shared by every client of this host */
  readonly uploads = new UploadCache();

  /** paused runs without a client, each with the timer that stops it */
  private readonly orphans = new Map<number, ReturnType<typeof setTimeout>>();
  /** runs held for a slow subscriber, each with the timer that looks whether it has caught up */
  private readonly slow = new Map<number, ReturnType<typeof setInterval>>();
  readonly pausedGraceMs: number;

  constructor(
    readonly store: Store,
    readonly runs: RunManager,
    opts: HostOptions = {},
  ) {
    this.pausedGraceMs = opts.pausedGraceMs ?? DEFAULT_PAUSED_GRACE_MS;
    runs.on('status', (e) => {
      this.broadcast({ kind: 'event', name: 'run/status', data: e });
      if (e.status === 'paused') this.watchOrphan(e.id);
    });
    runs.on('batch', ({ id, batch }) => this.toSubscribers(id, { kind: 'event', name: 'run/batch', data: { id, ...batch } }));
    runs.on('frame', ({ id, frame }) => this.toSubscribers(id, { kind: 'event', name: 'run/frame', data: { id, ...frame } }));
  }

  static async open(opts: OpenOptions & HostOptions & { concurrency?: number } = {}): Promise<LabHost> {
    const store = await Store.open(opts);
    return new LabHost(store, new RunManager(store, opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}), opts);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  connect(conn: Connection): void {
    const client: Client = { conn, subscriptions: new Set() };
    this.clients.add(client);
    conn.onMessage((m) => void this.handle(client, m));
    conn.onClose(() => {
      this.clients.delete(client);
      for (const id of client.subscriptions) this.watchOrphan(id);
    });
  }

  /**
   * A paused run whose clients have all gone (a reloaded page, a closed window) would wait forever: when
   * no client follows it, it is stopped after the grace period — unless a client subscribes again or
   * it runs on meanwhile — and its status history says why. Running runs go on and stay recorded.
   */
  private watchOrphan(id: number): void {
    if (this.orphans.has(id) || [...this.clients].some((c) => c.subscriptions.has(id))) return;
    const timer = setTimeout(() => {
      this.orphans.delete(id);
      if ([...this.clients].some((c) => c.subscriptions.has(id))) return;
      void this.store
        .getRun(id)
        .then((run) => {
          if (run.status !== 'paused') return;
          const minutes = this.pausedGraceMs / 60_000;
          const span = minutes >= 1 ? `${Number(minutes.toFixed(1))} min` : `${this.pausedGraceMs / 1000} s`;
          return this.runs.stop(id, `stopped: paused with no client following it for ${span}`);
        })
        .catch(() => undefined);
    }, this.pausedGraceMs);
    timer.unref?.();
    this.orphans.set(id, timer);
  }

  private broadcast(m: Message): void {
    for (const c of this.clients) c.conn.send(m);
  }

  private toSubscribers(id: number, m: Message): void {
    let most = 0;
    for (const c of this.clients)
      if (c.subscriptions.has(id)) {
        c.conn.send(m);
        most = Math.max(most, c.conn.buffered?.() ?? 0);
      }
    if (most > SUBSCRIBER_HIGH && !this.slow.has(id)) this.holdForSubscribers(id);
  }

  /**
   * A run faster than a client takes its points (a page at full speed) would pile them up in this
   * process (#15: GBs for a 10 000 000-step race): it is held until every subscriber has caught up.
   */
  private holdForSubscribers(id: number): void {
    this.runs.holdRun(id, 'subscribers', true);
    const timer = setInterval(() => {
      const most = Math.max(0, ...[...this.clients].filter((c) => c.subscriptions.has(id)).map((c) => c.conn.buffered?.() ?? 0));
      if (most > SUBSCRIBER_LOW) return;
      clearInterval(timer);
      this.slow.delete(id);
      this.runs.holdRun(id, 'subscribers', false);
    }, 10);
    timer.unref?.();
    this.slow.set(id, timer);
  }

  private async handle(client: Client, raw: unknown): Promise<void> {
    const m = raw as { kind?: unknown; id?: unknown; method?: unknown; params?: unknown } | null;
    const id = typeof m?.id === 'number' && Number.isInteger(m.id) ? m.id : null;
    const fail = (code: string, message: string, position?: number): void => {
      const error: ErrorMessage['error'] = { code, message, ...(position !== undefined ? { position } : {}) };
      client.conn.send({ kind: 'error', id, error });
    };
    if (raw instanceof Error) return fail('BAD_MESSAGE', `a message that could not be decoded: ${raw.message}`);
    if (!m || typeof m !== 'object' || m.kind !== 'request' || id === null)
      return fail('BAD_MESSAGE', 'expected {kind: "request", id: <integer>, method, params}');
    if (typeof m.method !== 'string' || !Object.hasOwn(METHODS, m.method))
      return fail('UNKNOWN_METHOD', `unknown method ${JSON.stringify(m.method)}; expected one of ${Object.keys(METHODS).join(', ')}`);
    const method = m.method as Method;
    let params: unknown;
    try {
      params = parseOrThrow(METHODS[method].params, m.params, 'params');
    } catch (e) {
      return fail('INVALID_PARAMS', `${method}: ${(e as Error).message}`);
    }
    const ctx: HostContext = { store: this.store, runs: this.runs, subscriptions: client.subscriptions, uploads: this.uploads };
    try {
      const result = await (HANDLERS[method] as (p: unknown, c: HostContext) => unknown)(params, ctx);
      client.conn.send({ kind: 'response', id, result: result ?? {} });
    } catch (e) {
      if (e instanceof LabError) fail(e.code, e.message, e.position);
      else fail('INTERNAL', `${method}: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  /** Stops what runs (ended as stopped), forgets the clients and closes the store. */
  async close(): Promise<void> {
    for (const t of this.orphans.values()) clearTimeout(t);
    this.orphans.clear();
    for (const timer of this.slow.values()) clearInterval(timer);
    this.slow.clear();
    for (const c of this.clients) c.conn.close();
    this.clients.clear();
    await this.runs.close();
    await this.store.close();
  }
}
