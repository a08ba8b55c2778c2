#!/usr/bin/env node
// Trains the checkpoints the app ships for its slow labs (assets/checkpoints/<id>.bin and <id>.json:
// the weights, and the config, score and time they came from), so a lesson or a workshop can start
// from a trained model (runs/start with config.checkpoint = <id>; the CNN lab's "Start from the trained
// model"). Not part of `npm test`. The same settings give the same weights on the same machine type.
//   node scripts/train-checkpoints.mjs            (needs `npm install` and `npx tsc -p tsconfig.json`)
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startTraining } = await import(path.join(root, 'dist/src/native/train.js'));
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
];

mkdirSync(path.join(root, 'assets', 'checkpoints'), { recursive: true });
for (const c of CHECKPOINTS) {
  const file = path.join(root, 'assets', 'checkpoints', `${c.id}.bin`);
  const t0 = Date.now();
  const session = startTraining({ ...c.config, frames: false, save_weights: `${file}.tmp` });
  const summary = await session.done;
  renameSync(`${file}.tmp`, file);
  const seconds = (Date.now() - t0) / 1000;
  const testAcc = summary.final?.test_acc ?? null;
  writeFileSync(path.join(root, 'assets', 'checkpoints', `${c.id}.json`), JSON.stringify({ id: c.id, lab: c.lab, names: c.names, config: c.config, test_acc: testAcc, seconds: Number(seconds.toFixed(1)) }, null, 1) + '\n');
  console.log(`${c.id}: test accuracy ${testAcc} after ${seconds.toFixed(1)} s; wrote ${file} and .json`);
}
