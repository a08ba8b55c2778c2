// The VAE lab as a stored run: every step's losses and each epoch's test −ELBO kept with its best, the
// latest latent map, manifold and reconstructions, and the weights; a finished run answers a decode and
// an interpolation from those weights (runs/probe's path), the same images the live run drew.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { RunManager } from '../../src/experiments/manager.js';
import { probeLab } from '../../src/native/probe.js';
import { startVae } from '../../src/native/vae.js';
import { tempStore } from './store-helpers.js';

const config = { dataset: { name: 'digits' as const, train: 600, test: 200 }, hidden: [32], epochs: 2, seed: 5, frames: { grid: 3, points: 40, pairs: 3 } };

test('a VAE run: steps and epochs stored, frames and weights kept; its weights decode and interpolate afterwards', async () => {
  const store = await tempStore();
  const runs = new RunManager(store);
  const id = await runs.submit('vae', config);
  await runs.finished(id);
  const run = await store.getRun(id);
  const summary = run.summary as { steps: number; final: { test_loss: number } };
  assert.equal(run.status, 'completed');
  assert.equal(summary.steps, 20);
  const loss = await store.readRaw(id, 'batch_loss');
  assert.equal(loss.values.length, 20);
  const test = await store.readRaw(id, 'epoch_test_loss');
  assert.deepEqual([...test.steps], [0, 10, 20]);
  assert.equal(run.best.epoch_test_loss, Math.min(...test.values));
  assert.equal(run.final.epoch_test_loss, summary.final.test_loss);
  const [rec] = await store.readFrames(id, 'reconstructions', 'latest');
  assert.deepEqual(rec!.shape, [2, 3, 784]);
  const [latent] = await store.readFrames(id, 'latent', 'latest');
  assert.deepEqual(latent!.shape, [40, 3]);
  const weights = await store.readWeights(id);
  assert.ok(weights);
  // z = μ of scored image 0 decodes to its reconstruction (the stored frame's second half)
  const z = [latent!.data[0]!, latent!.data[1]!];
  const decoded = probeLab('vae', { ...config, init_weights: new Uint8Array(weights) }, { z });
  assert.equal(decoded.name, 'decoded');
  for (let k = 0; k < 784; k += 37) assert.ok(Math.abs(decoded.data[k]! - rec!.data[3 * 784 + k]!) < 1e-6, `pixel ${k}`);
  const between = probeLab('vae', { ...config, init_weights: new Uint8Array(weights) }, { between: [0, 2], steps: 4 });
  assert.deepEqual(between.shape, [4, 784]);
  assert.throws(() => probeLab('vae', { ...config, init_weights: new Uint8Array(weights) }, { z: [1] }), /probe\.z: expected a list of 2 numbers/);
  await runs.close();
  await store.close();
});

test('live: a probe while paused answers with a decoded frame; β changes between steps', async () => {
  const s = startVae({ ...config, epochs: 5 }, { steps_per_second: 1e-3 });
  const frames: { name: string; data: Float32Array }[] = [];
  s.on('frame', (f) => frames.push(f));
  const betas: number[] = [];
  s.on('batch', (b) => {
    if (b.stream === 'batch') for (let i = 0; i < b.rows; i++) betas.push(b.columns.loss![i]! - b.columns.recon![i]!);
  });
  await s.pause();
  s.update({ probe: { z: [0.5, -0.5] } });
  s.update({ set: { beta: 0 } });
  await s.step();
  const decoded = frames.find((f) => f.name === 'decoded');
  assert.ok(decoded && decoded.data.length === 784 && decoded.data.every((v) => v >= 0 && v <= 1));
  assert.equal(betas.at(-1), 0, 'at β = 0 the loss is the reconstruction term');
  assert.throws(() => s.update({ set: { beta: -1 } }), /update\.set\.beta/);
  void s.stop();
  assert.equal((await s.done).status, 'stopped');
});
