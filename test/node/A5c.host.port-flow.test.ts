// #15: over a MessagePort (the desktop app) the page says how much it has handled, so the host sees the
// page's backlog as it does a WebSocket's and holds a run the page cannot keep up with (A5b holds it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageChannel, Worker } from 'node:worker_threads';

import { LabHost, SUBSCRIBER_HIGH } from '../../src/host/host.js';
import { portConnection, type PortLike } from '../../src/host/message-port.js';
import { FLOW_ACK_BYTES, messageBytes, type FlowMessage } from '../../src/protocol/flow.js';
import type { Message } from '../../src/protocol/messages.js';
import { portTransport } from '../../src/protocol/transports.js';
import { tempHome } from './store-helpers.js';

const batch = (rows: number): Message => ({
  kind: 'event',
  name: 'run/batch',
  data: { id: 1, stream: 'race', index: 0, seq: 0, rows, columns: { step: new Float64Array(rows), f: new Float64Array(rows) } },
});

test('messageBytes: typed arrays by their bytes, strings by length, 8 for the rest, summed over keys', () => {
  // {kind, name, data: {id, stream, index, seq, rows, columns: {step, f}}}
  const m = batch(1000);
  const columns = 8 + 'step'.length + 8000 + 'f'.length + 8000;
  const data = 8 + 'id'.length + 8 + 'stream'.length + 4 + 'index'.length + 8 + 'seq'.length + 8 + 'rows'.length + 8 + 'columns'.length + columns;
  assert.equal(messageBytes(m), 8 + 'kind'.length + 5 + 'name'.length + 9 + 'data'.length + data);
  assert.equal(messageBytes(structuredClone(m)), messageBytes(m), 'the same on both sides of a structured clone');
});

test("the host's port counts the page's backlog once the page speaks of flow", () => {
  let listener: (v: unknown) => void = () => undefined;
  const posted: unknown[] = [];
  const port: PortLike = {
    postMessage: (v) => void posted.push(v),
    on: ((event: string, fn: (v: unknown) => void) => {
      if (event === 'message') listener = fn;
    }) as PortLike['on'],
    close: () => undefined,
  };
  const conn = portConnection(port);
  const got: unknown[] = [];
  conn.onMessage((m) => got.push(m));
  const one = messageBytes(batch(10_000));
  conn.send(batch(10_000));
  assert.equal(conn.buffered!(), 0, 'a page that never speaks of flow is never held for');
  listener({ kind: 'flow', received: 0 } satisfies FlowMessage);
  assert.equal(conn.buffered!(), one, 'what was sent before counts too: the page will count it');
  conn.send(batch(10_000));
  conn.send(batch(10_000));
  assert.equal(conn.buffered!(), 3 * one);
  listener({ data: { kind: 'flow', received: 2 * one }, ports: [] }); // Electron's {data, ports}
  assert.equal(conn.buffered!(), one);
  listener({ kind: 'request', id: 1, method: 'runs/list' });
  assert.deepEqual(got, [{ kind: 'request', id: 1, method: 'runs/list' }], 'flow messages never reach the host');
});

test("the page's port says what it handled: 0 at once, then every FLOW_ACK_BYTES", () => {
  const posted: unknown[] = [];
  let deliver: (e: { data: unknown }) => void = () => undefined;
  const transport = portTransport({
    postMessage: (v) => void posted.push(v),
    addEventListener: ((type: string, fn: (e: { data: unknown }) => void) => {
      if (type === 'message') deliver = fn;
    }) as never,
    close: () => undefined,
  });
  const handled: unknown[] = [];
  transport.onMessage((m) => handled.push(m));
  assert.deepEqual(posted, [{ kind: 'flow', received: 0 }]);
  const m = batch(8_000); // ~128 KB
  const size = messageBytes(m);
  const needed = Math.ceil(FLOW_ACK_BYTES / size);
  for (let i = 0; i < needed - 1; i++) deliver({ data: m });
  assert.equal(posted.length, 1, 'not yet');
  deliver({ data: m });
  assert.deepEqual(posted[1], { kind: 'flow', received: needed * size });
  assert.equal(handled.length, needed);
});

test('over a real MessagePort, a page that stops handling holds its run; nothing is lost', async (t) => {
  const host = await LabHost.open({ home: tempHome() });
  const { port1, port2 } = new MessageChannel();
  const conn = portConnection(port1);
  let rowsSent = 0;
  let mostBuffered = 0;
  const send = conn.send.bind(conn);
  conn.send = (m) => {
    send(m);
    if (m.kind === 'event' && m.name === 'run/batch') rowsSent += (m.data as { rows: number }).rows;
    mostBuffered = Math.max(mostBuffered, conn.buffered!());
  };
  host.connect(conn);
  const STEPS = 1_500_000;
  const worker = new Worker(new URL('./port-flow-worker.js', import.meta.url), { workerData: { port: port2, steps: STEPS, blockMs: 3500 }, transferList: [port2] });
  try {
    const events: { type: string; at?: number; count?: number; inOrder?: boolean }[] = [];
    const next = (type: string) =>
      new Promise<(typeof events)[number]>((resolve, reject) => {
        const seen = events.find((e) => e.type === type);
        if (seen) return resolve(seen);
        const onMsg = (e: (typeof events)[number]) => {
          if (e.type !== type) return;
          worker.off('message', onMsg);
          resolve(e);
        };
        worker.on('message', onMsg);
        worker.once('error', reject);
      });
    worker.on('message', (e: (typeof events)[number]) => events.push(e));
    await next('blocking');
    // the page is blocked: once the backlog passes SUBSCRIBER_HIGH bytes the run is held. Wait for that
    // moment (a loaded machine may take longer than an idle one to get there), then count what still goes out
    const deadline = Date.now() + 2500;
    while (mostBuffered <= SUBSCRIBER_HIGH && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.ok(mostBuffered > SUBSCRIBER_HIGH, `the backlog was seen: at most ${mostBuffered} bytes`);
    await new Promise((r) => setTimeout(r, 50)); // the batch in flight when the limit was crossed
    const atHold = rowsSent;
    await new Promise((r) => setTimeout(r, 500)); // still blocked
    const during = rowsSent - atHold;
    t.diagnostic(`${during} rows sent in 500 ms after the backlog limit, the page blocked; most backlog ${(mostBuffered / 2 ** 20).toFixed(1)} MiB`);
    // held: no more rows go out (unheld, the race sends ~130 000 rows in 500 ms here)
    assert.ok(during < 5000, `${during} rows sent while the page was blocked`);
    await next('unblocked');
    const done = await next('done');
    assert.equal(done.count, STEPS + 1, 'every row reached the page once');
    assert.equal(done.inOrder, true);
  } finally {
    await worker.terminate();
    await host.close();
  }
});
