// The browser mode sends the renderer's CSP (with frame-ancestors 'none') and X-Frame-Options: DENY on
// every HTML response — the built page, the SPA fallback and the "not built" page — and not on assets.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { rendererCsp } from '../../src/host/csp.js';
import { LabHost } from '../../src/host/host.js';
import { serve } from '../../src/host/serve.js';
import { tempHome } from './store-helpers.js';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

test('gradlab serve: CSP and X-Frame-Options on HTML responses, not on scripts; none leak before the token', async () => {
  assert.equal(rendererCsp(), CSP);
  const dir = tempHome();
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>lab</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  const host = await LabHost.open({ home: tempHome() });
  const built = await serve({ host, staticDir: dir });
  const bare = await serve({ host, staticDir: null });
  try {
    const auth = { authorization: `Bearer ${built.token}` };
    const base = `http://127.0.0.1:${built.port}`;
    for (const url of [built.url, `${base}/index.html`, `${base}/some/route`]) {
      const r = await fetch(url, { headers: auth });
      assert.equal(r.status, 200, url);
      assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8', url);
      assert.equal(r.headers.get('content-security-policy'), CSP, url);
      assert.equal(r.headers.get('x-frame-options'), 'DENY', url);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', url);
    }
    const head = await fetch(built.url, { method: 'HEAD' });
    assert.equal(head.headers.get('content-security-policy'), CSP);
    const js = await fetch(`${base}/assets/app.js`, { headers: auth });
    assert.equal(await js.text(), 'console.log(1)');
    assert.equal(js.headers.get('content-security-policy'), null);
    const notBuilt = await fetch(bare.url);
    assert.match(await notBuilt.text(), /has not been built/);
    assert.equal(notBuilt.headers.get('content-security-policy'), CSP);
    assert.equal(notBuilt.headers.get('x-frame-options'), 'DENY');
  } finally {
    await built.close();
    await bare.close();
    await host.close();
  }
});
