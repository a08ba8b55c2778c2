// The graph lesson through the whole stack: computationGraph's numbers (the default lesson by hand, a
// network's loss node), the CLI in json and dot, and errors as LabError codes (FORMULA_SYNTAX with its
// position, INVALID_CONFIG naming the field) and exit code 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { computationGraph } from '../../src/native/index.js';
import { expectLabError } from './helpers.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/gradlab.js', 'graph', ...args], { encoding: 'utf8' });

test('the default lesson: L = (w*x + b - y)^2 with gradients by hand', () => {
  const g = computationGraph();
  assert.equal(g.kind, 'expression');
  const r = 0.5 * 2 + 0.1 - 3;
  assert.ok(Math.abs(g.value - r * r) < 1e-12);
  const grad = (name: string) => g.nodes[g.variables[name]!]!.grad!;
  assert.ok(Math.abs(grad('w') - 2 * r * 2) < 1e-12);
  assert.ok(Math.abs(grad('x') - 2 * r * 0.5) < 1e-12);
  assert.ok(Math.abs(grad('b') - 2 * r) < 1e-12);
  assert.ok(Math.abs(grad('y') + 2 * r) < 1e-12);
  assert.equal(g.forward.length, g.nodes.length);
  assert.equal(g.backward[0], g.output);
  assert.ok(g.dot.startsWith('digraph computation {'));
});

test('a variable used twice: one leaf, both paths', () => {
  const g = computationGraph({ expression: 'x*x + sin(x)', values: { x: 0.3 } });
  assert.deepEqual(Object.keys(g.variables), ['x']);
  assert.ok(Math.abs(g.nodes[g.variables.x!]!.grad! - (2 * 0.3 + Math.cos(0.3))) < 1e-12);
});

test('a network graph: one row, a loss node last, parameter gradients', () => {
  const g = computationGraph({ kind: 'network', dataset: 'xor', model: { hidden: [3], activation: 'tanh' }, example: 2, seed: 1 });
  assert.equal(g.kind, 'network');
  assert.equal(g.example, 2);
  const last = g.nodes.at(-1)!;
  assert.equal(last.kind, 'loss');
  assert.equal(last.op, 'softmax_cross_entropy');
  assert.equal(last.value[0], g.loss);
  const params = g.nodes.filter((n) => n.kind === 'param').map((n) => n.name);
  assert.deepEqual(params, ['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias']);
  for (const n of g.nodes.filter((n) => n.kind === 'param')) assert.equal(n.grad!.length, n.value.length);
  assert.equal(g.edges.length, 11);
  for (const e of g.edges) assert.ok(e.from < e.to);
});

test('errors: FORMULA_SYNTAX with the position, INVALID_CONFIG naming the field', () => {
  const e = expectLabError(() => computationGraph({ expression: '(w*x + ) ^ 2', values: { w: 1, x: 2 } }), 'FORMULA_SYNTAX', 'graph.expression');
  assert.equal((e as unknown as { position: number }).position, 8);
  expectLabError(() => computationGraph({ expression: 'w*x', values: { w: 1 } }), 'INVALID_CONFIG', 'graph.values.x');
  expectLabError(() => computationGraph({ kind: 'network', dataset: 'xor', example: 1e9 }), 'INVALID_CONFIG', 'graph.example');
  expectLabError(() => computationGraph({ kind: 'network', dataset: 'xor', model: { hidden: [0] } }), 'INVALID_CONFIG', 'graph.model.hidden[0]');
  expectLabError(() => computationGraph({ kind: 'tree' } as never), 'INVALID_CONFIG', 'graph.kind');
});

test('gradlab graph: json and dot', () => {
  const j = cli('--expr', '(w*x+b-y)^2', '--set', 'w=0.5,x=2,b=0.1,y=3', '--format', 'json');
  assert.equal(j.status, 0, j.stderr);
  const g = JSON.parse(j.stdout);
  assert.ok(Math.abs(g.value - 3.61) < 1e-12);
  assert.equal(g.dot, undefined);
  assert.equal(g.nodes.length, 9);
  const d = cli('--network', '--dataset', 'xor', '--layers', '3', '--activation', 'tanh', '--example', '0', '--seed', '1', '--format', 'dot');
  assert.equal(d.status, 0, d.stderr);
  const lines = d.stdout.trim().split('\n');
  assert.equal(lines[0], 'digraph computation {');
  assert.equal(lines.filter((l) => l.includes(' -> ')).length, 11);
  assert.equal(lines.filter((l) => /^ {2}n\d+ \[/.test(l)).length, 12);
});

test('gradlab graph: bad arguments exit 2 with one line naming the argument', () => {
  for (const [args, part] of [
    [['--expr', 'w*'], 'graph.expression'],
    [['--expr', 'w*x', '--set', 'w=1'], 'graph.values.x'],
    [['--dataset', 'xor'], '--dataset: only with --network'],
    [['--network'], '--dataset: required'],
    [['--network', '--dataset', 'xor', '--example', '-1'], '--example'],
  ] as const) {
    const r = cli(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.includes(part), r.stderr);
  }
});
