/**
 * Helpers for the experiments end-to-end test: a second protocol client on the same `gradlab serve`
 * the browser uses (the token from the app's URL), to create runs directly and to check what the UI
 * shows against what the store holds.
 */
import { LabClient } from '../../src/protocol/client.js';
import { socketTransport } from '../../src/protocol/transports.js';
import type { Run } from '../../src/experiments/run-types.js';
import { openSocket } from './protocol-helpers.js';

export async function clientFor(appUrl: string): Promise<LabClient> {
  const u = new URL(appUrl);
  const token = u.searchParams.get('token')!;
  return new LabClient(socketTransport((await openSocket(`ws://${u.host}/ws?token=${encodeURIComponent(token)}`)) as never));
}

const ENDED = new Set(['completed', 'stopped', 'diverged', 'failed', 'interrupted']);

/** Resolves once every run has ended (polling runs/get; status events could come before we listen). */
export async function waitForRuns(client: LabClient, ids: number[], timeoutMs = 30_000): Promise<Run[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const runs = await Promise.all(ids.map(async (id) => (await client.request('runs/get', { id })).run));
    if (runs.every((r) => ENDED.has(r.status))) return runs;
    if (Date.now() > until) throw new Error(`runs ${ids.join(', ')} did not end in ${timeoutMs} ms: ${runs.map((r) => r.status).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A small training run: 200 moons, one hidden layer, plain SGD at the given learning rate. */
export function smallTraining(lr: number) {
  return {
    dataset: { name: 'moons', n: 200 },
    model: { hidden: [8] },
    optimizer: { type: 'sgd', lr },
    batch_size: 16,
    epochs: 8,
    prediction: false as const,
  };
}

/** Polls until `read()` gives `want` (string equality), or fails naming what it last saw. */
export async function until(what: string, read: () => Promise<string | null>, want: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < end) {
    last = await read();
    if (last === want) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: expected ${JSON.stringify(want)}, still ${JSON.stringify(last)} after ${timeoutMs} ms`);
}
