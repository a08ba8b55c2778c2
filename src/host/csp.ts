/**
 * The renderer's Content-Security-Policy, one policy for both ways the UI is shown:
 *   - the browser mode (`gradlab serve`, serve.ts) sends it as a response header on every HTML page;
 *   - the desktop app (app/main) sends it on every HTML response of its app:// protocol.
 * app/renderer/index.html carries the same policy as a <meta> tag (a test keeps the two in step); the
 * header adds what a meta tag cannot say: frame-ancestors 'none' (no other page may frame the UI).
 * Scripts only from the app's own files — no inline script, no eval; no plugin, no <base>, no form
 * posts. connect-src 'self' covers the browser mode's WebSocket to its own host (CSP 3 matches ws: and
 * wss: of the page's host and port) and nothing else; the desktop app connects to nothing at all.
 */

/** The directives in order, each with its sources. */
export function rendererCspDirectives(): [string, string[]][] {
  return [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
}

export function rendererCsp(): string {
  return rendererCspDirectives()
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The headers every HTML page of the UI gets, in the browser mode and in the desktop app. */
export function htmlSecurityHeaders(): Record<string, string> {
  return { 'Content-Security-Policy': rendererCsp(), 'X-Frame-Options': 'DENY' };
}
