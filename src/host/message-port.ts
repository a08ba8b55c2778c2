/**
 * The MessagePort transport, host side: Electron's MessagePortMain (utilityProcess) and Node's
 * worker_threads MessagePort have the same shape — postMessage(value) and on('message' | 'close') —
 * except that Electron's 'message' listener gets {data, ports} and Node's gets the value itself.
 * Messages cross by structured clone, so typed arrays arrive as typed arrays.
 */
import type { Message } from '../protocol/messages.js';
import type { Connection } from './connection.js';

export interface PortLike {
  postMessage(value: unknown): void;
  on(event: 'message', fn: (value: unknown) => void): unknown;
  on(event: 'close', fn: () => void): unknown;
  start?(): void;
  close(): void;
}

/** Electron's MessageEvent-like {data, ports} or Node's bare value. */
function payload(v: unknown): unknown {
  if (v && typeof v === 'object' && 'data' in v && 'ports' in v) return (v as { data: unknown }).data;
  return v;
}

export function portConnection(port: PortLike): Connection {
  let closed = false;
  port.on('close', () => (closed = true));
  const conn: Connection = {
    send(message: Message) {
      if (closed) return;
      try {
        port.postMessage(message);
      } catch {
        // the port has gone away: nothing to deliver to
      }
    },
    onMessage(fn) {
      port.on('message', (v) => fn(payload(v)));
      port.start?.();
    },
    onClose(fn) {
      port.on('close', fn);
    },
    close() {
      closed = true;
      port.close();
    },
  };
  return conn;
}
