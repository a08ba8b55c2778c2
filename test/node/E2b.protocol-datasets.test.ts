// `datasets/make` over both transports: the points the training lab draws are exactly the engine's
// (same split, same bits), labels and inputs stay binary, a drawn CSV comes back whole, and bad specs
// get INVALID_CONFIG with the field or the CSV line — the host serving on.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LabError } from '../../src/native/errors.js';
import { makeDataset } from '../../src/native/index.js';
import { portRig, socketRig, type Rig } from './protocol-helpers.js';

async function rejects(p: Promise<unknown>, code: string, ...parts: string[]): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof LabError, String(e));
    assert.equal(e.code, code, e.message);
    for (const part of parts) assert.ok(e.message.includes(part), `"${e.message}" lacks "${part}"`);
    return;
  }
  assert.fail(`expected ${code}`);
}

async function datasets(rig: Rig): Promise<void> {
  const { client } = rig;
  const spec = { name: 'spiral', n: 300, classes: 3, noise: 0.2, seed: 7 } as const;
  const got = await client.request('datasets/make', { dataset: spec });
  const ref = makeDataset(spec);
  assert.equal(got.kind, 'classification');
  assert.equal(got.d, 2);
  assert.equal(got.classes, 3);
  assert.equal(got.nTrain, 240);
  assert.ok(got.x instanceof Float32Array, 'inputs stay float32');
  assert.ok(got.labels instanceof Uint8Array, 'labels travel as bytes');
  assert.equal(got.y, null);
  assert.deepEqual(Array.from(got.x), Array.from(ref.x), 'the same points, in the same order (train rows first)');
  assert.deepEqual(Array.from(got.labels), Array.from(ref.labels!));
  assert.deepEqual(got.view, ref.view);
  const counts = [0, 0, 0];
  for (const l of got.labels) counts[l]! += 1;
  assert.deepEqual(counts, [100, 100, 100]);

  const sine = await client.request('datasets/make', { dataset: { name: 'sine', n: 40, noise: 0, test_fraction: 0.25 } });
  assert.equal(sine.kind, 'regression');
  assert.equal(sine.d, 1);
  assert.equal(sine.classes, 0);
  assert.equal(sine.nTrain, 30);
  assert.equal(sine.labels, null);
  assert.ok(sine.y instanceof Float32Array);
  for (let i = 0; i < 40; i++) assert.ok(Math.abs(sine.y[i]! - Math.sin(sine.x[i]!)) < 1e-6, `noise 0: y = sin(x) at row ${i}`);

  // a drawn set, as the training view sends it: every point back, split 80 / 20
  const rows = ['0.5,0.5,0', '0.6,0.4,0', '0.4,0.6,0', '0.55,0.45,0', '0.45,0.55,0', '-0.5,-0.5,1', '-0.6,-0.4,1', '-0.4,-0.6,1', '-0.55,-0.45,1', '-0.45,-0.55,1'];
  const drawn = await client.request('datasets/make', { dataset: { name: 'csv', kind: 'classification', text: `x,y,label\n${rows.join('\n')}\n` } });
  assert.equal(drawn.classes, 2);
  assert.equal(drawn.x.length, 20);
  assert.equal(drawn.nTrain, 8);
  const back = new Set<string>();
  for (let i = 0; i < 10; i++) back.add(`${drawn.x[2 * i]!.toFixed(2)},${drawn.x[2 * i + 1]!.toFixed(2)},${drawn.labels![i]}`);
  assert.deepEqual([...back].sort(), rows.map((r) => r.split(',').map((v, k) => (k < 2 ? Number(v).toFixed(2) : v)).join(',')).sort());

  await rejects(client.request('datasets/make', { dataset: { name: 'csv', kind: 'classification', text: 'x,y,label\n0,0,0\n1,1\n' } }), 'INVALID_CONFIG', 'line 3');
  await rejects(client.request('datasets/make', { dataset: { name: 'spiral', classes: 50 } }), 'INVALID_CONFIG', 'classes');
  await rejects(client.request('datasets/make', { dataset: 'spirals' }), 'INVALID_CONFIG', 'spirals');
  await rejects(client.request('datasets/make', {} as never), 'INVALID_PARAMS');
  // still serving
  assert.equal((await client.request('datasets/make', { dataset: 'xor' })).classes, 2);
}

test('datasets/make over a MessagePort', async () => {
  const rig = await portRig();
  try {
    await datasets(rig);
  } finally {
    await rig.close();
  }
});

test('datasets/make over the WebSocket (binary frames)', async () => {
  const rig = await socketRig();
  try {
    await datasets(rig);
  } finally {
    await rig.close();
  }
});
