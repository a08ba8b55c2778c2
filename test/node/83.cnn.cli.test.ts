// The CNN lab from the command line and the layer-stack text form: presets and text parsed and printed
// back, every TS shape rule agreeing with the engine's on random stacks (accept or refuse, naming the
// same layer), `gradlab train` on IDX files and on a picture folder (accuracy, curves, the confusion
// matrix summing to the test count), bad arguments named, and the default model (the wider LeNet-5) on the shipped digits above 95 %.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { PNG } from 'pngjs';

import { ANY_OUTPUTS, LayerListSchema, inferShapes, modelText, parseModelText, MODEL_PRESETS, type LayerEntry } from '../../src/native/layers.js';
import type { LabError} from '../../src/native/index.js';
import { probeTraining, startTraining } from '../../src/native/index.js';
import { idx, squares } from './image-fixtures.js';
import { Rng } from './rng.js';
import { expectLabError } from './helpers.js';

const bin = fileURLToPath(new URL('../../../bin/gradlab.js', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gradlab-cnn-'));

function gradlab(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('the text form: presets, positional and named arguments, printed back the same', () => {
  const lenet = parseModelText('lenet5');
  assert.equal(lenet.length, 12);
  assert.deepEqual(lenet[0], { type: 'conv', out: 6, kernel: 5, pad: 2 });
  assert.equal(lenet.at(-1), 'linear');
  assert.equal(modelText(lenet), MODEL_PRESETS.lenet5);
  const m = parseModelText(' conv(8, 3, pad=1, stride=2) relu maxpool(2,stride=1), avgpool(3) flatten dropout(0.5) leaky_relu(0.2) linear(10)');
  assert.deepEqual(m, [
    { type: 'conv', out: 8, kernel: 3, pad: 1, stride: 2 },
    'relu',
    { type: 'maxpool', kernel: 2, stride: 1 },
    { type: 'avgpool', kernel: 3 },
    'flatten',
    { type: 'dropout', p: 0.5 },
    { type: 'leaky_relu', alpha: 0.2 },
    { type: 'linear', out: 10 },
  ]);
  assert.equal(modelText(m), 'conv(8,3,stride=2,pad=1) relu maxpool(2,stride=1) avgpool(3) flatten dropout(0.5) leaky_relu(0.2) linear(10)');
  expectLabError(() => parseModelText('conv(8,3) relu softmaxx'), 'INVALID_CONFIG', '--model: layer 3 (softmaxx): unknown layer "softmaxx"');
  expectLabError(() => parseModelText('conv(8,3,padding=1)'), 'INVALID_CONFIG', 'unknown setting "padding"; conv takes out, kernel, stride, pad');
  expectLabError(() => parseModelText('maxpool(2,2,2)'), 'INVALID_CONFIG', 'too many arguments');
  expectLabError(() => parseModelText('relu(2)'), 'INVALID_CONFIG', 'relu takes no arguments');
  expectLabError(() => parseModelText('linear(ten)'), 'INVALID_CONFIG', 'out must be a number, got "ten"');
  expectLabError(() => parseModelText('conv(8,3) !'), 'INVALID_CONFIG', 'cannot read "!" at character 11');
  expectLabError(() => parseModelText('  '), 'INVALID_CONFIG', 'expected at least one layer');
  assert.deepEqual(inferShapes(parseModelText('lenet5'), [1, 28, 28], 10).map((s) => s.parameters).reduce((a, b) => a + b), 61706);
  assert.deepEqual(inferShapes(parseModelText('lenet5_wide'), [1, 28, 28], 10).map((s) => s.parameters), [416, 0, 0, 12832, 0, 0, 0, 96120, 0, 10164, 0, 850]);
  // batch norm: bare or with its settings; 2 parameters per channel of maps, per feature of flat ones
  const bn = parseModelText('conv(4,3) batchnorm relu flatten batchnorm(momentum=0.2,eps=0.001) linear');
  assert.deepEqual(bn[1], 'batchnorm');
  assert.deepEqual(bn[4], { type: 'batchnorm', momentum: 0.2, eps: 0.001 });
  assert.equal(modelText(bn), 'conv(4,3) batchnorm relu flatten batchnorm(momentum=0.2,eps=0.001) linear');
  const shapes = inferShapes(bn, [1, 6, 6], 3);
  assert.deepEqual([shapes[1]!.describe, shapes[1]!.parameters, shapes[4]!.describe, shapes[4]!.parameters], ['batch norm 4', 8, 'batch norm 64', 128]);
  expectLabError(() => parseModelText('batchnorm(0.1)'), 'INVALID_CONFIG', 'too many arguments; batchnorm takes momentum=…, eps=…');
});

test('the text form of a decoder: reshape(C,H,W) and upsample(f), their shapes, and the messages of stacks that cannot run', () => {
  const dec = parseModelText('linear(784) relu reshape(16,7,7) upsample conv(8,3,pad=1) relu upsample(2) conv(1,3,pad=1) flatten');
  assert.deepEqual(dec.slice(2, 4), [{ type: 'reshape', channels: 16, height: 7, width: 7 }, 'upsample']);
  assert.equal(modelText(dec), 'linear(784) relu reshape(16,7,7) upsample conv(8,3,pad=1) relu upsample(2) conv(1,3,pad=1) flatten');
  const shapes = inferShapes(dec, [2], 784);
  assert.deepEqual(shapes.map((l) => l.output), [[784], [784], [16, 7, 7], [16, 14, 14], [8, 14, 14], [8, 14, 14], [8, 28, 28], [1, 28, 28], [784]]);
  assert.deepEqual([shapes[2]!.describe, shapes[3]!.describe], ['reshape to [16, 7, 7]', 'upsample ×2']);
  assert.equal(shapes.reduce((a, l) => a + l.parameters, 0), 2 * 784 + 784 + (8 * 16 * 9 + 8) + (8 * 9 + 1));
  expectLabError(() => inferShapes(parseModelText('linear(100) reshape(16,7,7) flatten'), [2], 784), 'INVALID_CONFIG', 'model.layers[1] (reshape to [16, 7, 7]): its input has 100 features, but [16, 7, 7] holds 784');
  expectLabError(() => inferShapes(parseModelText('upsample flatten linear'), [4], 3), 'INVALID_CONFIG', 'model.layers[0] (upsample ×2): expects feature maps [channels, height, width], got [4] (add reshape before it)');
  assert.equal(LayerListSchema.safeParse(parseModelText('reshape(16,7)')).success, false, 'a reshape without its width is refused by the schema');
  assert.equal(LayerListSchema.safeParse(dec).success, true);
  // an encoder: any flat width (ANY_OUTPUTS), its last linear with a width
  assert.deepEqual(inferShapes(parseModelText('conv(4,3,stride=2,pad=1) relu flatten'), [1, 8, 8], ANY_OUTPUTS).at(-1)!.output, [64]);
  expectLabError(() => inferShapes(parseModelText('flatten linear'), [1, 8, 8], ANY_OUTPUTS), 'INVALID_CONFIG', 'model.layers[1] (linear 64→?): needs out (its width)');
});

/** A random stack: feature-map layers, maybe a flatten (and a reshape back to maps), flat layers, maybe
 * the output layer; often wrong (pools that shrink to nothing, linear on maps, a reshape of the wrong
 * width, a wrong output width). */
function randomStack(rng: Rng): LayerEntry[] {
  const pick = (n: number) => Math.floor(rng.uniform() * n);
  const layers: LayerEntry[] = [];
  for (let i = pick(5); i > 0; i--) {
    const r = rng.uniform();
    if (r < 0.45) layers.push({ type: 'conv', out: 1 + pick(4), kernel: 1 + pick(5), pad: pick(3), stride: 1 + pick(2) });
    else if (r < 0.65) layers.push({ type: rng.uniform() < 0.5 ? 'maxpool' : 'avgpool', kernel: 1 + pick(4) });
    else if (r < 0.72) layers.push(rng.uniform() < 0.5 ? 'upsample' : { type: 'upsample', factor: 1 + pick(3) });
    else if (r < 0.9) layers.push(rng.uniform() < 0.5 ? 'relu' : 'tanh');
    else layers.push(rng.uniform() < 0.5 ? { type: 'dropout', p: 0.25 } : 'batchnorm');
  }
  if (rng.uniform() < 0.8) layers.push('flatten');
  if (rng.uniform() < 0.15) {
    // flat features back to maps (a decoder's way): the width matches only sometimes
    layers.push({ type: 'reshape', channels: 1 + pick(2), height: 4 << pick(2), width: 4 << pick(2) }, 'upsample', 'flatten');
  }
  for (let i = pick(3); i > 0; i--) layers.push(rng.uniform() < 0.6 ? { type: 'linear', out: 1 + pick(6) } : rng.uniform() < 0.5 ? 'gelu' : { type: 'batchnorm', momentum: 0.2 });
  if (rng.uniform() < 0.8) layers.push('linear');
  if (layers.length === 0) layers.push('linear');
  return layers;
}

test('twin validation: 150 random stacks on 1×8×8 images, the TS rules and the engine accept or refuse alike, naming the same layer', async () => {
  const rng = new Rng(11);
  const pixels = new Uint8Array(12 * 64).map((_, i) => (i * 37) % 256);
  const labels = new Uint8Array(12).map((_, i) => i % 3);
  let accepted = 0;
  for (let k = 0; k < 150; k++) {
    const layers = randomStack(rng);
    let tsError: string | null = null;
    try {
      inferShapes(layers, [1, 8, 8], 3, 'train.model.layers');
    } catch (e) {
      tsError = (e as LabError).message;
    }
    let engineError: string | null = null;
    try {
      const s = startTraining({ dataset: { name: 'images', channels: 1, rows: 8, cols: 8, pixels, labels, test_fraction: 0.25 }, model: { layers }, epochs: 1, batch_size: 3 });
      await s.done;
    } catch (e) {
      engineError = (e as LabError).message;
    }
    assert.equal(tsError, engineError, `stack ${modelText(layers)}`);
    if (tsError === null) accepted++;
  }
  assert.ok(accepted >= 30 && accepted <= 120, `${accepted} of 150 accepted: both kinds were tried`);
});


function idxFile(name: string, dims: number[], values: Uint8Array): string {
  const file = path.join(tmp, name);
  writeFileSync(file, idx(dims, values));
  return file;
}

interface TrainJson {
  config: { dataset: Record<string, unknown>; model: unknown };
  summary: { status: string; final: { test_acc: number; train_acc: number }; classes: number };
  epochs: Record<string, number[]>;
  classes: string[];
  confusion: number[][];
}

test('gradlab train --dataset idx with a test pair: the accuracy, the curves and a confusion matrix over the test images', () => {
  const train = squares(450, 1);
  const testSet = squares(90, 2);
  const args = [
    'train', '--dataset', 'idx',
    '--images', idxFile('train-images-idx3-ubyte', [450, 8, 8], train.pixels), '--labels', idxFile('train-labels-idx1-ubyte', [450], train.labels),
    '--test-images', idxFile('test-images', [90, 8, 8], testSet.pixels), '--test-labels', idxFile('test-labels', [90], testSet.labels),
    '--model', 'conv(4,3,pad=1) relu maxpool(2) flatten linear', '--opt', 'adam:lr=0.01', '--batch', '30', '--epochs', '6', '--seed', '3', '--format', 'json',
  ];
  const r = gradlab(...args);
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out) as TrainJson;
  assert.equal(doc.summary.status, 'completed');
  assert.ok(doc.summary.final.test_acc >= 0.95, `test accuracy ${doc.summary.final.test_acc}`);
  assert.equal(doc.epochs.test_acc!.length, 7);
  assert.equal(doc.epochs.test_acc!.at(-1), doc.summary.final.test_acc);
  assert.deepEqual(doc.classes, ['0', '1', '2']);
  assert.equal(doc.confusion.length, 3);
  const total = doc.confusion.flat().reduce((a, b) => a + b, 0);
  const right = doc.confusion.reduce((a, row, t) => a + row[t]!, 0);
  assert.equal(total, 90);
  assert.equal(right / total, doc.summary.final.test_acc);
  for (let t = 0; t < 3; t++) assert.equal(doc.confusion[t]!.reduce((a, b) => a + b, 0), 30, 'each class: its test images');
  assert.equal(doc.config.dataset.images, 450);
  assert.equal(doc.config.dataset.test_images, 90);
  assert.equal(doc.config.dataset.pixels, undefined, 'no bytes in the printed config');
  assert.match(String((doc.config.dataset.source as Record<string, string>).images), /train-images-idx3-ubyte$/);
  // the same seed gives the same run
  assert.deepEqual((JSON.parse(gradlab(...args).out) as TrainJson).epochs.test_loss, doc.epochs.test_loss);
  // --save: the run is stored with its pictures described, not copied, and its weights kept
  const home = mkdtempSync(path.join(tmp, 'home-'));
  const saved = gradlab(...args.map((v) => (v === '6' ? '1' : v)), '--save', '--home', home);
  assert.equal(saved.code, 0, saved.err);
  const id = (JSON.parse(saved.out) as { run_id: number }).run_id;
  const shown = JSON.parse(gradlab('runs', 'show', String(id), '--home', home, '--format', 'json').out) as {
    run: { config: { dataset: Record<string, unknown> } };
    artifacts: { kind: string }[];
  };
  assert.equal(shown.run.config.dataset.images, 450);
  assert.equal(shown.run.config.dataset.pixels, undefined);
  assert.ok(shown.artifacts.some((a) => a.kind === 'weights'));
});

test('gradlab train --dataset folder: class names from the subfolders, a seeded 80/20 split, --size and --channels', () => {
  const dir = path.join(tmp, 'pictures');
  const set = squares(60, 5);
  const names = ['left', 'right', 'bottom'];
  for (let i = 0; i < 60; i++) {
    const png = new PNG({ width: 8, height: 8 });
    for (let p = 0; p < 64; p++) png.data.set([set.pixels[i * 64 + p]!, set.pixels[i * 64 + p]!, set.pixels[i * 64 + p]!, 255], p * 4);
    mkdirSync(path.join(dir, names[set.labels[i]!]!), { recursive: true });
    writeFileSync(path.join(dir, names[set.labels[i]!]!, `${i}.png`), PNG.sync.write(png));
  }
  const r = gradlab('train', '--dataset', 'folder', '--dir', dir, '--size', '6,6', '--channels', '3', '--model', 'conv(2,3) relu flatten linear', '--epochs', '2', '--format', 'json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out) as TrainJson;
  assert.deepEqual(doc.classes, ['bottom', 'left', 'right']);
  assert.deepEqual([doc.config.dataset.channels, doc.config.dataset.rows, doc.config.dataset.cols], [3, 6, 6]);
  assert.equal(doc.confusion.flat().reduce((a, b) => a + b, 0), 12);
  assert.deepEqual(doc.config.dataset.source, { dir });
});

test('gradlab train: bad image arguments exit 2 naming the flag, the file or the layer', () => {
  const cases: [string[], RegExp][] = [
    [['--dataset', 'idx', '--labels', 'x'], /--dataset idx: needs --images FILE and --labels FILE/],
    [['--dataset', 'digits', '--images', 'x'], /--images: only with --dataset idx, not with --dataset digits/],
    [['--dataset', 'moons', '--size', '28,28'], /--size: only with --dataset idx or folder/],
    [['--dataset', 'folder', '--dir', tmp, '--size', '0,5'], /--size: expected H,W with each in \[1, 4096\]/],
    [['--dataset', 'idx', '--images', path.join(tmp, 'none'), '--labels', path.join(tmp, 'none')], /none: cannot read it \(ENOENT\)/],
    [['--dataset', 'digits', '--model', 'conv(8,3) relu linear'], /train\.model\.layers\[2\] \(linear \?→10\): expects flat features, got feature maps \[8, 26, 26\]; add flatten before it/],
    [['--dataset', 'digits', '--model', 'lenet5', '--layers', '16'], /--layers: --model gives the whole stack/],
    [['--dataset', 'moons', '--model', 'conv(8,3) flatten linear'], /expects feature maps \[channels, height, width\], got \[2\]/],
    [['--dataset', 'digits', '--augment', 'shift=9'], /--augment: expected shift=N \(N pixels, 0…8\) and\/or flip, comma-separated, or none; got "shift=9"/],
    [['--dataset', 'digits', '--augment', 'rotate'], /--augment: expected shift=N .* got "rotate"/],
    [['--dataset', 'moons', '--augment', 'shift=2'], /train\.augment: expected an image set to shift and mirror \(the data set "moons" holds points; leave augment out\)/],
  ];
  for (const [args, message] of cases) {
    const r = gradlab('train', ...args, '--epochs', '1');
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message);
  }
});

test('the wider LeNet-5 (the default model for image data) learns the shipped digits: ≥ 95 % of 1 000 held-out digits after 3 epochs on 5 000', () => {
  const r = gradlab('train', '--dataset', 'digits', '--set', 'train=5000', '--set', 'test=1000', '--epochs', '3', '--format', 'json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out) as TrainJson & { summary: { parameters: number } };
  assert.equal(doc.summary.parameters, 120382); // lenet5_wide: 16·25+16 + 32·16·25+32 + 800·120+120 + 120·84+84 + 84·10+10
  // image data's defaults (docs/cnn.md): batch 16, shifts of up to 2 pixels, Adam 0.002 along a cosine over the run
  const config = doc.config as unknown as { batch_size: number; augment: unknown; optimizer: { lr: number; schedule: { total: number } } };
  assert.deepEqual([config.batch_size, config.augment, config.optimizer.lr, config.optimizer.schedule.total], [16, { shift: 2 }, 0.002, 3 * Math.ceil(5000 / 16)]);
  assert.ok(doc.summary.final.test_acc >= 0.95, `test accuracy ${doc.summary.final.test_acc}`);
  assert.equal(doc.confusion.flat().reduce((a, b) => a + b, 0), 1000);
});

test('probeTraining: a finished run\'s weights (as bytes, batch norm\'s running statistics included) give the same prediction for a test digit as the run\'s last evaluation', async () => {
  const weights = path.join(tmp, 'probe.glw');
  const config = {
    dataset: { name: 'digits' as const, train: 600, test: 100, seed: 2 },
    model: { layers: parseModelText('conv(4,3) batchnorm relu maxpool(2) flatten linear') },
    epochs: 1,
    save_weights: weights,
    frames: { gallery: 20 },
  };
  const s = startTraining(config);
  let evaluation: { data: Float32Array } | undefined;
  s.on('frame', (f) => {
    if (f.name === 'evaluation') evaluation = f as unknown as { data: Float32Array };
  });
  await s.done;
  const bytes = new Uint8Array(readFileSync(weights));
  const { save_weights: _w, ...rest } = config;
  for (const i of [0, 7, 19]) {
    const f = probeTraining({ ...rest, init_weights: bytes }, { example: i });
    const probs = f.meta.probs as number[];
    const best = probs.indexOf(Math.max(...probs));
    assert.equal(best, evaluation!.data[i * 3], `test digit ${i}: the predicted class`);
    assert.ok(Math.abs(probs[best]! - evaluation!.data[i * 3 + 1]!) < 1e-6, `test digit ${i}: its probability`);
    assert.equal(f.meta.example, i);
  }
  const drawn = probeTraining({ ...rest, init_weights: bytes }, { pixels: new Array<number>(784).fill(0) });
  assert.equal(drawn.meta.source, 'drawn');
  assert.ok(Math.abs((drawn.meta.probs as number[]).reduce((a, b) => a + b, 0) - 1) < 1e-6);
  expectLabError(() => probeTraining({ ...rest, init_weights: bytes }, { pixels: [0.5] }), 'INVALID_CONFIG', 'probe.pixels: expected an array of 784 numbers');
  expectLabError(() => probeTraining({ ...rest, init_weights: bytes.subarray(0, 40) }, { example: 0 }), 'INVALID_CONFIG', 'train.init_weights: ');
});
