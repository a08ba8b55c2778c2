// #16 exports: `gradlab runs export ID --pytorch out.py`, then `python3 out.py --json` under Debian's
// python3-torch. A race replays our trajectory to the last bit in float64 (the goal is 1e-9 relative):
// every optimizer, built-ins and formulas, gradient noise, schedules and live changes at their steps.
// Needs a python3 that imports torch (.ci/run installs python3-torch); in CI a missing one fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { RunManager } from '../../src/experiments/manager.js';
import { gridworldLab } from '../../src/labs/gridworld.js';
import { vaeLab } from '../../src/labs/vae.js';
import { parseModelText } from '../../src/native/layers.js';
import { Store } from '../../src/experiments/store.js';
import { gradlabIn } from './cli-store-helpers.js';
import { tempHome } from './store-helpers.js';
import { PYTHON, skipWithoutTorch } from './torch-python.js';

const skip = skipWithoutTorch;

interface Member { name: string; status: string; steps: number; x: (number | null)[]; y: (number | null)[]; f: (number | null)[]; gx: (number | null)[]; gy: (number | null)[]; gnorm: (number | null)[]; lr: (number | null)[] }
interface RaceJson { steps: number; optimizers: Member[] }
const COLUMNS = ['x', 'y', 'f', 'gx', 'gy', 'gnorm', 'lr'] as const;

