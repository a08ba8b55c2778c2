/// <reference lib="dom" />
// The renderer's desktop path in Chromium: a stand-in for the preload (window.gradlab with
// isDesktop: true) hands the page MessagePorts the way app/preload does — window.postMessage
// ('gradlab:host-port', '*', [port]) — each port bridged to `gradlab serve` over its own WebSocket with
// the protocol's real frame codec. The page connects through the port (not a socket of its own), tells
// the "main process" its UI language, and when the "host restarts" (the bridge closes, a new port
// arrives unasked) it swaps to the new client and keeps working.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { hasChromium, openApp, screenshot } from './browser.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';
const codec = readFileSync(fileURLToPath(new URL('../../src/protocol/codec.js', import.meta.url)), 'utf8').replace(/^export /gm, '').replace(/^\/\/# sourceMappingURL=.*$/m, '');

/** Runs in the page before its scripts (as a preload would): the fake LabApi and the port bridges. */
const PRELOAD = `(() => {
${codec}
  const bridges = [];
  const RealWebSocket = WebSocket;
  let pageSockets = 0;
  window.WebSocket = class extends RealWebSocket {
    constructor(...args) { super(...args); pageSockets += 1; }
  };
  function handPort() {
    const channel = new MessageChannel();
    const ws = new RealWebSocket('ws://' + location.host + '/ws');
    ws.binaryType = 'arraybuffer';
    const bridge = { ws, sent: 0, received: 0, queue: [] };
    channel.port2.onmessage = (e) => {
      bridge.sent += 1;
      const frame = encodeFrame(e.data);
      if (ws.readyState === 1) ws.send(frame); else bridge.queue.push(frame);
    };
    ws.onopen = () => { for (const f of bridge.queue.splice(0)) ws.send(f); };
    ws.onmessage = (e) => { bridge.received += 1; channel.port2.postMessage(decodeFrame(new Uint8Array(e.data))); };
    bridges.push(bridge);
    window.postMessage('gradlab:host-port', '*', [channel.port1]);
  }
  const langs = [];
  window.__gradlabTest = {
    restartHost() { for (const b of bridges) b.ws.close(); handPort(); },
    pageSockets: () => pageSockets,
    stats: () => bridges.map((b) => ({ sent: b.sent, received: b.received, open: b.ws.readyState === 1 })),
    langs,
  };
  window.gradlab = Object.freeze({
    isDesktop: true,
    versions: Object.freeze({ app: '0.1.0', electron: '39.8.10', chrome: '', node: '', platform: 'linux' }),
    requestHostPort: () => setTimeout(handPort, 0),
    openExternal: async () => false,
    saveFile: async () => null,
    setUiLanguage: (l) => langs.push(l),
  });
})();`;

interface Stats {
  sent: number;
  received: number;
  open: boolean;
}

test('desktop path: the page connects through the handed port, and a restarted host’s new port replaces it', { skip }, async () => {
  const app = await openApp({ lang: 'en-US' });
  try {
    const { page } = app;
    await page.addInitScript({ content: PRELOAD });
    await page.reload();
    await page.getByRole('link', { name: 'Experiments' }).waitFor();
    const stats = () => page.evaluate(() => (window as unknown as { __gradlabTest: { stats(): Stats[] } }).__gradlabTest.stats());
    await page.getByRole('link', { name: 'Experiments' }).click(); // a view that asks the host for the runs
    await page.waitForFunction(() => (window as unknown as { __gradlabTest: { stats(): Stats[] } }).__gradlabTest.stats()[0]!.received > 0);
    const first = await stats();
    assert.equal(first.length, 1, 'one port asked for and handed');
    assert.ok(first[0]!.sent > 0 && first[0]!.received > 0, 'requests went through the port');
    assert.equal(await page.evaluate(() => (window as unknown as { __gradlabTest: { pageSockets(): number } }).__gradlabTest.pageSockets()), 0, 'the page opened no WebSocket of its own');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __gradlabTest: { langs: string[] } }).__gradlabTest.langs), ['en'], 'the UI language went to the main process');

    // The host "restarts": the old port goes dead, a new one arrives unasked.
    await page.getByRole('link', { name: 'Training lab' }).click();
    await page.evaluate(() => (window as unknown as { __gradlabTest: { restartHost(): void } }).__gradlabTest.restartHost());
    await page.getByRole('link', { name: 'Experiments' }).click();
    await page.waitForFunction(() => {
      const s = (window as unknown as { __gradlabTest: { stats(): Stats[] } }).__gradlabTest.stats();
      return s.length === 2 && s[1]!.received > 0;
    });
    const after = await stats();
    assert.equal(after[0]!.open, false);
    assert.ok(after[1]!.sent > 0 && after[1]!.received > 0, 'the page now talks over the new port');
    const sentBefore = after[0]!.sent;
    await page.getByRole('link', { name: 'Training lab' }).click();
    await page.getByRole('link', { name: 'Experiments' }).click();
    await page.waitForTimeout(500);
    assert.equal((await stats())[0]!.sent, sentBefore, 'nothing more went to the dead port');
    assert.equal(await page.getByRole('alert').count(), 0, 'no “host not reachable” message');

    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('link', { name: '训练实验' }).waitFor();
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __gradlabTest: { langs: string[] } }).__gradlabTest.langs), ['en', 'zh-CN']);
    await screenshot(page, 'desktop-port-after-restart');
  } finally {
    await app.close();
  }
});
