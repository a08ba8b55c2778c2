/**
 * Connects the renderer to the lab host, whichever way it runs:
 *   - Electron: the preload exposes `window.gradlab` (LabApi, app/preload) and the main process hands
 *     the page a MessagePort to the host; it arrives as a window "message" event whose data is
 *     "gradlab:host-port", with the port in event.ports[0].
 *   - Browser mode (`gradlab serve`): a WebSocket to /ws on the page's own host; the token travels in
 *     the cookie the first page load set.
 * Either way the result is a LabClient (src/protocol/client.ts). In Electron, when the host restarts
 * (after a crash) the main process hands the page a new port the same way, unasked:
 * onReplacementClient() turns each such port into a new LabClient.
 */
import { LabClient } from '../../../../src/protocol/client';
import { portTransport, socketTransport } from '../../../../src/protocol/transports';

export const HOST_PORT_MESSAGE = 'gradlab:host-port';

export function isDesktop(): boolean {
  return typeof window !== 'undefined' && (window as { gradlab?: { isDesktop?: boolean } }).gradlab?.isDesktop === true;
}

function viaPort(): Promise<LabClient> {
  return new Promise((resolve) => {
    const onMessage = (e: MessageEvent) => {
      if (e.data !== HOST_PORT_MESSAGE || !e.ports[0]) return;
      window.removeEventListener('message', onMessage);
      resolve(new LabClient(portTransport(e.ports[0])));
    };
    window.addEventListener('message', onMessage);
    (window as { gradlab?: { requestHostPort?: () => void } }).gradlab?.requestHostPort?.();
  });
}

function viaSocket(timeoutMs: number): Promise<LabClient> {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/ws`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('no answer from the host'));
    }, timeoutMs);
    socket.addEventListener('open', () => {
      clearTimeout(timer);
      resolve(new LabClient(socketTransport(socket)));
    });
    socket.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new Error('the WebSocket was refused (open the URL that `gradlab serve` printed, with its token)'));
    });
  });
}

/** Desktop only: calls `fn` with a new client for every host port that arrives from now on. */
export function onReplacementClient(fn: (client: LabClient) => void): () => void {
  if (!isDesktop()) return () => undefined;
  const onMessage = (e: MessageEvent) => {
    if (e.data === HOST_PORT_MESSAGE && e.ports[0]) fn(new LabClient(portTransport(e.ports[0])));
  };
  window.addEventListener('message', onMessage);
  return () => window.removeEventListener('message', onMessage);
}

export function connect(timeoutMs = 5000): Promise<LabClient> {
  return isDesktop() ? viaPort() : viaSocket(timeoutMs);
}