function exportAndRun(home: string, id: number, ...args: string[]): RaceJson {
  const file = path.join(home, `run${id}.py`);
  const e = gradlabIn(home, 'runs', 'export', String(id), '--pytorch', file);
  assert.equal(e.code, 0, e.err);
  const r = spawnSync(PYTHON!, [file, '--json', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as RaceJson;
}

/** Relative difference with a floor of 1e-300: 0 when bit-equal (null = a non-finite value). */
function worst(a: (number | null)[], b: (number | null)[]): number {
  assert.equal(a.length, b.length, 'as many points');
  let w = 0;
  for (let i = 0; i < a.length; i++) {
    const u = a[i]!, v = b[i]!;
    if (u === null || v === null) {
      assert.equal(u, v, `point ${i}: ${u} vs ${v}`);
      continue;
    }
    w = Math.max(w, Math.abs(u - v) / Math.max(Math.abs(v), 1e-300));
  }
  return w;
}

function assertSameRace(ours: RaceJson, script: RaceJson, what: string): void {
  assert.equal(script.steps, ours.steps, `${what}: steps`);
  assert.equal(script.optimizers.length, ours.optimizers.length);
  ours.optimizers.forEach((o, i) => {
    const s = script.optimizers[i]!;
    assert.deepEqual([s.name, s.status, s.steps], [o.name, o.status, o.steps], `${what}: ${o.name}`);
    for (const c of COLUMNS) assert.equal(worst(s[c], o[c]), 0, `${what}: ${o.name}.${c} differs`);
  });
}

const ALL = ['sgd:lr=0.001', 'momentum:lr=0.001', 'nesterov:lr=0.001', 'adagrad:lr=0.1', 'rmsprop:lr=0.01', 'adadelta', 'adam:lr=0.01', 'adamw:lr=0.01', 'amsgrad:lr=0.01', 'nadam:lr=0.01'].flatMap((o) => ['--opt', o]);
const CASES: [string, string[]][] = [
  ['ten optimizers on Rosenbrock (a=2, b=5) with gradient noise', ['--fn', 'rosenbrock', '--param', 'a=2', '--param', 'b=5', ...ALL, '--steps', '300', '--noise', '0.5', '--seed', '7']],
  ['a formula with every function', ['--fn', 'sin(x)*cos(y) + x^2/10 + exp(-y^2) + sqrt(x^2+y^2+1) + log(2+tanh(x)) + atan(y)*abs(x) + 2^x/8 + x^3/30 + sinh(y/4) - cosh(x/5) + tan(y/9) + 1/(3+x^2)', ...ALL, '--steps', '200']],
  ['Goldstein–Price, where plain steps diverge', ['--fn', 'goldstein_price', ...ALL, '--steps', '200']],
  ['a formula whose constant folds to infinity', ['--fn', 'x^2 + y^2 + x/exp(800) + 0*10^400', '--opt', 'adam:lr=0.05', '--steps', '30']],
  ['every optimizer diverged long before the last step', ['--fn', 'rosenbrock', '--opt', 'sgd:lr=0.1', '--steps', '50']],
  ['Ackley and the stop rules', ['--fn', 'ackley', '--start', '1.3,-0.7', '--opt', 'adam:lr=0.05', '--opt', 'sgd:lr=0.01', '--opt', 'nadam:lr=0.05,weight_decay=0.01', '--opt', 'adamw:lr=0.05,weight_decay=0.5,bias_correction=false', '--steps', '500', '--f-target', '3.5']],
];

test('a race exported as a PyTorch script replays every point to the last bit', { skip }, () => {
  const home = tempHome();
  for (const [what, args] of CASES) {
    const r = gradlabIn(home, 'race', ...args, '--format', 'json', '--save');
    assert.equal(r.code, 0, r.err);
    const ours = JSON.parse(r.out) as RaceJson & { run_id: number };
    assertSameRace(ours, exportAndRun(home, ours.run_id), what);
  }
  // the CLI refuses what it cannot do, naming it
  const none = gradlabIn(home, 'runs', 'export', '1');
  assert.equal(none.code, 2);
  assert.match(none.err, /--csv, --bundle, --pytorch: give exactly one of them, got 0/);
});

test('schedules and live changes (one optimizer, every optimizer, the noise) replay at their steps', { skip }, async () => {
  const home = tempHome();
  const store = await Store.open({ home });
  const runs = new RunManager(store);
  const config = {
    function: 'rosenbrock', steps: 100_000, seed: 3, noise: { sigma: 0.2 },
    optimizers: [
      { type: 'adam', lr: 0.02, schedule: { type: 'cosine', total: 300, min_factor: 0.1, warmup: 20 } },
      { type: 'momentum', lr: 0.0005, beta: 0.8, schedule: { type: 'step', step_size: 40, gamma: 0.7 } },
      { type: 'rmsprop', lr: 0.005, schedule: { type: 'exponential', gamma: 0.995 } },
    ],
  };
  const id = await runs.submit('race', config, { stepsPerSecond: 2000 });
  const at = await runs.pause(id);
  runs.update(id, { optimizer: 1, set: { lr: 0.001, beta: 0.95 } });
  runs.update(id, { noise: { sigma: 0.05 } });
  runs.resume(id);
  await new Promise((r) => setTimeout(r, 60));
  await runs.pause(id);
  runs.update(id, { set: { lr: 0.003 } });  // every optimizer
  runs.resume(id);
  await new Promise((r) => setTimeout(r, 60));
  await runs.stop(id);
  await runs.finished(id);
  const events = await store.events(id);
  assert.ok(events.some((e) => e.field === 'optimizers[2].lr' && e.new === 0.003), 'a change without a target is one per optimizer');
  assert.ok(events[0]!.step === at && events.at(-1)!.step > at, `events at steps ${events.map((e) => e.step).join(', ')}`);
  const run = await store.getRun(id);
  await runs.close();
  await store.close();

  const script = exportAndRun(home, id);
  assert.equal(script.steps, run.steps);
  for (let i = 0; i < 3; i++) {
    const o = script.optimizers[i]!;
    assert.equal(o.status, 'stopped');
    const again = await Store.open({ home });
    for (const c of ['x', 'y', 'f'] as const) {
      const stored = await again.readRaw(id, `race${i === 0 ? '' : i}_${c}`);
      assert.equal(worst(o[c], [...stored.values]), 0, `optimizer ${i}: ${c}`);
    }
    await again.close();
  }
});

interface TrainJson { summary: { status: string; epochs: number; steps: number; final: { test_acc: number; train_loss: number } }; epochs: { train_loss: number[]; test_loss: number[]; test_acc: number[] } }

function exportTrain(home: string, id: number): { file: string; run: (...args: string[]) => ReturnType<typeof spawnSync> } {
  const file = path.join(home, `train${id}.py`);
  const e = gradlabIn(home, 'runs', 'export', String(id), '--pytorch', file);
  assert.equal(e.code, 0, e.err);
  return { file, run: (...args: string[]) => spawnSync(PYTHON!, [file, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 }) };
}

test('training runs exported as PyTorch scripts start from our weights and reach our test accuracy within 2 points', { skip }, () => {
  const home = tempHome();
  const cases: [string, string[], string | null][] = [
    ['an MLP on the spiral (data inside the script)', ['--dataset', 'spiral', '--set', 'n=400', '--layers', '16,16', '--activation', 'relu', '--epochs', '60', '--opt', 'adam:lr=0.01'], null],
    ['a CNN on 3 000 digits, augmented (data beside the script)', ['--dataset', 'digits', '--set', 'train=3000', '--set', 'test=1000', '--model', 'conv(6,5) relu maxpool(2) flatten linear(32) relu linear', '--epochs', '3', '--opt', 'adam:lr=0.002'], 'train2.data'],
  ];
  cases.forEach(([what, args, dataFile], i) => {
    const r = gradlabIn(home, 'train', ...args, '--format', 'json', '--save');
    assert.equal(r.code, 0, r.err);
    const ours = JSON.parse(r.out) as TrainJson & { run_id: number };
    assert.equal(ours.run_id, i + 1);
    const { file, run } = exportTrain(home, ours.run_id);
    if (dataFile) assert.ok(existsSync(path.join(path.dirname(file), dataFile)), `${what}: ${dataFile} written`);
    const p = run('--json');
    assert.equal(p.status, 0, String(p.stderr));
    const script = JSON.parse(String(p.stdout)) as TrainJson;
    // the same initial weights and data: epoch 0 (untrained) agrees to float32 rounding
    assert.ok(Math.abs(script.epochs.train_loss[0]! - ours.epochs.train_loss[0]!) < 1e-5 * ours.epochs.train_loss[0]!, `${what}: epoch 0 loss ${script.epochs.train_loss[0]} vs ${ours.epochs.train_loss[0]}`);
    assert.equal(script.summary.status, 'completed');
    assert.equal(script.summary.steps, ours.summary.steps, `${what}: steps`);
    const gap = Math.abs(script.summary.final.test_acc - ours.summary.final.test_acc);
    assert.ok(gap <= 0.02, `${what}: test accuracy ${script.summary.final.test_acc} vs ours ${ours.summary.final.test_acc}`);
  });
  // a data file that is not the run's is refused by its checksum, naming it
  writeFileSync(path.join(home, 'train2.data'), 'not the digits');
  const bad = spawnSync(PYTHON!, [path.join(home, 'train2.py'), '--epochs', '1'], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /train2\.data: sha256 [0-9a-f]{64}, expected [0-9a-f]{64} \(not the data this run used\)/);
});

test('a lab without a PyTorch export yet is refused by name', { skip }, async () => {
  const home = tempHome();
  const store = await Store.open({ home });
  const runs = new RunManager(store);
  const id = await runs.submit(gridworldLab.id, gridworldLab.defaults);
  await runs.finished(id);
  await runs.close();
  await store.close();
  const e = gradlabIn(home, 'runs', 'export', '1', '--pytorch', path.join(home, 'g.py'));
  assert.equal(e.code, 2);
  const listed = /run 1: lab "gridworld" has no PyTorch export yet; expected a run of: ([a-z-]+(?:, [a-z-]+)*)/.exec(e.err);
  assert.ok(listed, e.err);
  for (const lab of ['gan', 'race', 'train', 'vae']) assert.ok(listed[1]!.split(', ').includes(lab), `${lab} in "${listed[1]}"`);
});

/** A VAE run of `config` through the lab, exported as a PyTorch script and run: ours and the script's
 * final test −ELBO, and the run's stored per-epoch test losses. */
async function vaeAgainstTorch(config: Record<string, unknown>) {
  const home = tempHome();
  const store = await Store.open({ home });
  const runs = new RunManager(store);
  const id = await runs.submit(vaeLab.id, config);
  await runs.finished(id);
  const run = await store.getRun(id);
  const epochs = await store.readRaw(id, 'epoch_test_loss');
  await runs.close();
  await store.close();
  const file = path.join(home, 'vae.py');
  const e = gradlabIn(home, 'runs', 'export', String(id), '--pytorch', file);
  assert.equal(e.code, 0, e.err);
  const p = spawnSync(PYTHON!, [file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(p.status, 0, p.stderr);
  const script = JSON.parse(p.stdout) as { summary: { status: string; epochs: number; final: { test_loss: number } } };
  const ours = (run.summary as { final: { test_loss: number } }).final.test_loss;
  return { status: run.status, ours, epochs: epochs.values.length, script, gap: Math.abs(script.summary.final.test_loss - ours) / ours };
}

test('a VAE run exported as a PyTorch script starts from our weights and ends within 5% of our test −ELBO', { skip }, async () => {
  const r = await vaeAgainstTorch({ dataset: { name: 'digits', train: 2000, test: 500 }, latent: 2, hidden: [64], epochs: 3, beta: 1, frames: false });
  assert.deepEqual([r.script.summary.status, r.script.summary.epochs], ['done', 3]);
  assert.equal(r.epochs, 4, 'epoch 0 (untrained) and three');
  assert.ok(r.gap <= 0.05, `test −ELBO ${r.script.summary.final.test_loss} vs ours ${r.ours}: ${(100 * r.gap).toFixed(1)}% apart`);
});

test('a convolutional VAE (layer lists with batch norm, reshape and upsample) exported as a PyTorch script ends within 5% of our test −ELBO', { skip }, async (t) => {
  const r = await vaeAgainstTorch({
    dataset: { name: 'digits', train: 1000, test: 300 }, latent: 2, epochs: 3, batch_size: 32, frames: false, optimizer: { type: 'adam', lr: 0.003 },
    encoder_layers: parseModelText('conv(8,4,stride=2,pad=1) batchnorm relu conv(16,4,stride=2,pad=1) relu flatten linear(64) relu'),
    decoder_layers: parseModelText('linear(64) relu linear(784) relu reshape(16,7,7) upsample conv(8,3,pad=1) relu upsample(2) conv(1,3,pad=1) flatten'),
  });
  assert.equal(r.status, 'completed');
  assert.deepEqual([r.script.summary.status, r.script.summary.epochs], ['done', 3]);
  t.diagnostic(`test −ELBO: torch ${r.script.summary.final.test_loss.toFixed(2)}, ours ${r.ours.toFixed(2)} nats`);
  assert.ok(r.gap <= 0.05, `test −ELBO ${r.script.summary.final.test_loss} vs ours ${r.ours}: ${(100 * r.gap).toFixed(1)}% apart`);
});

test('exported scripts are safe and general: a run name cannot inject code, an MLP trains on images, batch norm takes a batch of one, DDP survives a short last batch', { skip }, async () => {
  const home = tempHome();
  const evil = gradlabIn(home, 'race', '--fn', 'booth', '--opt', 'sgd:lr=0.01', '--steps', '5', '--save', '--name', 'evil\nprint("INJECTED")', '--format', 'json');
  assert.equal(evil.code, 0, evil.err);
  const race = exportAndRun(home, 1);
  assert.equal(race.optimizers[0]!.steps, 5, 'the script ran, and printed only its JSON');

  const cases: [string, string[]][] = [
    ['an MLP on 600 digits', ['--dataset', 'digits', '--set', 'train=500', '--set', 'test=100', '--layers', '32', '--epochs', '2', '--opt', 'adam:lr=0.003']],
    ['batch norm with a last batch of one row', ['--dataset', 'moons', '--model', 'linear(16) batchnorm relu linear', '--batch', '239', '--epochs', '20', '--opt', 'adam:lr=0.01']],
  ];
  for (const [what, args] of cases) {
    const r = gradlabIn(home, 'train', ...args, '--format', 'json', '--save');
    assert.equal(r.code, 0, r.err);
    const ours = JSON.parse(r.out) as TrainJson & { run_id: number };
    const { run } = exportTrain(home, ours.run_id);
    const p = run('--json');
    assert.equal(p.status, 0, `${what}: ${String(p.stderr)}`);
    const script = JSON.parse(String(p.stdout)) as TrainJson;
    assert.ok(Math.abs(script.epochs.train_loss[0]! - ours.epochs.train_loss[0]!) < 1e-5 * ours.epochs.train_loss[0]!, `${what}: epoch 0 loss ${script.epochs.train_loss[0]} vs ${ours.epochs.train_loss[0]}`);
    assert.ok(Math.abs(script.summary.final.test_acc - ours.summary.final.test_acc) <= 0.05, `${what}: test accuracy ${script.summary.final.test_acc} vs ours ${ours.summary.final.test_acc}`);
  }

  // two processes (as torchrun starts them, on gloo) on the batch-norm run: the last batch of one row
  // leaves one process nothing; both finish, and process 0 prints the summary
  const { file } = exportTrain(home, 3);
  const port = String(29500 + (process.pid % 2000));
  const env = (rank: number) => ({ ...process.env, WORLD_SIZE: '2', RANK: String(rank), LOCAL_RANK: String(rank), MASTER_ADDR: '127.0.0.1', MASTER_PORT: port });
  const { spawn } = await import('node:child_process');
  const procs = [0, 1].map((rank) => spawn(PYTHON!, [file, '--json', '--epochs', '3'], { env: env(rank) }));
  const results = await Promise.all(procs.map((p) => new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    let out = '', err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => resolve({ code, out, err }));
  })));
  assert.deepEqual(results.map((r) => r.code), [0, 0], results.map((r) => r.err).join('\n'));
  const summary = JSON.parse(results[0]!.out) as TrainJson;
  assert.equal(summary.summary.epochs, 3);
  assert.equal(results[1]!.out, '', 'only process 0 prints');
});
