/// <reference lib="dom" />
// The renderer's Content-Security-Policy at work in Chromium, against `gradlab serve`: the header is on
// the HTML response; an injected inline <script>, an inline event handler and a script from another
// origin never run (each fires a securitypolicyviolation event); eval and new Function are refused;
// another page cannot frame the app (frame-ancestors 'none'); the app keeps working after all of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { rendererCsp } from '../../src/host/csp.js';
import { hasChromium, openApp, screenshot } from './browser.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';

test('CSP in Chromium: header present, injected scripts and eval blocked, no framing', { skip }, async () => {
  const app = await openApp({ lang: 'en-US' });
  try {
    const { page } = app;
    await page.getByRole('link', { name: 'Optimizer playground' }).waitFor();
    // Every CSP violation from the page's first script on (an init script is not subject to the CSP).
    await page.addInitScript(() => {
      const w = window as unknown as { __gradlabViolations: string[] };
      w.__gradlabViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__gradlabViolations.push(`${e.effectiveDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
    });
    const response = await page.reload();
    assert.ok(response);
    assert.equal(response.headers()['content-security-policy'], rendererCsp());
    assert.equal(response.headers()['x-frame-options'], 'DENY');
    await page.getByRole('link', { name: 'Optimizer playground' }).waitFor();
    // The app's own code breaks no rule of its CSP (zod's eval probe did, until it was made jitless):
    // the training lab has asked for its data set and shown it (a reply the client parses with zod).
    await page.getByRole('link', { name: 'Training lab' }).click();
    await page.getByTestId('training-split').getByText('in the training set').waitFor();
    await page.getByRole('link', { name: 'Optimizer playground' }).click();
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __gradlabViolations: string[] }).__gradlabViolations), []);

    const injected = await page.evaluate(
      () =>
        new Promise<{ inline: boolean; handler: boolean; remote: boolean; violations: { directive: string; blocked: string; policy: string }[] }>((resolve) => {
          const w = window as unknown as Record<string, unknown>;
          const violations: { directive: string; blocked: string; policy: string }[] = [];
          document.addEventListener('securitypolicyviolation', (e) => violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, policy: e.originalPolicy.includes('frame-ancestors') ? 'header' : 'meta' }));
          const inline = document.createElement('script');
          inline.textContent = 'window.__gradlabInjected = 1;';
          document.body.appendChild(inline);
          const img = document.createElement('img');
          img.setAttribute('src', 'data:,');
          img.setAttribute('onerror', 'window.__gradlabHandler = 1');
          img.setAttribute('onload', 'window.__gradlabHandler = 1');
          document.body.appendChild(img);
          const remote = document.createElement('script');
          remote.src = 'http://localhost:9/evil.js';
          document.body.appendChild(remote);
          setTimeout(() => resolve({ inline: w.__gradlabInjected === 1, handler: w.__gradlabHandler === 1, remote: w.__gradlabRemote === 1, violations }), 500);
        }),
    );
    assert.equal(injected.inline, false, 'the injected inline script did not run');
    assert.equal(injected.handler, false, 'the inline event handler did not run');
    assert.equal(injected.remote, false);
    // each blocked by both policies: the response header's and index.html's meta tag
    // each distinct violation once: Chromium 156 reports the blocked inline handler twice
    const seen = [...new Set(injected.violations.map((v) => `${v.policy}: ${v.directive} ${v.blocked}`))].sort();
    const expected = ['script-src-attr inline', 'script-src-elem http://localhost:9/evil.js', 'script-src-elem inline'];
    assert.deepEqual(seen, [...expected.map((d) => `header: ${d}`), ...expected.map((d) => `meta: ${d}`)].sort());

    // Later, in a task of the page's own (DevTools' evaluation itself is allowed to eval).
    const evals = await page.evaluate(
      () =>
        new Promise<{ eval: string; fn: string; violations: string[] }>((resolve) => {
          const violations: string[] = [];
          document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
          const attempt = (f: () => unknown) => {
            try {
              f();
              return 'ran';
            } catch (e) {
              return (e as Error).name;
            }
          };
          setTimeout(() => {
            const result = { eval: attempt(() => (0, eval)('1 + 1')), fn: attempt(() => new Function('return 1')()) };
            setTimeout(() => resolve({ ...result, violations: [...new Set(violations)] }), 200);
          }, 0);
        }),
    );
    assert.deepEqual(evals, { eval: 'EvalError', fn: 'EvalError', violations: ['script-src eval'] });

    // Another page (another origin) tries to frame the app: the frame stays empty.
    const other = await page.context().newPage();
    await other.setContent(`<iframe id="f" src="${app.url}" width="400" height="300"></iframe>`);
    await other.waitForTimeout(1500);
    const framed = other.frames().find((f) => f !== other.mainFrame());
    assert.ok(framed, 'the iframe exists');
    assert.match(framed.url(), /^chrome-error:/, 'Chromium refused to render the app in a frame');
    assert.notEqual(await framed.evaluate(() => document.querySelector('.topbar') !== null).catch(() => false), true, 'the app did not render inside the frame');
    await other.close();

    // The app still works: switch to the training lab.
    await page.getByRole('link', { name: 'Training lab' }).click();
    assert.match(page.url(), /#training$/);
    await screenshot(page, 'security-csp');
    const unexpected = app.errors.filter((e) => !/Content Security Policy|evil\.js|ERR_CONNECTION_REFUSED|frame-ancestors|X-Frame-Options/i.test(e));
    assert.deepEqual(unexpected, []);
  } finally {
    await app.close();
  }
});
