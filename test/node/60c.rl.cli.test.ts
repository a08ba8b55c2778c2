// `gradlab rl gridworld` (issue #14, its dynamic-programming part): Russell & Norvig's 4×3 world in
// JSON — the published utilities and policy, walls null and terminals 0 — by both algorithms; a table;
// Q-learning on a corridor (its policy, its values γ^k, a return per episode, the same run for a seed);
// and the refusals: a malformed grid naming its line and column, an unreadable file, a learner's flag
// given to dynamic programming.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { tempHome } from './store-helpers.js';

const cli = new URL('../../../bin/gradlab.js', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'rl', 'gridworld', ...args], { encoding: 'utf8' });

function file(text: string): string {
  const f = path.join(tempHome(), 'grid.txt');
  writeFileSync(f, text);
  return f;
}

test('rl gridworld: Russell & Norvig\'s 4×3 world, value and policy iteration, as published', () => {
  const grid = file('...G\n.#.X\nS...\n');
  const want = [
    [0.812, 0.868, 0.918, 0],
    [0.762, null, 0.66, 0],
    [0.705, 0.655, 0.611, 0.388],
  ];
  for (const algo of ['value-iteration', 'policy-iteration']) {
    const r = run('--grid', grid, '--algo', algo, '--gamma', '1', '--step-reward', '-0.04', '--slip', '0.2', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { values: (number | null)[][]; policy: (string | null)[][]; converged: boolean; algo: string };
    assert.equal(doc.algo, algo);
    assert.equal(doc.converged, true);
    doc.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const w = want[i]![j]!;
        if (w === null) assert.equal(v, null, `(${i},${j}) is a wall`);
        else assert.ok(Math.abs(v! - w) < 5e-4, `${algo} (${i},${j}): ${v} vs ${w}`);
      }),
    );
    assert.deepEqual(doc.policy, [
      ['E', 'E', 'E', null],
      ['N', null, 'N', null],
      ['N', 'W', 'W', 'W'],
    ]);
  }
  const table = run('--grid', grid, '--gamma', '1', '--step-reward', '-0.04', '--slip', '0.2');
  assert.equal(table.status, 0);
  assert.match(table.stdout, /value-iteration: γ 1, step reward -0\.04, slip 0\.2; \d+ sweeps, converged/);
  assert.match(table.stdout, /\n {2}0 {2}→ {2}→ {2}→ {2}·\n/);
});

test('rl gridworld: malformed grids, unreadable files and algorithms not built yet are refused, naming what', () => {
  const bad = run('--grid', file('..G\n.Q.\n'), '--format', 'json');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /gridworld\.grid: line 2, column 2: unknown cell 'Q'/);
  const missing = run('--grid', '/nonexistent/grid.txt');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--grid: cannot read \/nonexistent\/grid\.txt: ENOENT/);
  const flag = run('--grid', file('SG\n'), '--episodes', '10');
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /--episodes: only for the model-free learners, not value-iteration/);
  const slip = run('--grid', file('SG\n'), '--slip', '2');
  assert.equal(slip.status, 2);
  assert.match(slip.stderr, /gridworld\.slip/);
});

test('rl gridworld: Q-learning learns a corridor, one return per episode, the same run for the same seed', () => {
  const grid = file('S...G\n');
  const args = ['--grid', grid, '--algo', 'q-learning', '--gamma', '0.9', '--epsilon', '0.1', '--alpha', '0.5', '--episodes', '600', '--seed', '3', '--format', 'json'];
  const r = run(...args);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { values: number[][]; policy: string[][]; returns: number[]; lengths: number[] };
  assert.deepEqual(doc.policy, [['E', 'E', 'E', 'E', null]]);
  doc.values[0]!.slice(0, 4).forEach((v, c) => assert.ok(Math.abs(v - 0.9 ** (3 - c)) < 1e-6, `V(${c}) = ${v}`));
  assert.equal(doc.returns.length, 600);
  assert.equal(doc.lengths.at(-1), 4);
  assert.equal(run(...args).stdout, r.stdout, 'the same seed, the same run');
  // SARSA(λ): the same corridor learnt, λ passed through; λ refused for a learner without traces
  const traced = run('--grid', grid, '--algo', 'sarsa-lambda', '--lambda', '0.8', '--gamma', '0.9', '--alpha', '0.5', '--episodes', '300', '--format', 'json');
  assert.equal(traced.status, 0, traced.stderr);
  assert.deepEqual((JSON.parse(traced.stdout) as { policy: string[][] }).policy, [['E', 'E', 'E', 'E', null]]);
  assert.match(run('--grid', grid, '--algo', 'q-learning', '--lambda', '0.5').stderr, /lambda/);
});

