/**
 * LabClient — the UI's side of the protocol, over any ClientTransport (a MessagePort in Electron, a
 * WebSocket in the browser mode; tests use both). Typed by the method and event maps:
 *
 *   const client = new LabClient(transport);
 *   const { id } = await client.request('runs/start', { lab: 'train', config });
 *   client.on('run/batch', (b) => chart.append(b.columns.loss));
 *   await client.request('runs/subscribe', { ids: [id] });
 *
 * A failed request rejects with a LabError carrying the host's code (and .position for formulas).
 * No Node APIs here: the renderer uses this file as it is.
 */
import { LabError } from '../native/errors.js';
import type { Message } from './messages.js';
import type { Events, Method, ParamsOf, Results } from './methods.js';

export interface ClientTransport {
  send(message: Message): void;
  onMessage(fn: (message: unknown) => void): void;
  onClose(fn: () => void): void;
  close(): void;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; method: string };

export class LabClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(data: never) => void>>();
  private closed = false;
  /** Errors the host sent without a request id (a malformed message of ours). */
  readonly stray: { code: string; message: string }[] = [];

  constructor(private readonly transport: ClientTransport) {
    transport.onMessage((m) => this.receive(m as Message));
    transport.onClose(() => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new LabError(`${p.method}: the connection to the host closed`, 'INTERNAL'));
      this.pending.clear();
    });
  }

  request<M extends Method>(method: M, params?: ParamsOf<M>): Promise<Results[M]> {
    if (this.closed) return Promise.reject(new LabError(`${method}: the connection to the host is closed`, 'INTERNAL'));
    const id = this.nextId++;
    return new Promise<Results[M]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      this.transport.send({ kind: 'request', id, method, ...(params !== undefined ? { params } : {}) });
    });
  }

  /** Sends anything (tests of the host's handling of malformed messages). */
  sendRaw(message: unknown): void {
    this.transport.send(message as Message);
  }

  on<E extends keyof Events>(event: E, fn: (data: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn as (data: never) => void);
    return () => set.delete(fn as (data: never) => void);
  }

  private receive(m: Message): void {
    if (!m || typeof m !== 'object') return;
    if (m.kind === 'event') {
      for (const fn of this.listeners.get(m.name) ?? []) {
        try {
          (fn as (d: unknown) => void)(m.data);
        } catch (e) {
          console.error('gradlab: an event listener threw', e);
        }
      }
      return;
    }
    if (m.kind !== 'response' && m.kind !== 'error') return;
    const p = m.id === null ? undefined : this.pending.get(m.id);
    if (!p) {
      if (m.kind === 'error') this.stray.push(m.error);
      return;
    }
    this.pending.delete(m.id!);
    if (m.kind === 'response') p.resolve(m.result);
    else {
      const e = new LabError(m.error.message, m.error.code);
      if (m.error.position !== undefined) e.position = m.error.position;
      p.reject(e);
    }
  }

  close(): void {
    this.transport.close();
  }
}
