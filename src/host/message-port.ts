/**
 * The MessagePort transport, host side: Electron's MessagePortMain (utilityProcess) and Node's
 * worker_threads MessagePort have the same shape — postMessage(value) and on('message' | 'close') —
 * except that Electron's 'message' listener gets {data, ports} and Node's gets the value itself.
 * Messages cross by structured clone, so typed arrays arrive as typed arrays.
 * The page's flow messages (protocol/flow.ts) are taken here: `buffered()` is what was sent minus what
 * the page says it has handled, once the page has said anything (0 for a port that never does).
 */
import { isFlowMessage, messageBytes } from '../protocol/flow.js';
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
  let sent = 0;
  let acknowledged = -1; // −1: the page has not spoken of flow (yet)
  port.on('close', () => (closed = true));
  const conn: Connection = {
    send(message: Message) {
      if (closed) return;
      try {
        port.postMessage(message);
        sent += messageBytes(message);
      } catch {
        // the port has gone away: nothing to deliver to
      }
    },
    onMessage(fn) {
      port.on('message', (v) => {
        const m = payload(v);
        if (isFlowMessage(m)) acknowledged = Math.max(acknowledged, m.received);
        else fn(m);
      });
      port.start?.();
    },
    buffered() {
      return acknowledged < 0 ? 0 : Math.max(0, sent - acknowledged);
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
