/**
 * A page on another thread, for A5c: a LabClient over the MessagePort it is given, which starts a race,
 * follows it, and on the parent's word stops handling messages for a while (its thread blocked, as a
 * busy page's would be), then goes on. It reports every step it received when the run completes.
 * Outside a worker (the test runner loads every file under test/) it does nothing.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';

import { LabClient } from '../../src/protocol/client.js';
import { portTransport } from '../../src/protocol/transports.js';

if (parentPort && workerData) await followAndBlock(workerData as { port: MessagePort; steps: number; blockMs: number });

async function followAndBlock({ port, steps, blockMs }: { port: MessagePort; steps: number; blockMs: number }): Promise<void> {
  const client = new LabClient(portTransport(port));
  const seen: number[] = [];
  let blocked = false;
  client.on('run/batch', (b) => {
    for (const s of b.columns.step ?? []) seen.push(s);
    if (!blocked && seen.length >= 20_000) {
      blocked = true;
      parentPort!.postMessage({ type: 'blocking', at: seen.length });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, blockMs); // the page is busy
      parentPort!.postMessage({ type: 'unblocked', at: seen.length });
    }
  });
  client.on('run/status', (s) => {
    if (s.status === 'completed') setTimeout(() => parentPort!.postMessage({ type: 'done', count: seen.length, inOrder: seen.every((v, i) => v === i) }), 100);
  });
  const { id } = await client.request('runs/start', {
    lab: 'race',
    config: { function: 'rosenbrock', steps, optimizers: [{ type: 'sgd', lr: 1e-4 }] },
    subscribe: true,
  } as never);
  parentPort!.postMessage({ type: 'started', id });
}
