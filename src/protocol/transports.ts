/**
 * Client transports. No Node APIs: these run in the renderer as they are.
 *   portTransport(port)      a MessagePort: the DOM's (Electron renderer: `e.data`) or Node's
 *                            worker_threads port (tests: the value itself)
 *   socketTransport(socket)  a WebSocket with the browser's API (the `ws` package has it too, for tests)
 */
import { decodeFrame, encodeFrame } from './codec.js';
import type { ClientTransport } from './client.js';
import { FlowCounter } from './flow.js';
import type { Message } from './messages.js';

interface DomPortLike {
  postMessage(value: unknown): void;
  addEventListener(type: 'message', fn: (e: { data: unknown }) => void): void;
  addEventListener(type: 'close', fn: () => void): void;
  start?(): void;
  close(): void;
}
interface NodePortLike {
  postMessage(value: unknown): void;
  on(type: 'message', fn: (v: unknown) => void): unknown;
  on(type: 'close', fn: () => void): unknown;
  close(): void;
}

/** Over a port the page also tells the host how much it has handled (flow.ts), so a run the page
 * cannot keep up with is held in the host instead of piling up in the page's queue. */
export function portTransport(port: DomPortLike | NodePortLike): ClientTransport {
  const node = typeof (port as NodePortLike).on === 'function';
  return {
    send: (m: Message) => port.postMessage(m),
    onMessage(fn) {
      const flow = new FlowCounter((m) => port.postMessage(m));
      const take = (v: unknown) => {
        try {
          fn(v);
        } finally {
          flow.handled(v);
        }
      };
      if (node) (port as NodePortLike).on('message', take);
      else {
        (port as DomPortLike).addEventListener('message', (e) => take(e.data));
        (port as DomPortLike).start?.();
      }
    },
    onClose(fn) {
      if (node) (port as NodePortLike).on('close', fn);
      else (port as DomPortLike).addEventListener('close', fn);
    },
    close: () => port.close(),
  };
}

interface SocketLike {
  binaryType: string;
  readyState: number;
  send(data: Uint8Array | string): void;
  addEventListener(type: 'message', fn: (e: { data: unknown }) => void): void;
  addEventListener(type: 'close', fn: () => void): void;
  close(): void;
}

/** `socket` must be open already (see openSocket in the renderer / tests). */
export function socketTransport(socket: SocketLike): ClientTransport {
  socket.binaryType = 'arraybuffer';
  return {
    send: (m: Message) => socket.send(encodeFrame(m)),
    onMessage(fn) {
      socket.addEventListener('message', (e) => {
        try {
          fn(typeof e.data === 'string' ? JSON.parse(e.data) : decodeFrame(new Uint8Array(e.data as ArrayBuffer)));
        } catch {
          // not a frame of ours: ignore it
        }
      });
    },
    onClose: (fn) => socket.addEventListener('close', fn),
    close: () => socket.close(),
  };
}
