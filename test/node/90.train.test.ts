// The training lab through the whole stack: every step streamed once and in order, epochs with
// accuracy rising on the spiral, pause / step / live learning-rate change / stop, and bad configs
// (including a malformed CSV) refused with LabError codes — never a crash.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { native } from '../../src/native/binding.js';
import { startTraining, type TrainBatch, type TrainSession } from '../../src/native/index.js';
import { parseTrainConfig } from '../../src/native/train.js';
import { expectLabError } from './helpers.js';

function collect(run: TrainSession) {
  const cols: Record<string, Record<string, number[]>> = { train: {}, epoch: {} };
  run.on('batch', (b: TrainBatch) => {
    const target = cols[b.stream];
    if (target === undefined) return; // the per-layer streams: 92.train.outputs.test.ts
    for (const [name, col] of Object.entries(b.columns)) {
      const arr = (target[name] ??= []);
      for (let i = 0; i < b.rows; i++) arr.push(col[i]!);
    }
  });
  return cols;
}

test('the spiral trains: every step streamed once, in order, and accuracy above 90 %', async () => {
  const run = startTraining({
    dataset: { name: 'spiral', classes: 3, n: 300, seed: 1 },
    model: { hidden: [64, 64], activation: 'tanh' },
    optimizer: { type: 'adam', lr: 0.01 },
    batch_size: 64,
    epochs: 200,
  });
  const c = collect(run);
  const s = await run.done;
  assert.equal(s.status, 'completed');
  assert.equal(s.steps, 200 * 4);
  assert.deepEqual(c.train!.step, Array.from({ length: 800 }, (_, i) => i + 1));
  assert.deepEqual(c.epoch!.epoch, Array.from({ length: 201 }, (_, i) => i));
  assert.ok(c.epoch!.train_acc!.at(-1)! > 0.9, `train accuracy ${c.epoch!.train_acc!.at(-1)}`);
  assert.equal(s.final.train_acc, c.epoch!.train_acc!.at(-1));
  assert.equal(s.parameters, 2 * 64 + 64 + 64 * 64 + 64 + 64 * 3 + 3);
});

test('pause, one step with a new learning rate, then stop', async () => {
  const run = startTraining({ dataset: 'moons', optimizer: { type: 'sgd', lr: 0.1 }, epochs: 100_000 });
  const c = collect(run);
  const at = await run.pause();
  run.update({ set: { lr: 0.025 } });
  const after = await run.step();
  assert.equal(after, at + 1);
  assert.equal(c.train!.step!.at(-1), at + 1);
  assert.equal(c.train!.lr!.at(-1), 0.025);
  const s = await run.stop();
  assert.equal(s.status, 'stopped');
  assert.equal(s.optimizer.hypers.lr, 0.025);
  expectLabError(() => run.update({ set: { lr: 1 } }), 'SESSION_STATE');
});

test('bad training configs are refused by the schema and by the engine', () => {
  const Native = native().NativeSession;
  const cases: [unknown, string, string][] = [
    [{ dataset: 'spiral', optimizer: { type: 'adamm' } }, 'UNKNOWN_OPTIMIZER', 'train.optimizer.type'],
    [{ dataset: 'spiral', optimizer: { type: 'adam', lr: -1 } }, 'INVALID_CONFIG', 'train.optimizer.lr'],
    [{ dataset: 'spiral', epochs: 0 }, 'INVALID_CONFIG', 'train.epochs'],
    [{ dataset: 'spiral', model: { activation: 'relux' } }, 'INVALID_CONFIG', 'relux'],
    [{ dataset: { name: 'csv', text: 'x,y,label\n0,0,0\n1,1\n' } }, 'INVALID_CONFIG', 'line 3'],
  ];
  for (const [config, code, part] of cases) {
    expectLabError(() => startTraining(config as never), code, part);
    expectLabError(() => new Native('train', config, {}, () => undefined), code, part);
  }
});

const bin = new URL('../../../bin/gradlab.js', import.meta.url).pathname;
const gradlab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

