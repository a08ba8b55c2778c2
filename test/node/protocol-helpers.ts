/** Connects protocol clients to a host over each transport, for the protocol tests. */
import { MessageChannel } from 'node:worker_threads';

import { WebSocket } from 'ws';

import { LabHost } from '../../src/host/host.js';
import { portConnection } from '../../src/host/message-port.js';
import { serve, type Server } from '../../src/host/serve.js';
import { LabClient } from '../../src/protocol/client.js';
import { portTransport, socketTransport } from '../../src/protocol/transports.js';
import { tempHome } from './store-helpers.js';

export interface Rig {
  host: LabHost;
  client: LabClient;
  /** another client of the same host */
  connect(): Promise<LabClient>;
  close(): Promise<void>;
}

export function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

export function wsUrl(server: Server, token = server.token): string {
  return `ws://127.0.0.1:${server.port}/ws?token=${encodeURIComponent(token)}`;
}

export async function portRig(): Promise<Rig> {
  const host = await LabHost.open({ home: tempHome() });
  const connect = async () => {
    const { port1, port2 } = new MessageChannel();
    host.connect(portConnection(port1));
    return new LabClient(portTransport(port2));
  };
  const client = await connect();
  return { host, client, connect, close: () => host.close() };
}

export async function socketRig(opts: { pausedGraceMs?: number } = {}): Promise<Rig & { server: Server }> {
  const host = await LabHost.open({ home: tempHome(), ...opts });
  const server = await serve({ host });
  const connect = async () => new LabClient(socketTransport((await openSocket(wsUrl(server))) as never));
  const client = await connect();
  return {
    host,
    server,
    client,
    connect,
    close: async () => {
      await server.close();
      await host.close();
    },
  };
}
