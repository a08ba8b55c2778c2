/**
 * The app:// protocol's file lookup: app://gradlab/<path> → a file inside the built renderer
 * (app/renderer/dist), never outside it, with its content type and the security headers. HTML gets the
 * renderer's CSP (src/host/csp.ts, the same as the browser mode's) and X-Frame-Options; everything
 * gets nosniff. main.ts feeds the result to protocol.handle.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

import { htmlSecurityHeaders } from '../../src/host/csp.js';
import { APP_HOST, APP_SCHEME } from './app-url.js';
import { contentType } from '../../src/host/content-types.js';


export interface AppFile {
  status: 200 | 404;
  /** the file to send (status 200) */
  file?: string;
  headers: Record<string, string>;
}

export function resolveAppRequest(url: string, root: string): AppFile {
  const base = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
  const notFound: AppFile = { status: 404, headers: { ...base, 'Content-Type': 'text/plain; charset=utf-8' } };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return notFound;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return notFound;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return notFound;
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const top = path.resolve(root);
  const file = path.resolve(top, `.${rel}`);
  if (!file.startsWith(top + path.sep) || rel.includes('\0')) return notFound;
  if (!existsSync(file) || !statSync(file).isFile()) return notFound;
  const ext = path.extname(file).toLowerCase();
  const html = ext === '.html' ? htmlSecurityHeaders() : {};
  return { status: 200, file, headers: { ...base, ...html, 'Content-Type': contentType(file) } };
}
