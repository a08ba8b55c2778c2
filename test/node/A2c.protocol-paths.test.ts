// No file path crosses the protocol: a client cannot make the host read or write a file of its choosing
// (weights to load or save, a graph's weights file) — refused naming the field, nothing started — while
// a finished run's weights are still reachable by its id (runs/probe on the CNN lab's digits).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { LabError } from '../../src/native/errors.js';
import { portRig } from './protocol-helpers.js';

const digits = {
  dataset: { name: 'digits', train: 300, test: 60, seed: 1 },
  model: { layers: [{ type: 'conv', out: 2, kernel: 3 }, 'relu', 'flatten', 'linear'] },
  epochs: 1,
  frames: { gallery: 10 },
};

test('host: weights paths refused over the protocol; an ended run probed by its id from its stored weights', async () => {
  const rig = await portRig();
  try {
    const { client } = rig;
    const refused = async (p: Promise<unknown>, field: string) => {
      const e = await p.then(() => assert.fail('accepted'), (err: unknown) => err as LabError);
      assert.equal(e.code, 'INVALID_CONFIG');
      assert.match(e.message, new RegExp(`^${field.replace('.', '\\.')}: a file path is not accepted over the protocol`));
    };
    await refused(client.request('runs/start', { lab: 'train', config: { ...digits, save_weights: '/tmp/evil.glw' } }), 'config.save_weights');
    await refused(client.request('runs/start', { lab: 'train', config: { ...digits, init_weights: '/etc/passwd' } }), 'config.init_weights');
    await refused(client.request('graph/compute', { kind: 'network', dataset: 'xor', weights: '/etc/passwd' }), 'graph.weights');
    await refused(client.request('sweeps/start', { lab: 'train', base: { ...digits, save_weights: 'x.glw' }, grid: { epochs: [1] } }), 'base.save_weights');
    assert.equal((await client.request('runs/list', {})).runs.length, 0, 'nothing was started');

    const { id } = await client.request('runs/start', { lab: 'train', config: digits });
    await rig.host.runs.idle();
    const { frame } = await client.request('runs/probe', { id, probe: { example: 3 } });
    assert.ok(frame);
    assert.equal(frame.name, 'features');
    assert.equal((frame.meta as { example: number }).example, 3);
    const probs = (frame.meta as { probs: number[] }).probs;
    assert.equal(probs.length, 10);
    assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-6);
    const bad = await client.request('runs/probe', { id, probe: { pixels: [2] } }).then(() => assert.fail('accepted'), (e: unknown) => e as LabError);
    assert.equal(bad.code, 'INVALID_CONFIG');
    assert.match(bad.message, /^probe\.pixels/);
  } finally {
    await rig.close();
  }
});
