// #11 defect 8: a run paused when its page was reloaded stayed "paused" forever with no control left.
// A paused run that no client follows any more is stopped after the grace period, its status history
// saying why; a client that follows it again in time keeps it; a running run with no client goes on.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import type { LabClient } from '../../src/protocol/client.js';
import { socketRig } from './protocol-helpers.js';

const long = { dataset: { name: 'xor', n: 120, seed: 3 }, model: { hidden: [6] }, optimizer: { type: 'adam', lr: 0.05 }, batch_size: 16, epochs: 100_000, prediction: false };

async function pausedRun(client: LabClient): Promise<number> {
  const { id } = await client.request('runs/start', { lab: 'train', config: long, stepsPerSecond: 200 });
  await client.request('runs/subscribe', { ids: [id] });
  await client.request('runs/pause', { id });
  return id;
}

test('a paused run no client follows is stopped after the grace period, and its history says why', async () => {
  const rig = await socketRig({ pausedGraceMs: 400 });
  try {
    const page = await rig.connect();
    const orphan = await pausedRun(page);
    const kept = await pausedRun(page);
    const running = (await page.request('runs/start', { lab: 'train', config: long, stepsPerSecond: 200 })).id;
    await page.request('runs/subscribe', { ids: [running] });
    page.close();  // the page is reloaded: its connection goes
    const again = await rig.connect();
    await again.request('runs/subscribe', { ids: [kept] });  // the new page follows one of them again
    await sleep(1200);
    const get = (id: number) => rig.client.request('runs/get', { id });
    const o = await get(orphan);
    assert.equal(o.run.status, 'stopped');
    assert.match(o.log.at(-1)!.detail ?? '', /stopped: paused with no client following it for 0\.4 s|for 400/);
    assert.equal((await get(kept)).run.status, 'paused', 'followed again in time: kept');
    assert.equal((await get(running)).run.status, 'running', 'a running run goes on');
    await rig.client.request('runs/stop', { id: kept });
    await rig.client.request('runs/stop', { id: running });
  } finally {
    await rig.close();
  }
});