test('rl env cartpole: CartPole-v1\'s equations step by step, to the end of the episode; bad input named', () => {
  const env = (...args: string[]) => spawnSync(process.execPath, [cli, 'rl', 'env', 'cartpole', ...args], { encoding: 'utf8' });
  const r = env('--state', '0.01,-0.02,0.03,0.04', '--actions', '1,0,1', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { states: number[][]; rewards: number[]; done: boolean };
  // one Euler step by hand from the equations, action 1 (+10 N)
  const [x, xd, th, thd] = [0.01, -0.02, 0.03, 0.04];
  const temp = (10 + 0.1 * 0.5 * thd * thd * Math.sin(th)) / 1.1;
  const thacc = (9.8 * Math.sin(th) - Math.cos(th) * temp) / (0.5 * (4 / 3 - (0.1 * Math.cos(th) ** 2) / 1.1));
  const xacc = temp - (0.1 * 0.5 * thacc * Math.cos(th)) / 1.1;
  const want = [x + 0.02 * xd, xd + 0.02 * xacc, th + 0.02 * thd, thd + 0.02 * thacc];
  doc.states[1]!.forEach((v, i) => assert.ok(Math.abs(v - want[i]!) <= 1e-15 * Math.max(1, Math.abs(want[i]!)), `state[${i}] ${v} vs ${want[i]}`));
  assert.equal(doc.states.length, 4);
  assert.deepEqual(doc.rewards, [1, 1, 1]);
  assert.equal(doc.done, false);
  const fall = JSON.parse(env('--actions', Array(20).fill('1').join(','), '--format', 'json').stdout) as { states: number[][]; done: boolean; terminated: boolean; rewards: number[] };
  assert.equal(fall.done, true);
  assert.equal(fall.terminated, true);
  assert.equal(fall.states.length, 10, 'pushed right from rest, the pole falls after 9 steps; later actions are not taken');
  assert.ok(Math.abs(fall.states.at(-1)![2]!) > (12 * Math.PI) / 180);
  const bad = env('--state', '0,0,0', '--actions', '1');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--state: expected 4 comma-separated finite numbers, got "0,0,0"/);
  const badAction = env('--actions', '1,2');
  assert.equal(badAction.status, 2);
  assert.match(badAction.stderr, /cartpole\.actions\.1|cartpole\.actions\[1\]/);
});

test('rl train: REINFORCE solves the cart-pole; summary.final.mean_return_100; the target stops it early; learners not built refused', () => {
  const train = (...args: string[]) => spawnSync(process.execPath, [cli, 'rl', 'train', ...args], { encoding: 'utf8' });
  const r = train('--env', 'cartpole', '--seed', '3', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { episodes: number; solved: boolean; returns: number[]; summary: { final: { mean_return_100: number } } };
  assert.equal(doc.solved, true);
  assert.ok(doc.summary.final.mean_return_100 >= 475);
  assert.ok(doc.episodes <= 1000 && doc.returns.length === doc.episodes);
  const mean = doc.returns.slice(-100).reduce((a, b) => a + b, 0) / 100;
  assert.ok(Math.abs(mean - doc.summary.final.mean_return_100) < 1e-9, 'the mean of the last 100 returns');
  const early = JSON.parse(train('--seed', '3', '--target', '60', '--format', 'json').stdout) as { episodes: number; summary: { final: { mean_return_100: number } } };
  assert.ok(early.episodes < doc.episodes && early.summary.final.mean_return_100 >= 60);
  const a2c = JSON.parse(train('--algo', 'a2c', '--seed', '2', '--format', 'json').stdout) as { algo: string; solved: boolean };
  assert.deepEqual([a2c.algo, a2c.solved], ['a2c', true]);
  // DQN, one seed in CI's budget (~8 s; the three seeds' figures are in docs/rl.md)
  const dqn = JSON.parse(train('--algo', 'dqn', '--seed', '2', '--format', 'json').stdout) as { algo: string; solved: boolean; episodes: number; summary: { final: { mean_return_100: number } } };
  assert.deepEqual([dqn.algo, dqn.solved], ['dqn', true]);
  assert.ok(dqn.episodes <= 1000 && dqn.summary.final.mean_return_100 >= 475, `dqn: ${dqn.episodes} episodes`);
});