test('gradlab train: XOR to 100 % with json curves; full batch; bad arguments exit 2', () => {
  const r = gradlab('train', '--dataset', 'xor', '--set', 'noise=0.05', '--layers', '8', '--opt', 'adam:lr=0.05', '--epochs', '150', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { summary: { final: { train_acc: number } }; epochs: { epoch: number[]; train_acc: number[] } };
  assert.equal(doc.summary.final.train_acc, 1);
  assert.equal(doc.epochs.epoch.length, 151);
  const csvOut = gradlab('train', '--dataset', 'sine', '--layers', '', '--batch', 'full', '--opt', 'sgd:lr=0.1', '--epochs', '5', '--format', 'csv');
  assert.equal(csvOut.status, 0, csvOut.stderr);
  const lines = csvOut.stdout.trim().split('\n');
  assert.equal(lines.length, 1 + 6);
  assert.equal(lines[6]!.split(',')[1], '5', 'full batch: one step per epoch');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gradlab-weights-'));
  const file = path.join(dir, 'xor.glw');
  const saved = gradlab('train', '--dataset', 'xor', '--layers', '8', '--epochs', '20', '--save-weights', file, '--format', 'json');
  assert.equal(saved.status, 0, saved.stderr);
  // one more epoch from the saved weights with lr tiny: epoch 0 (before training) predicts as the saved model did
  const loaded = gradlab('train', '--dataset', 'xor', '--layers', '8', '--epochs', '1', '--opt', 'adam:lr=1e-12', '--load-weights', file, '--format', 'json');
  assert.equal(loaded.status, 0, loaded.stderr);
  const before = JSON.parse(saved.stdout) as { summary: { final: { train_loss: number } } };
  const after = JSON.parse(loaded.stdout) as { epochs: { train_loss: number[] } };
  assert.equal(after.epochs.train_loss[0], before.summary.final.train_loss);
  const mismatch = gradlab('train', '--dataset', 'xor', '--layers', '16', '--load-weights', file);
  assert.equal(mismatch.status, 2);
  assert.match(mismatch.stderr, /does not match the model/);
  for (const [args, msg] of [
    [['train', '--dataset', 'spirals'], /unknown data set "spirals"/],
    [['train', '--dataset', 'spiral', '--layers', '64,x'], /--layers: expected comma-separated numbers/],
    [['train', '--dataset', 'spiral', '--batch', '-3'], /--batch: expected a positive integer or "full"/],
    [['train', '--dataset', 'spiral', '--opt', 'adam:lr=0'], /train\.optimizer\.lr/],
  ] as [string[], RegExp][]) {
    const b = gradlab(...args);
    assert.equal(b.status, 2, `${args.join(' ')}: ${b.stderr}`);
    assert.match(b.stderr, msg);
  }
});

test('prediction.view: the grid covers the area asked for (a drawing\'s whole square), and a bad one is refused naming the field', async () => {
  const view = { xmin: -1.25, xmax: 1.25, ymin: -1.25, ymax: 1.25 };
  const text = 'x,y,label\n-0.5,0.5,0\n-0.4,0.6,0\n0.5,-0.5,1\n0.6,-0.4,1\n';
  const s = startTraining({ dataset: { name: 'csv', kind: 'classification', text }, epochs: 2, batch_size: 0, prediction: { size: 5, view, every_ms: 0 } });
  let meta: { bounds?: unknown } | undefined;
  let values: Float32Array | undefined;
  s.on('frame', (f) => {
    if (f.name === 'prediction') {
      meta = f.meta as { bounds?: unknown };
      values = f.data as Float32Array;
    }
  });
  await s.done;
  assert.deepEqual(meta?.bounds, view);
  assert.equal(values!.length, 5 * 5 * 2);  // every cell of the 5×5 grid, two class probabilities each
  for (const [bad, field] of [[{ ...view, xmax: -2 }, 'xmax'], [{ ...view, ymin: 2 }, 'ymax']] as const) {
    expectLabError(() => startTraining({ dataset: { name: 'csv', kind: 'classification', text }, epochs: 1, prediction: { view: bad } }), 'INVALID_CONFIG', `train.prediction.view.${field}: expected a number > `);
    expectLabError(() => parseTrainConfig({ dataset: 'moons', prediction: { view: bad } }), 'INVALID_CONFIG', `train.prediction.view.${field}: expected a number > `);
  }
});
