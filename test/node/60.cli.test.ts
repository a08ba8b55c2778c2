// The `gradlab` command as a user runs it (a child process): functions, race in every format, and bad
// arguments giving a clear message and a non-zero exit code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const bin = fileURLToPath(new URL('../../../bin/gradlab.js', import.meta.url));

function gradlab(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('gradlab functions lists the landscapes with their minima', () => {
  const r = gradlab('functions');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /rosenbrock .*\(1, 1\) → 0/);
  assert.match(r.out, /goldstein_price .*\(0, -1\) → 3/);
  const j = gradlab('functions', '--format', 'json');
  const list = JSON.parse(j.out) as { name: string; minima: unknown[] }[];
  assert.equal(list.find((l) => l.name === 'himmelblau')!.minima.length, 4);
});

test('gradlab race --format json: trajectories with index 0 at the start', () => {
  const r = gradlab('race', '--fn', 'rosenbrock', '--start', '-1.5,2', '--opt', 'adam:lr=0.01', '--opt', 'momentum:lr=0.001,beta=0.9', '--steps', '200', '--format', 'json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out) as {
    optimizers: { name: string; hypers: Record<string, unknown>; status: string; x: number[]; y: number[]; f: number[] }[];
  };
  assert.equal(doc.optimizers.length, 2);
  const [adam, mom] = doc.optimizers as [(typeof doc.optimizers)[0], (typeof doc.optimizers)[0]];
  assert.equal(adam.name, 'adam');
  assert.deepEqual({ lr: adam.hypers.lr, beta1: adam.hypers.beta1, beta2: adam.hypers.beta2 }, { lr: 0.01, beta1: 0.9, beta2: 0.999 });
  assert.equal(mom.hypers.beta, 0.9);
  assert.equal(adam.status, 'completed');
  for (const o of doc.optimizers) {
    assert.equal(o.x.length, 201);
    assert.equal(o.x[0], -1.5);
    assert.equal(o.y[0], 2);
    // f(−1.5, 2) = 2.5² + 100·(2 − 2.25)² = 6.25 + 6.25
    assert.equal(o.f[0], 12.5);
  }
  assert.ok(adam.f[200]! < adam.f[0]!);
});

test('gradlab race --format csv has one row per optimizer and step', () => {
  const r = gradlab('race', '--fn', 'x^2 + 3*y^2', '--start', '1,1', '--opt', 'sgd:lr=0.1', '--opt', 'adagrad', '--steps', '50', '--format', 'csv');
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.equal(lines[0], 'optimizer,name,step,x,y,f,gx,gy,gnorm,lr');
  assert.equal(lines.length, 1 + 2 * 51);
  // sgd: x1 = 1 − 0.1·2 = 0.8
  assert.match(lines[2]!, /^0,sgd,1,0\.8,/);
});

test('gradlab race prints a summary table by default', () => {
  const r = gradlab('race', '--fn', 'quadratic', '--param', 'kappa=50', '--opt', 'nesterov:lr=0.01', '--opt', 'rmsprop', '--steps', '100');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /optimizer\s+hyper-parameters\s+status\s+steps/);
  assert.match(r.out, /nesterov\s+lr=0\.01 .*completed\s+100/);
});

test('bad arguments: a clear message naming the argument and exit code 2', () => {
  const cases: [string[], RegExp][] = [
    [['race', '--fn', 'rosenbrok'], /unknown function "rosenbrok"/],
    [['race', '--fn', 'rosenbrock', '--opt', 'adamm'], /unknown optimizer "adamm"/],
    [['race', '--fn', 'rosenbrock', '--opt', 'adam:lr=-1'], /race\.optimizers\[0\]\.lr: expected a finite number > 0, got -1/],
    [['race', '--fn', 'rosenbrock', '--opt', 'adam:lr=abc'], /lr: expected a number, true or false, got "abc"/],
    [['race', '--fn', 'rosenbrock', '--steps', '0'], /--steps: expected an integer in \[1, 10000000\], got "0"/],
    [['race', '--fn', 'rosenbrock', '--start', 'NaN,1'], /--start: expected two finite numbers/],
    [['race', '--fn', 'x^2 + )'], /FORMULA_SYNTAX|position 7/],
    [['race'], /required option '--fn/],
    [['nope'], /unknown command 'nope'/],
    [['race', '--fn', 'booth', '--format', 'xml'], /Allowed choices are table, csv, json/],
  ];
  for (const [args, msg] of cases) {
    const r = gradlab(...args);
    assert.equal(r.code, 2, `${args.join(' ')} → exit ${r.code}: ${r.err}`);
    assert.match(r.err, msg, args.join(' '));
  }
});
