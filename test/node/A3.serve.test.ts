// The browser mode's server: the token on every HTTP request and WebSocket (query, cookie or bearer),
// a WebSocket from another origin refused, the renderer's files served without escaping their
// folder, and `gradlab serve` printing a URL that works.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { LabHost } from '../../src/host/host.js';
import { serve } from '../../src/host/serve.js';
import { LabClient } from '../../src/protocol/client.js';
import { socketTransport } from '../../src/protocol/transports.js';
import { openSocket, wsUrl } from './protocol-helpers.js';
import { tempHome } from './store-helpers.js';

test('HTTP: the token is required (query → cookie, or bearer); files stay inside the renderer folder', async () => {
  const dir = tempHome();
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>lab</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(path.dirname(dir), 'secret.txt'), 'secret');
  const host = await LabHost.open({ home: tempHome() });
  const server = await serve({ host, staticDir: dir });
  const base = `http://127.0.0.1:${server.port}`;
  try {
    assert.match(server.url, new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    assert.equal((await fetch(`${base}/`)).status, 401);
    assert.equal((await fetch(`${base}/?token=wrong`)).status, 401);
    assert.equal((await fetch(`${base}/assets/app.js`)).status, 401);
    const first = await fetch(server.url);
    assert.equal(first.status, 200);
    assert.equal(await first.text(), '<!doctype html><title>lab</title>');
    const cookie = first.headers.get('set-cookie')!;
    assert.match(cookie, /gradlab_token=.+; HttpOnly; SameSite=Strict; Path=\//);
    const js = await fetch(`${base}/assets/app.js`, { headers: { cookie: cookie.split(';')[0]! } });
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const bearer = await fetch(`${base}/assets/app.js`, { headers: { authorization: `Bearer ${server.token}` } });
    assert.equal(await bearer.text(), 'console.log(1)');
    const escape = await fetch(`${base}/..%2Fsecret.txt?token=${server.token}`);
    assert.notEqual(await escape.text(), 'secret');
    assert.equal((await fetch(`${base}/?token=${server.token}`, { method: 'POST' })).status, 405);
  } finally {
    await server.close();
    await host.close();
  }
});

test('WebSocket: refused without the token, with a wrong one, or from another origin; served with it', async () => {
  const host = await LabHost.open({ home: tempHome() });
  const server = await serve({ host });
  try {
    await assert.rejects(openSocket(`ws://127.0.0.1:${server.port}/ws`), /401/);
    await assert.rejects(openSocket(wsUrl(server, 'x'.repeat(43))), /401/);
    await assert.rejects(openSocket(wsUrl(server), { origin: 'http://evil.example' }), /403/);
    await assert.rejects(openSocket(`ws://127.0.0.1:${server.port}/other?token=${server.token}`), /404/);
    const ok = await openSocket(wsUrl(server), { origin: `http://127.0.0.1:${server.port}` });
    const client = new LabClient(socketTransport(ok as never));
    assert.ok((await client.request('labs/catalog')).optimizers);
    const byCookie = await openSocket(`ws://127.0.0.1:${server.port}/ws`, { cookie: `gradlab_token=${server.token}` });
    byCookie.close();
    client.close();
  } finally {
    await server.close();
    await host.close();
  }
});

test('gradlab serve prints a URL whose token opens the page and the protocol', async () => {
  const bin = new URL('../../../bin/gradlab.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [bin, 'serve', '--home', tempHome(), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const line = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
    const info = JSON.parse(line) as { url: string; port: number; token: string; store: string };
    assert.equal((await fetch(info.url)).status, 200);
    const client = new LabClient(socketTransport((await openSocket(`ws://127.0.0.1:${info.port}/ws?token=${info.token}`)) as never));
    assert.deepEqual((await client.request('runs/list')).runs, []);
    client.close();
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
  }
  assert.equal(child.exitCode, 0, 'SIGTERM: a clean shutdown');
});
