/**
 * `gradlab serve`: the lab host in this process — the protocol over WebSocket and the built renderer
 * (app/renderer/dist, once built) — on 127.0.0.1 by default. Prints the URL to open, with its token,
 * then serves until SIGINT or SIGTERM, when running runs end as stopped and the store is closed.
 * With --json it prints one line {url, port, token, store} instead (for scripts and tests).
 */
import { fileURLToPath } from 'node:url';

import { LabHost } from '../../host/host.js';
import { LabError } from '../../native/errors.js';
import { serve } from '../../host/serve.js';

export interface ServeArgs {
  port: number;
  host: string;
  home?: string;
  concurrency?: number;
  pausedGrace?: number;
  json?: boolean;
}

const RENDERER = fileURLToPath(new URL('../../../../app/renderer/dist', import.meta.url));

export async function serveCommand(a: ServeArgs, out: NodeJS.WritableStream): Promise<string> {
  if (a.pausedGrace !== undefined && !(a.pausedGrace > 0))
    throw new LabError(`--paused-grace: expected a number of minutes > 0, got ${a.pausedGrace}`, 'INVALID_CONFIG');
  const host = await LabHost.open({
    ...(a.home !== undefined ? { home: a.home } : {}),
    ...(a.concurrency !== undefined ? { concurrency: a.concurrency } : {}),
    ...(a.pausedGrace !== undefined ? { pausedGraceMs: a.pausedGrace * 60_000 } : {}),
  });
  const server = await serve({ host, bind: a.host, port: a.port, staticDir: RENDERER });
  out.write(
    a.json
      ? `${JSON.stringify({ url: server.url, port: server.port, token: server.token, store: host.store.file })}\n`
      : `Gradient Lab is serving on ${server.url}\n(store: ${host.store.file}; Ctrl-C to stop)\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await host.close();
  return '';
}
