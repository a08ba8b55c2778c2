// The lab host's utility-process entry (src/host/utility-entry.ts), driven through a worker_threads
// MessageChannel standing in for Electron's process.parentPort: it reports ready with the runs a dead
// host left (now interrupted), serves a LabClient over a port sent with {type: 'connect'} (catalog, a
// short SGD race on Booth checked by hand), serves several ports at once, reports a store it cannot
// open as fatal, and on {type: 'shutdown'} stops its runs, closes the store and says closed.
import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { existsSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { MessageChannel } from 'node:worker_threads';

import { Store } from '../../src/experiments/store.js';
import { serveParentPort, type ParentPortLike } from '../../src/host/utility-entry.js';
import type { FromHost } from '../../src/host/utility-messages.js';
import { LabClient } from '../../src/protocol/client.js';
import { portTransport } from '../../src/protocol/transports.js';
import { tempHome } from './store-helpers.js';

interface Main {
  parent: ParentPortLike;
  next(): Promise<FromHost>;
  connect(): LabClient;
  send(m: unknown): void;
  close(): void;
}

/** The main process's side of the parent port, and the stand-in handed to the host. */
function mainSide(): Main {
  const { port1, port2 } = new MessageChannel();
  const inbox: FromHost[] = [];
  const waiting: ((m: FromHost) => void)[] = [];
  port2.on('message', (m: FromHost) => {
    const w = waiting.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  return {
    parent: port1 as unknown as ParentPortLike,
    next: () => new Promise((resolve) => (inbox.length ? resolve(inbox.shift()!) : waiting.push(resolve))),
    connect() {
      const c = new MessageChannel();
      port2.postMessage({ type: 'connect', port: c.port1 }, [c.port1]);
      return new LabClient(portTransport(c.port2));
    },
    send: (m) => port2.postMessage(m),
    close() {
      port1.close();
      port2.close();
    },
  };
}

/** A store with a run that a process now dead was running. */
async function storeWithDeadRun(): Promise<{ home: string; id: number }> {
  const home = tempHome();
  const setup = await Store.open({ home });
  const id = await setup.createRun({ lab: 'train', name: 'spiral adam', config: {}, status: 'running' });
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  await setup.db.run('UPDATE runs SET owner_pid = ?, owner_host = ?, owner_token = ?, heartbeat_at = ?, steps = ? WHERE id = ?', [dead, setup.owner.host, 'old', Date.now(), 340, id]);
  await setup.close();
  return { home, id };
}

test('utility entry: ready with the interrupted runs, then a LabClient over a sent port lists the catalog and races', async () => {
  const { home, id } = await storeWithDeadRun();
  const main = mainSide();
  const served = await serveParentPort(main.parent, { home });
  assert.ok(served);
  const ready = await main.next();
  assert.equal(ready.type, 'ready');
  assert.deepEqual(ready.type === 'ready' && ready.interrupted, [{ id, name: 'spiral adam', lab: 'train', steps: 340 }]);
  assert.match(ready.type === 'ready' ? ready.store : '', /experiments\.db$/);

  const client = main.connect();
  const catalog = (await client.request('labs/catalog')) as { optimizers: { type: string }[]; landscapes: { name: string }[] };
  assert.ok(catalog.optimizers.some((o) => o.type === 'adam'));
  assert.ok(catalog.landscapes.some((l) => l.name === 'booth'));
  const listed = await client.request('runs/list', { filter: { status: 'interrupted' } });
  assert.deepEqual(listed.runs.map((r) => [r.id, r.status]), [[id, 'interrupted']]);

  // SGD, lr 0.01, on Booth f = (x + 2y − 7)² + (2x + y − 5)² from (0, 0): ∇f = (−34, −38), so after one
  // step (0.34, 0.38) with f = 5.9² + 3.94² = 50.3336.
  const rows: { x: number[]; y: number[]; f: number[] } = { x: [], y: [], f: [] };
  client.on('run/batch', (b) => {
    for (const k of ['x', 'y', 'f'] as const) rows[k].push(...b.columns[k]!);
  });
  const done = new Promise<string>((resolve) => client.on('run/status', (s) => ['completed', 'failed', 'stopped'].includes(s.status) && resolve(s.status)));
  const { id: runId } = await client.request('runs/start', { lab: 'race', config: { function: 'booth', start: [0, 0], steps: 3, optimizers: [{ type: 'sgd', lr: 0.01 }] }, subscribe: true });
  assert.equal(await done, 'completed');
  assert.equal(rows.f.length, 4, 'the start and three steps');
  assert.deepEqual([rows.x[0], rows.y[0], rows.f[0]], [0, 0, 74]);
  assert.ok(Math.abs(rows.x[1]! - 0.34) < 1e-12 && Math.abs(rows.y[1]! - 0.38) < 1e-12, `${rows.x[1]}, ${rows.y[1]}`);
  assert.ok(Math.abs(rows.f[1]! - 50.3336) < 1e-9, String(rows.f[1]));
  assert.ok(rows.f[3]! < rows.f[2]! && rows.f[2]! < rows.f[1]!, 'descending');

  // a second port (a reloaded page) is a second client of the same host
  const second = main.connect();
  assert.equal((await second.request('runs/get', { id: runId })).run.status, 'completed');

  main.send({ type: 'shutdown' });
  assert.deepEqual(await main.next(), { type: 'closed' });
  await served.closed;
  await assert.rejects(client.request('labs/catalog'), /closed/);
  main.close();
});

test('utility entry: connects that arrive while the store opens are served once it is open', async () => {
  const main = mainSide();
  const client = main.connect(); // before serveParentPort is even called
  const served = await serveParentPort(main.parent, { home: tempHome() });
  assert.deepEqual(await main.next(), { type: 'ready', store: served!.host.store.file, interrupted: [] });
  assert.ok(((await client.request('labs/catalog')) as { optimizers: unknown[] }).optimizers.length > 3);
  main.send({ type: 'shutdown' });
  await served!.closed;
  main.close();
});

test('utility entry: a store from a newer version is fatal (no host), with the store’s code', async () => {
  const home = tempHome();
  const setup = await Store.open({ home });
  await setup.db.run('PRAGMA user_version = 999');
  await setup.close();
  const main = mainSide();
  assert.equal(await serveParentPort(main.parent, { home }), null);
  const m = await main.next();
  assert.equal(m.type, 'fatal');
  assert.equal(m.type === 'fatal' && m.code, 'STORE_VERSION');
  main.close();
});

test('utility entry as a process: ready, stays up with nothing to do, shuts down on request with exit code 0', async () => {
  const { home, id } = await storeWithDeadRun();
  const entry = new URL('../../src/host/utility-entry.js', import.meta.url);
  const child = fork(entry, [`--home=${home}`], { execArgv: ['--import', new URL('./fake-parent-port.js', import.meta.url).href], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const messages: FromHost[] = [];
  const next = () => new Promise<FromHost>((resolve) => child.once('message', (m: FromHost) => (messages.push(m), resolve(m))));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await next();
  assert.equal(ready.type, 'ready');
  assert.deepEqual(ready.type === 'ready' && ready.interrupted.map((r) => r.id), [id]);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(child.exitCode, null, 'still running with no client and no run');
  const closed = next();
  child.send({ type: 'shutdown' });
  assert.deepEqual(await closed, { type: 'closed' });
  assert.equal(await exited, 0);
});

test('utility entry as a process: a store it cannot open → fatal, exit code 1', async () => {
  const home = tempHome();
  const setup = await Store.open({ home });
  await setup.db.run('PRAGMA user_version = 999');
  await setup.close();
  const child = fork(new URL('../../src/host/utility-entry.js', import.meta.url), [`--home=${home}`], { execArgv: ['--import', new URL('./fake-parent-port.js', import.meta.url).href], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const first = new Promise<FromHost>((resolve) => child.once('message', resolve));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const m = await first;
  assert.equal(m.type === 'fatal' && m.code, 'STORE_VERSION');
  assert.equal(await exited, 1);
});

test('utility entry: a damaged store is fatal with STORE_DAMAGED; started again with repair "recover", it copies the runs, keeps the damaged file and says so', async () => {
  const { home } = await storeWithDeadRun();
  const file = path.join(home, 'experiments.db');
  truncateSync(file, 20_000);
  const main = mainSide();
  assert.equal(await serveParentPort(main.parent, { home }), null);
  const m = await main.next();
  assert.equal(m.type === 'fatal' && m.code, 'STORE_DAMAGED');
  assert.ok(m.type === 'fatal' && m.message.includes(file));
  main.close();

  const again = mainSide();
  const served = await serveParentPort(again.parent, { home, repair: 'recover' });
  const ready = await again.next();
  assert.equal(ready.type, 'ready');
  const repaired = ready.type === 'ready' ? ready.repaired : undefined;
  assert.equal(repaired?.repair, 'recover');
  assert.match(repaired!.setAsideAs, /experiments\.damaged-\d{8}-\d{6}\.db$/);
  assert.ok(existsSync(repaired!.setAsideAs) && statSync(repaired!.setAsideAs).size === 20_000, 'the damaged file is kept as it was');
  again.send({ type: 'shutdown' });
  await served!.closed;
  again.close();
});
