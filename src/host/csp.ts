/**
 * The renderer's Content-Security-Policy, one source for both ways the UI is shown:
 *   - the browser mode (`gradlab serve`, serve.ts) sends it as a response header on every HTML page;
 *   - the desktop app (app/main) sends it on every response of its app:// protocol.
 * app/renderer/index.html carries the same policy as a <meta> tag (a test keeps the two in step); the
 * header adds what a meta tag cannot say: frame-ancestors 'none' (no other page may frame the UI).
 * Scripts only from the app's own files — no inline script, no eval; no plugin, no <base>, no form posts.
 */

export interface CspOptions {
  /** the browser mode talks to the host over a WebSocket on the loopback; the desktop app does not */
  websocket: boolean;
}

/** The directives in order; a directive's sources joined by spaces. */
export function rendererCspDirectives(opts: CspOptions): [string, string[]][] {
  const connect = opts.websocket ? ["'self'", 'ws://127.0.0.1:*', 'ws://localhost:*', 'ws://[::1]:*'] : ["'self'"];
  return [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', connect],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
}

export function rendererCsp(opts: CspOptions): string {
  return rendererCspDirectives(opts)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The headers every HTML page of the UI gets, in the browser mode and in the desktop app. */
export function htmlSecurityHeaders(opts: CspOptions): Record<string, string> {
  return { 'Content-Security-Policy': rendererCsp(opts), 'X-Frame-Options': 'DENY' };
}
