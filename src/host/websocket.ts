/**
 * The WebSocket transport, host side: one `ws` socket as a Connection. Messages travel as binary
 * frames (src/protocol/codec.ts) so typed arrays stay binary; a text frame is read as plain JSON (handy
 * for poking the host by hand). Sends never throw: a closed socket drops them.
 */
import type { WebSocket } from 'ws';

import { decodeFrame, encodeFrame } from '../protocol/codec.js';
import type { Message } from '../protocol/messages.js';
import type { Connection } from './connection.js';

export function socketConnection(socket: WebSocket): Connection {
  return {
    send(message: Message) {
      if (socket.readyState !== socket.OPEN) return;
      socket.send(encodeFrame(message), { binary: true });
    },
    onMessage(fn) {
      socket.on('message', (data, isBinary) => {
        try {
          const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
          fn(isBinary ? decodeFrame(bytes) : JSON.parse(bytes.toString('utf8')));
        } catch (e) {
          fn(e instanceof Error ? e : new Error(String(e)));
        }
      });
    },
    onClose(fn) {
      socket.on('close', fn);
    },
    close() {
      socket.close();
    },
    buffered() {
      return socket.bufferedAmount;
    },
  };
}
