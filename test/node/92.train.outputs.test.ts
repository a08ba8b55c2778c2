// The training lab's outputs beyond the loss curve, through the whole stack: "prediction" frames as
// Float32Arrays (shape, bounds, probabilities that sum to 1, throttling), the "model" notice and the
// per-layer norm streams, the loss choice and the L1 penalty, from the API and from `gradlab train`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { startTraining, type PredictionFrame, type TrainNotice } from '../../src/native/index.js';
import { expectLabError } from './helpers.js';

test('prediction frames: one per step with every_ms 0, float32 class probabilities over the view', async () => {
  const run = startTraining({
    dataset: { name: 'blobs', classes: 3, n: 120, seed: 2 },
    model: { hidden: [8] },
    batch_size: 48,
    epochs: 2,
    prediction: { size: 16, every_ms: 0 },
  });
  const frames: PredictionFrame[] = [];
  run.on('frame', (f) => frames.push(f));
  const s = await run.done;
  assert.equal(s.steps, 2 * 2); // 96 training rows in batches of 48
  assert.deepEqual(
    frames.map((f) => f.step),
    [0, 1, 2, 3, 4],
  );
  for (const f of frames) {
    assert.equal(f.name, 'prediction');
    assert.ok(f.data instanceof Float32Array);
    assert.deepEqual(f.shape, [16, 16, 3]);
    assert.equal(f.data.length, 16 * 16 * 3);
    assert.equal(f.meta.loss, 'cross_entropy');
    assert.equal(f.meta.classes, 3);
    assert.ok(f.meta.bounds.xmin < f.meta.bounds.xmax && f.meta.bounds.ymin < f.meta.bounds.ymax);
    for (let cell = 0; cell < 16 * 16; cell++) {
      const sum = f.data[cell * 3]! + f.data[cell * 3 + 1]! + f.data[cell * 3 + 2]!;
      assert.ok(Math.abs(sum - 1) < 1e-5, `cell ${cell}: probabilities sum to ${sum}`);
    }
  }
  assert.notDeepEqual(frames[0]!.data, frames.at(-1)!.data, 'the boundary moves as the model learns');
});

test('regression frames are a curve; prediction: false sends none', async () => {
  const curve = startTraining({ dataset: 'sine', epochs: 3, prediction: { size: 100, every_ms: 1e9 } });
  const frames: PredictionFrame[] = [];
  curve.on('frame', (f) => frames.push(f));
  const s = await curve.done;
  assert.deepEqual(
    frames.map((f) => f.step),
    [0, s.steps],
    'a long every_ms: the start and the end',
  );
  assert.deepEqual(frames[1]!.shape, [100]);
  assert.equal(frames[1]!.meta.loss, 'mse');
  const none = startTraining({ dataset: 'sine', epochs: 3, prediction: false });
  let count = 0;
  none.on('frame', () => count++);
  await none.done;
  assert.equal(count, 0);
});

test('the model notice names the layers; each layer streams its norms every epoch', async () => {
  const run = startTraining({ dataset: 'moons', model: { hidden: [16, 8] }, epochs: 4, prediction: false });
  let model: Extract<TrainNotice, { type: 'model' }> | undefined;
  run.on('notice', (n) => {
    if (n.type === 'model') model = n;
  });
  const norms: number[][] = [[], [], []];
  const weightNorm: number[] = [];
  run.on('batch', (b) => {
    if (b.stream === 'layer') for (let i = 0; i < b.rows; i++) norms[b.index]!.push(b.columns.weight_norm[i]!);
    if (b.stream === 'epoch') for (let i = 0; i < b.rows; i++) weightNorm.push(b.columns.weight_norm[i]!);
  });
  const s = await run.done;
  assert.ok(model);
  assert.deepEqual(
    model.layers.map((l) => [l.name, l.parameters]),
    [
      ['layers.0', 2 * 16 + 16],
      ['layers.1', 16 * 8 + 8],
      ['layers.2', 8 * 2 + 2],
    ],
  );
  assert.equal(model.parameters, s.parameters);
  for (let e = 0; e <= 4; e++) {
    const total = Math.hypot(norms[0]![e]!, norms[1]![e]!, norms[2]![e]!);
    assert.ok(Math.abs(total - weightNorm[e]!) < 1e-9 * weightNorm[e]!, `epoch ${e}: ${total} vs ${weightNorm[e]}`);
  }
});

test('loss and penalty settings: bce on a 2-class set; wrong ones refused with the field', () => {
  expectLabError(() => startTraining({ dataset: 'spiral', loss: 'bce' }), 'INVALID_CONFIG', 'bce needs exactly 2 classes');
  expectLabError(() => startTraining({ dataset: 'sine', loss: 'cross_entropy' }), 'INVALID_CONFIG', 'train.loss');
  expectLabError(() => startTraining({ dataset: 'xor', loss: 'hinge' as never }), 'INVALID_CONFIG', 'train.loss');
  expectLabError(() => startTraining({ dataset: 'xor', l1: -1 }), 'INVALID_CONFIG', 'train.l1');
  expectLabError(() => startTraining({ dataset: 'xor', prediction: { size: 1 } }), 'INVALID_CONFIG', 'train.prediction.size');
  expectLabError(() => startTraining({ dataset: 'xor', prediction: true as never }), 'INVALID_CONFIG', 'train.prediction');
});

const bin = new URL('../../../bin/gradlab.js', import.meta.url).pathname;
const gradlab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

test('gradlab train --loss bce --l1: one logit, penalised first step, per-layer curves in json', () => {
  const common = ['train', '--dataset', 'xor', '--layers', '4', '--loss', 'bce', '--batch', 'full', '--opt', 'sgd:lr=0.1', '--epochs', '2', '--format', 'json'];
  const plain = gradlab(...common);
  const l1 = gradlab(...common, '--l1', '0.5');
  assert.equal(plain.status, 0, plain.stderr);
  assert.equal(l1.status, 0, l1.stderr);
  type Doc = { summary: { loss: string; parameters: number }; layers: { name: string; weight_norm: number[]; grad_norm: number[] }[]; epochs: { train_loss: number[] } };
  const a = JSON.parse(plain.stdout) as Doc;
  const b = JSON.parse(l1.stdout) as Doc;
  assert.equal(a.summary.loss, 'bce');
  assert.equal(a.summary.parameters, 2 * 4 + 4 + 4 * 1 + 1);
  assert.deepEqual(
    a.layers.map((l) => [l.name, l.weight_norm.length, l.grad_norm.length]),
    [
      ['layers.0', 3, 3],
      ['layers.1', 3, 3],
    ],
  );
  assert.ok(Number.isNaN(a.layers[0]!.grad_norm[0]!) || a.layers[0]!.grad_norm[0] === null, 'no step at epoch 0');
  assert.equal(b.epochs.train_loss[0], a.epochs.train_loss[0], 'epoch 0 is the same untrained model');
  assert.ok(b.layers[0]!.weight_norm[2]! < a.layers[0]!.weight_norm[2]!, 'the L1 penalty shrinks the weights');
  const bad = gradlab('train', '--dataset', 'xor', '--loss', 'hinge');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--loss/);
});
