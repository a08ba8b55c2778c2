/**
 * The browser mode's server: the host over WebSocket (path /ws) plus the built renderer's files, on
 * 127.0.0.1 by default, guarded by a random token as Jupyter does. The token is required on every HTTP
 * request and on the WebSocket: as ?token=… in the URL (the first page load then sets an HttpOnly,
 * SameSite=Strict cookie so the page's own requests carry it), or as the cookie, or as
 * "Authorization: Bearer …". A WebSocket from a page of another origin is refused even with a token.
 * HTML pages carry the renderer's Content-Security-Policy and X-Frame-Options: DENY (csp.ts).
 *
 *   const server = await serve({ host: labHost, port: 0 });
 *   console.log(server.url);   // http://127.0.0.1:PORT/?token=…
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { WebSocketServer } from 'ws';

import { htmlSecurityHeaders } from './csp.js';
import type { LabHost } from './host.js';
import { socketConnection } from './websocket.js';
import { contentType } from './content-types.js';

export interface ServeOptions {
  host: LabHost;
  /** interface to bind (default 127.0.0.1) */
  bind?: string;
  /** 0 = a free port (default) */
  port?: number;
  /** default: 32 random bytes, base64url */
  token?: string;
  /** the built renderer (index.html and assets); none: a page that says the UI is not built */
  staticDir?: string | null;
}

export interface Server {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}


const NOT_BUILT = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>Gradient Lab</title>
<body style="font:16px system-ui;margin:3em"><h1>Gradient Lab host</h1>
<p>The host is running and serves the protocol on <code>/ws</code>. The user interface has not been built yet.</p></body>`;

/** Every HTML page: the renderer's CSP (with frame-ancestors 'none') and X-Frame-Options: DENY (csp.ts). */
const HTML_HEADERS = htmlSecurityHeaders();

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given),
    b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (a sandboxed page) or garbage
  }
}

function tokenOf(req: http.IncomingMessage, url: URL): string | undefined {
  const q = url.searchParams.get('token');
  if (q) return q;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const cookie = /(?:^|;\s*)gradlab_token=([^;]+)/.exec(req.headers.cookie ?? '');
  return cookie ? decodeURIComponent(cookie[1]!) : undefined;
}

export async function serve(opts: ServeOptions): Promise<Server> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const bind = opts.bind ?? '127.0.0.1';
  const root = opts.staticDir && existsSync(path.join(opts.staticDir, 'index.html')) ? path.resolve(opts.staticDir) : null;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };
    if (!sameToken(tokenOf(req, url), token)) {
      res.writeHead(401, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Gradient Lab: this page needs the token printed by `gradlab serve` (open the URL it printed).\n');
      return;
    }
    const cookie = url.searchParams.has('token') ? { 'Set-Cookie': `gradlab_token=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/` } : {};
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    if (!root) {
      res.writeHead(200, { ...headers, ...HTML_HEADERS, ...cookie, 'Content-Type': contentType('index.html') });
      res.end(NOT_BUILT);
      return;
    }
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, `.${rel}`);
    const inside = file === root || file.startsWith(root + path.sep);
    const target = inside && existsSync(file) && statSync(file).isFile() ? file : path.join(root, 'index.html');
    const html = path.extname(target) === '.html' ? HTML_HEADERS : {};
    res.writeHead(200, { ...headers, ...html, ...cookie, 'Content-Type': contentType(target) });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(target));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 512 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return refuse('404 Not Found');
    if (!sameToken(tokenOf(req, url), token)) return refuse('401 Unauthorized');
    const origin = req.headers.origin;
    if (origin !== undefined && originHost(origin) !== req.headers.host) return refuse('403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => opts.host.connect(socketConnection(ws)));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, bind, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = bind.includes(':') ? `[${bind}]` : bind;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
