// #15: a client slower than its run (a page at full speed) no longer piles the run's points up in the
// host: while a subscriber has more than SUBSCRIBER_HIGH bytes not yet taken, the run is held (its steps
// stop, nothing is lost), and it goes on once every subscriber is back under SUBSCRIBER_LOW.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import { LabHost, SUBSCRIBER_HIGH } from '../../src/host/host.js';
import type { Message } from '../../src/protocol/messages.js';
import { tempHome } from './store-helpers.js';

test('a slow subscriber holds the run until it catches up; every step still arrives once', async () => {
  const host = await LabHost.open({ home: tempHome() });
  let buffered = 0;
  const sent: Message[] = [];
  let deliver: (m: unknown) => void = () => undefined;
  host.connect({ send: (m) => void sent.push(m), onMessage: (fn) => (deliver = fn), onClose: () => undefined, close: () => undefined, buffered: () => buffered });
  let next = 1;
  const request = async (method: string, params: unknown): Promise<Record<string, unknown>> => {
    const id = next++;
    deliver({ kind: 'request', id, method, params });
    for (;;) {
      const r = sent.find((m) => (m.kind === 'response' || m.kind === 'error') && m.id === id);
      if (r?.kind === 'error') throw new Error(r.error.message);
      if (r?.kind === 'response') return r.result as Record<string, unknown>;
      await sleep(2);
    }
  };
  const steps = () =>
    sent.flatMap((m) => (m.kind === 'event' && m.name === 'run/batch' ? Array.from((m.data as { columns: { step: Float64Array } }).columns.step) : []));
  try {
    const { id } = await request('runs/start', { lab: 'race', config: { function: 'rosenbrock', steps: 200_000, optimizers: [{ type: 'sgd', lr: 1e-4 }] }, subscribe: true });
    while (steps().length < 100) await sleep(2);
    buffered = SUBSCRIBER_HIGH + 1; // the client stops taking what it is sent
    await sleep(100);
    const atHold = steps().length;
    await sleep(300);
    const held = steps().length;
    assert.ok(held - atHold < 5000, `held: ${atHold} → ${held} rows in 300 ms`);
    assert.equal(((await request('runs/get', { id })) as { run: { status: string } }).run.status, 'running', 'held is not paused');
    buffered = 0; // caught up
    for (;;) {
      const r = (await request('runs/get', { id })) as { run: { status: string } };
      if (r.run.status === 'completed') break;
      await sleep(20);
    }
    await sleep(50);
    const all = steps();
    assert.equal(all.length, 200_001, 'every row once');
    assert.deepEqual(all.slice(0, 3), [0, 1, 2]);
    assert.ok(all.every((s, i) => s === i), 'in order, none twice');
  } finally {
    await host.close();
  }
});
