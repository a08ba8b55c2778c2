#!/usr/bin/env node
// Trains the checkpoints the app ships for its slow labs (assets/checkpoints/<id>.bin and <id>.json:
// the weights, and the config, score and time they came from), so a lesson or a workshop can start
// from a trained model (runs/start with config.checkpoint = <id>; the CNN and GAN labs' "Start from a
// trained model"). Not part of `npm test`. The same settings give the same weights on the same machine type.
//   node scripts/train-checkpoints.mjs [id …]     (needs `npm install` and `npx tsc -p tsconfig.json`)
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startTraining } = await import(path.join(root, 'dist/src/native/train.js'));
const { LabSession } = await import(path.join(root, 'dist/src/native/session.js'));
const { MODEL_PRESETS, parseModelText } = await import(path.join(root, 'dist/src/native/layers.js'));

const CHECKPOINTS = [
  {
    id: 'cnn-digits',
    lab: 'train',
    names: { en: 'The CNN lab\'s two-convolution net, trained on 8 000 digits', zh: '卷积神经网络实验的双卷积网络，在 8000 张手写数字上训练' },
    config: {
      dataset: { name: 'digits', train: 8000, test: 2000, seed: 1 },
      model: { layers: parseModelText(MODEL_PRESETS.cnn_b50) },
      optimizer: { type: 'adam', lr: 0.002, schedule: { type: 'cosine', total: Math.ceil(8000 / 32) * 10 } },
      batch_size: 32,
      epochs: 10,
      seed: 1,
      threads: 0,
    },
  },
  {
    id: 'gan-digits',
    lab: 'gan',
    names: { en: 'The GAN lab\'s digit generator and discriminator, trained on all 10 000 digits', zh: '生成对抗网络实验的手写数字生成器与判别器，在全部 10000 张手写数字上训练' },
    // the image GAN's own defaults (z 64, G 256-512 with batch norm and a sigmoid, D 512-256, batch 64,
    // Adam 1e-3 for G and 4e-4 for D, 40 000 steps)
    config: { dataset: { name: 'digits', train: 10000, test: 0 }, steps: 40000, seed: 1 },
  },
];
const only = process.argv.slice(2);

mkdirSync(path.join(root, 'assets', 'checkpoints'), { recursive: true });
for (const c of CHECKPOINTS.filter((c) => only.length === 0 || only.includes(c.id))) {
  const file = path.join(root, 'assets', 'checkpoints', `${c.id}.bin`);
  const t0 = Date.now();
  const config = { ...c.config, frames: false, save_weights: `${file}.tmp` };
  const session = c.lab === 'train' ? startTraining(config) : new LabSession(c.lab, config);
  const summary = await session.done;
  renameSync(`${file}.tmp`, file);
  const seconds = (Date.now() - t0) / 1000;
  const testAcc = summary.final?.test_acc ?? null;
  writeFileSync(path.join(root, 'assets', 'checkpoints', `${c.id}.json`), JSON.stringify({ id: c.id, lab: c.lab, names: c.names, config: c.config, test_acc: testAcc, seconds: Number(seconds.toFixed(1)) }, null, 1) + '\n');
  console.log(`${c.id}: test accuracy ${testAcc} after ${seconds.toFixed(1)} s; wrote ${file} and .json`);
}
