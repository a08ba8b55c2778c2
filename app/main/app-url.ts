/**
 * The desktop app's own origin. The renderer is served from a privileged `app://gradlab/` scheme
 * (app-protocol.ts) rather than file://, so the page has a real origin ('self' in the CSP means just
 * the app's files), response headers (CSP, frame-ancestors) and one URL the navigation guard can allow.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'gradlab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A URL of the app's own pages (app://gradlab/…). */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}

/** An http(s) URL that may be handed to the system browser: a host, and no user:password part. */
export function isExternalWebUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && u.username === '' && u.password === '';
}
