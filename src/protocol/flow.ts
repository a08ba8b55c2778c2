/**
 * Flow control on a MessagePort (#15). A WebSocket tells the host how many bytes the page has not taken
 * yet (`bufferedAmount`); a MessagePort does not: what the page has not handled waits in the page's own
 * queue, out of the host's sight. So the page's side says it, in a message of its own:
 *
 *   { kind: 'flow', received: R }   client → host: R bytes of messages handled so far (cumulative)
 *
 * The client sends `received: 0` as soon as it listens (the host then starts counting) and again each
 * time it has handled FLOW_ACK_BYTES more. The host counts the bytes it sends the same way
 * (`messageBytes`, an estimate both sides compute alike from the message itself), and what it sent
 * minus what was acknowledged is the backlog the host holds a run for. A client that never sends a
 * flow message (an older page, a test's bare port) is never held for: its backlog reads 0.
 * Never part of the protocol's four kinds: the transports consume it.
 */

export interface FlowMessage {
  kind: 'flow';
  received: number;
}

/** The client acknowledges each time it has handled this many more bytes. */
export const FLOW_ACK_BYTES = 256 * 1024;

export function isFlowMessage(v: unknown): v is FlowMessage {
  return !!v && typeof v === 'object' && (v as { kind?: unknown }).kind === 'flow' && Number.isFinite((v as { received?: unknown }).received);
}

/**
 * About how many bytes a message takes: typed arrays by their length in bytes, strings by their length,
 * everything else 8; objects and arrays summed over their values. Deterministic in the message's shape,
 * so the host (before sending) and the client (after handling) arrive at the same number.
 */
export function messageBytes(v: unknown, depth = 0): number {
  if (v === null || v === undefined) return 8;
  if (typeof v === 'string') return v.length;
  if (typeof v !== 'object') return 8;
  if (ArrayBuffer.isView(v)) return v.byteLength;
  if (v instanceof ArrayBuffer) return v.byteLength;
  if (depth > 16) return 8;
  let n = 8;
  if (Array.isArray(v)) for (const x of v) n += messageBytes(x, depth + 1);
  else for (const key of Object.keys(v)) n += key.length + messageBytes((v as Record<string, unknown>)[key], depth + 1);
  return n;
}

/** The client's side: counts what it handled and says so every FLOW_ACK_BYTES (and once at the start). */
export class FlowCounter {
  private received = 0;
  private acked = 0;

  constructor(private readonly post: (m: FlowMessage) => void) {
    post({ kind: 'flow', received: 0 });
  }

  handled(message: unknown): void {
    this.received += messageBytes(message);
    if (this.received - this.acked >= FLOW_ACK_BYTES) {
      this.acked = this.received;
      this.post({ kind: 'flow', received: this.received });
    }
  }
}
