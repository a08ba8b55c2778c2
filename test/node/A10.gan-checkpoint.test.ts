// The shipped digits-GAN checkpoint (#16: slow labs ship trained models): listed for the GAN lab, it
// starts a run from both trained nets — the generator's first samples already look like digits (dark
// backgrounds and bright strokes, few mid greys) where a fresh generator's are a grey haze — and a
// run whose nets differ from it is refused naming the mismatch. A run from any shipped checkpoint
// starts from exactly its bytes (what the PyTorch export embeds). And the checkpoint meets #13's digits
// goal: the CNN lab's default classifier, trained on real digits, is sure (≥ 0.9) of at least 80 % of
// 1 000 of its samples and every digit gets at least 5 % of those.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { ganLab } from '../../src/labs/gan.js';
import { trainLab } from '../../src/labs/train.js';
import { packageRoot } from '../../src/native/binding.js';
import { listCheckpoints, resolveCheckpoint } from '../../src/native/checkpoints.js';
import { labInitialWeights } from '../../src/native/initial-weights.js';
import { LabSession } from '../../src/native/session.js';

const NETS = { z_dim: 64, g_hidden: [256, 512], d_hidden: [512, 256], batch_size: 64 };

/** The first samples of fixed noise (step 0) of a GAN run: mean pixel and the share of mid greys. */
async function firstSamples(config: Record<string, unknown>): Promise<{ mean: number; mid: number }> {
  const session = new LabSession<unknown>('gan', { ...config, frames: { every_ms: 0, samples: 64 } });
  let pixels: Float32Array | null = null;
  session.on('frame', (f: { name: string; data: Float32Array }) => {
    if (f.name === 'samples' && pixels === null) pixels = f.data;
  });
  await session.done;
  const p = pixels as Float32Array | null;
  assert.ok(p, 'a samples frame');
  let sum = 0, mid = 0;
  for (const v of p) {
    sum += v;
    if (v > 0.3 && v < 0.7) mid++;
  }
  return { mean: sum / p.length, mid: mid / p.length };
}

test('the digits GAN checkpoint: listed for the GAN lab, and a run from it draws digit-like samples at once', async () => {
  const meta = listCheckpoints().find((c) => c.id === 'gan-digits');
  assert.ok(meta, 'assets/checkpoints/gan-digits.json');
  assert.equal(meta.lab, 'gan');
  const config = { dataset: { name: 'digits', train: 500, test: 0 }, steps: 1, seed: 1, ...NETS };
  const { run, meta: used } = resolveCheckpoint('gan', { ...config, checkpoint: 'gan-digits' });
  assert.equal(used?.id, 'gan-digits');
  assert.ok((run as { init_weights?: unknown }).init_weights instanceof Uint8Array);
  const trained = await firstSamples(run as Record<string, unknown>);
  const fresh = await firstSamples(config);
  // MNIST: about 13 % mean intensity, most pixels near 0 or 1
  assert.ok(trained.mean > 0.05 && trained.mean < 0.3, `trained mean ${trained.mean}`);
  assert.ok(trained.mid < 0.15, `trained mid greys ${trained.mid}`);
  assert.ok(fresh.mid > 2 * trained.mid, `fresh mid greys ${fresh.mid} vs trained ${trained.mid}`);
  assert.throws(() => resolveCheckpoint('train', { checkpoint: 'gan-digits' }), /gan-digits is a gan checkpoint, not train/);
});

test('a GAN whose nets differ from the checkpoint is refused, naming the generator\'s mismatch', async () => {
  const { run } = resolveCheckpoint('gan', { dataset: { name: 'digits', train: 200, test: 0 }, steps: 1, ...NETS, g_hidden: [128, 512], checkpoint: 'gan-digits' });
  await assert.rejects(async () => {
    const s = new LabSession<unknown>('gan', { ...(run as object), frames: false });
    await s.done;
  }, /generator\.\*\).*does not match/);
});

test('a run from a shipped checkpoint starts from its weights, so its PyTorch export embeds them', () => {
  const shipped = (id: string) => readFileSync(`${packageRoot()}/assets/checkpoints/${id}.bin`);
  const cnn = listCheckpoints().find((c) => c.id === 'cnn-digits')!;
  assert.ok(labInitialWeights(trainLab, { ...cnn.config, checkpoint: 'cnn-digits' }).equals(shipped('cnn-digits')));
  assert.ok(labInitialWeights(ganLab, { dataset: 'digits', ...NETS, checkpoint: 'gan-digits' }).equals(shipped('gan-digits')));
});

test('the digits GAN checkpoint meets the quality goal: a judge trained on real digits is sure of ≥ 80 % of 1 000 samples, every class ≥ 5 %', () => {
  const bin = path.join(packageRoot(), 'bin', 'gradlab.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gradlab-gan-judge-'));
  try {
    const judge = path.join(dir, 'judge.w');
    const gradlab = (args: string[]) => {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    // the judge as scripts/gan-digits-quality.mjs trains it: `gradlab train`'s image defaults on all 10 000 digits
    gradlab(['train', '--dataset', 'digits', '--set', 'train=10000', '--set', 'test=0', '--save-weights', judge, '--format', 'json']);
    // the checkpoint's nets sampled as they are (one step at a step size of 1e-12 moves no weight that matters)
    const doc = JSON.parse(gradlab(['gan', '--dataset', 'digits', '--load-weights', path.join(packageRoot(), 'assets', 'checkpoints', 'gan-digits.bin'),
      '--steps', '1', '--g-lr', '1e-12', '--d-lr', '1e-12', '--samples', '1000', '--judge', judge, '--format', 'json'])) as
      { judge: { confident: number; min_class_share: number; class_shares: number[]; samples: number } };
    assert.equal(doc.judge.samples, 1000);
    assert.ok(doc.judge.confident >= 0.8, `the judge is sure of ${doc.judge.confident} of the samples`);
    assert.ok(doc.judge.min_class_share >= 0.05, `class shares ${doc.judge.class_shares.join(', ')}`);
    assert.ok(Math.abs(doc.judge.class_shares.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
