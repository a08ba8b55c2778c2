/**
 * A Connection is one client of the host over some transport: it delivers decoded messages and sends
 * them. The host sees only this; the transports (message-port.ts, websocket.ts) adapt their channel to it.
 */
import type { Message } from '../protocol/messages.js';

export interface Connection {
  /** Sends a message (typed arrays as binary). Never throws; a closed connection drops it. */
  send(message: Message): void;
  /** Called with each incoming message, already decoded (or a Error when it could not be). */
  onMessage(fn: (message: unknown) => void): void;
  onClose(fn: () => void): void;
  close(): void;
  /** Bytes sent but not yet taken by the other side, where the transport can tell (a WebSocket itself, a
   * MessagePort by the page's flow messages: protocol/flow.ts); else 0. */
  buffered?(): number;
}
