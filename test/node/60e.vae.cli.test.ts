// `gradlab vae` (issue #13): on the shipped digits, the JSON's shape and its numbers (the test loss is
// reconstruction + KL, per epoch and final; the image-blind bound beaten); IDX files with a test pair
// (every training image used), the same run for a seed, weights written, and the refusals naming the
// flag: a data set that is not images, a bad latent size, a bad hidden list.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { idx, squares } from './image-fixtures.js';

const bin = fileURLToPath(new URL('../../../bin/gradlab.js', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gradlab-vae-'));
const vae = (...args: string[]) => spawnSync(process.execPath, [bin, 'vae', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

interface VaeJson {
  summary: { status: string; epochs: number; steps: number; final: Record<string, number> };
  epochs: Record<string, number[]>;
  steps: { recon: number[]; kl: number[] };
  train_examples: number;
  test_examples: number;
}

test('vae on 2 000 digits: the losses add up, fall, and beat a model that ignores the image', () => {
  const r = vae('--dataset', 'digits', '--set', 'train=2000', '--set', 'test=200', '--latent', '2', '--hidden', '128', '--epochs', '10', '--batch', '32', '--seed', '3', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as VaeJson;
  assert.equal(doc.summary.status, 'done');
  assert.equal(doc.summary.steps, 10 * Math.ceil(2000 / 32));
  assert.equal(doc.steps.recon.length, doc.summary.steps);
  assert.deepEqual(doc.epochs.epoch, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const f = doc.summary.final;
  assert.ok(Math.abs(f.test_loss! - (f.test_recon! + f.test_kl!)) < 1e-9, 'test −ELBO = recon + KL');
  for (let i = 0; i < 10; i++) assert.ok(Math.abs(doc.epochs.test_loss![i]! - doc.epochs.test_recon![i]! - doc.epochs.test_kl![i]!) < 1e-9);
  assert.equal(f.test_loss, doc.epochs.test_loss!.at(-1));
  assert.ok(doc.epochs.test_loss!.at(-1)! < doc.epochs.test_loss![0]!, 'the test loss falls');
  assert.ok(f.test_kl! > 0);
  // the best image-blind model (each pixel Bernoulli at its training mean) pays about 211 nats per
  // digit (test_vae.cpp computes it); this run measured 183.7, torch's VAE about 168 after 10 epochs
  // on 8 000 digits
  assert.ok(f.test_loss! < 195 && f.test_loss! > 100, `test −ELBO ${f.test_loss}`);
});

test('vae on IDX files with a test pair: every training image used, the same numbers for a seed, weights written', () => {
  const train = squares(90, 1), testSet = squares(30, 2);
  const files = {
    images: path.join(tmp, 'train-images.idx'), labels: path.join(tmp, 'train-labels.idx'),
    testImages: path.join(tmp, 'test-images.idx'), testLabels: path.join(tmp, 'test-labels.idx'),
  };
  writeFileSync(files.images, idx([90, 8, 8], train.pixels));
  writeFileSync(files.labels, idx([90], train.labels));
  writeFileSync(files.testImages, idx([30, 8, 8], testSet.pixels));
  writeFileSync(files.testLabels, idx([30], testSet.labels));
  const weights = path.join(tmp, 'vae.weights');
  const args = ['--dataset', 'idx', '--images', files.images, '--labels', files.labels, '--test-images', files.testImages, '--test-labels', files.testLabels,
    '--latent', '3', '--hidden', '16,8', '--epochs', '3', '--batch', '10', '--seed', '5', '--format', 'json'];
  const a = vae(...args, '--save-weights', weights);
  assert.equal(a.status, 0, a.stderr);
  const doc = JSON.parse(a.stdout) as VaeJson;
  assert.equal(doc.train_examples, 90);
  assert.equal(doc.test_examples, 30);
  assert.equal(doc.summary.steps, 27);
  // 64 → 16 → 8 → (3, 3); 3 → 8 → 16 → 64: weights and biases as float32, plus the file's header
  const params = 64 * 16 + 16 + 16 * 8 + 8 + 2 * (8 * 3 + 3) + 3 * 8 + 8 + 8 * 16 + 16 + 16 * 64 + 64;
  assert.ok(statSync(weights).size > params * 4 && statSync(weights).size < params * 4 + 1024);
  const b = vae(...args);
  assert.equal(b.status, 0, b.stderr);
  assert.deepEqual((JSON.parse(b.stdout) as VaeJson).epochs, doc.epochs, 'a seed gives the same run');
  const csv = vae(...args.slice(0, -2), '--format', 'csv');
  assert.equal(csv.stdout.split('\n')[0], 'epoch,train_loss,train_recon,train_kl,test_loss,test_recon,test_kl');
  assert.equal(csv.stdout.trim().split('\n').length, 4);
});

test('vae refuses what it cannot use, naming the flag', () => {
  const cases: [string[], RegExp][] = [
    [['--dataset', 'moons'], /--dataset: the VAE trains on images/],
    [['--latent', '0'], /--latent/],
    [['--hidden', '64,x'], /--hidden/],
    [['--beta', '-1'], /beta/],
    [['--images', 'x.idx'], /--images: only with --dataset idx/],
  ];
  for (const [args, want] of cases) {
    const r = vae(...args, '--epochs', '1', '--set', 'train=50', '--set', 'test=10');
    assert.notEqual(r.status, 0, args.join(' '));
    assert.match(r.stderr, want, args.join(' '));
  }
});
