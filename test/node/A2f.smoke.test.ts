// The app's smoke mode (#11): the page's sequence (src/protocol/smoke.ts) against a real lab host over
// a MessagePort — catalog, a stored 100-step race, read back — and how it names a failing step; the
// main process's watch (app/main/smoke.ts) with fake timers: the exit code and the one line printed for
// a report, a host that cannot start, a page that never reports, a report that is not one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageChannel } from 'node:worker_threads';

import { SmokeWatch } from '../../app/main/smoke.js';
import { LabHost } from '../../src/host/host.js';
import { portConnection } from '../../src/host/message-port.js';
import { LabClient } from '../../src/protocol/client.js';
import { smokeRace } from '../../src/protocol/smoke.js';
import { portTransport } from '../../src/protocol/transports.js';
import { tempHome } from './store-helpers.js';

test('smokeRace against a real host: the catalog, a 100-step race stored and read back', async () => {
  const home = tempHome();
  const host = await LabHost.open({ home });
  const { port1, port2 } = new MessageChannel();
  host.connect(portConnection(port1 as never));
  const client = new LabClient(portTransport(port2 as never));
  const r = await smokeRace(client);
  assert.equal(r.ok, true, r.failed);
  assert.deepEqual(r.passed, ['connect: the lab catalog', 'race: 100 steps of Adam on Rosenbrock', `saved: run ${r.runId} read back from the store`]);
  const got = await host.store.getRun(r.runId!);
  assert.equal(got.status, 'completed');
  assert.equal((await host.store.readRaw(r.runId!, 'race_f')).values.length, 101);
  client.close();
  port2.close();
  await host.close();
});

test('smokeRace names the step that failed, and why', async () => {
  const refused = {
    request: (method: string) =>
      method === 'labs/catalog' ? Promise.resolve({ optimizers: [{ type: 'adam' }] }) : Promise.reject(new Error('race.steps: expected an integer ≥ 1')),
    on: () => () => undefined,
  } as unknown as LabClient;
  const r = await smokeRace(refused);
  assert.equal(r.ok, false);
  assert.deepEqual(r.passed, ['connect: the lab catalog']);
  assert.equal(r.failed, 'race: 100 steps of Adam on Rosenbrock: race.steps: expected an integer ≥ 1');

  const silent = { request: () => new Promise(() => undefined), on: () => () => undefined } as unknown as LabClient;
  const s = await smokeRace(silent, 50);
  assert.equal(s.failed, 'connect: the lab catalog: no answer within 0.05 s');
});

function watchRig(timeoutMs = 1000) {
  const lines: string[] = [];
  const exits: number[] = [];
  let fire: (() => void) | null = null;
  let cleared = false;
  const w = new SmokeWatch(
    {
      print: (l) => lines.push(l),
      exit: (c) => exits.push(c),
      timers: { setTimeout: (fn) => ((fire = fn), 1), clearTimeout: () => (cleared = true) },
    },
    timeoutMs,
  );
  w.start();
  return { w, lines, exits, timeout: () => fire?.(), cleared: () => cleared };
}

test('SmokeWatch: a passing report exits 0 with its steps; a failing one exits 1 naming the step; one exit only', () => {
  const a = watchRig();
  a.w.hostEvent({ kind: 'ready', interrupted: [], afterCrash: false, exitCode: null, restarts: 0 });
  a.w.report(JSON.stringify({ ok: true, passed: ['connect: the lab catalog', 'race', 'saved'], runId: 1 }));
  a.w.report(JSON.stringify({ ok: false, passed: [] })); // after the end: ignored
  assert.deepEqual(a.exits, [0]);
  assert.deepEqual(a.lines, ['gradlab smoke test passed: connect: the lab catalog; race; saved']);
  assert.ok(a.cleared());

  const b = watchRig();
  b.w.report(JSON.stringify({ ok: false, passed: ['connect: the lab catalog'], failed: 'race: 100 steps of Adam on Rosenbrock: the run ended failed' }));
  assert.deepEqual(b.exits, [1]);
  assert.equal(b.lines[0], 'gradlab smoke test FAILED at race: 100 steps of Adam on Rosenbrock: the run ended failed (passed: connect: the lab catalog)');
});

test('SmokeWatch: a host that cannot start, a page that never reports or goes away, a report that is not one: exit 1, saying which', () => {
  const fatal = watchRig();
  fatal.w.hostEvent({ kind: 'fatal', code: 'STORE_DAMAGED', message: 'the experiment store /tmp/x/experiments.db is damaged' });
  assert.deepEqual(fatal.exits, [1]);
  assert.equal(fatal.lines[0], 'gradlab smoke test FAILED: the lab host cannot start: the experiment store /tmp/x/experiments.db is damaged [STORE_DAMAGED]');

  const silentHost = watchRig(120_000);
  silentHost.timeout();
  assert.deepEqual(silentHost.exits, [1]);
  assert.equal(silentHost.lines[0], 'gradlab smoke test FAILED: nothing reported within 120 s (the host never became ready)');

  const silentPage = watchRig(120_000);
  silentPage.w.hostEvent({ kind: 'ready', interrupted: [], afterCrash: false, exitCode: null, restarts: 0 });
  silentPage.timeout();
  assert.match(silentPage.lines[0]!, /the host was ready; the page never reported/);

  const gone = watchRig();
  gone.w.pageGone('its process ended (crashed)');
  assert.equal(gone.lines[0], 'gradlab smoke test FAILED: the page went away: its process ended (crashed)');

  const junk = watchRig();
  junk.w.report('not json');
  assert.deepEqual(junk.exits, [1]);
  assert.match(junk.lines[0]!, /the page sent a report that is not one: "not json"/);
});
