// `gradlab mcts` (issue #14): the JSON the issue names — move, moves with visits and values in [−1, 1]
// summing to the iterations — an immediate tic-tac-toe win and a connect-four block, the same search
// for the same seed; the shipped self-play network (--agent az) with its priors and minimax's exact
// values; finished or impossible boards refused with code 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const cli = new URL('../../../bin/gradlab.js', import.meta.url).pathname;
const mcts = (...args: string[]) => spawnSync(process.execPath, [cli, 'mcts', ...args], { encoding: 'utf8' });

test('gradlab mcts: the move, every root move with its visits and value; wins taken, losses blocked; seeded', () => {
  const r = mcts('--game', 'tictactoe', '--board', 'xx.oo....', '--iterations', '2000', '--seed', '4', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { move: number; to_move: string; moves: { move: number; visits: number; value: number }[] };
  assert.equal(doc.move, 2);
  assert.equal(doc.to_move, 'x');
  assert.deepEqual(doc.moves.map((m) => m.move), [2, 5, 6, 7, 8]);
  assert.equal(doc.moves.reduce((n, m) => n + m.visits, 0), 2000);
  assert.ok(doc.moves.every((m) => m.value >= -1 && m.value <= 1));
  assert.equal(doc.moves.find((m) => m.move === 2)!.value, 1, 'the winning move always wins');
  assert.equal(mcts('--game', 'tictactoe', '--board', 'xx.oo....', '--iterations', '2000', '--seed', '4', '--format', 'json').stdout, r.stdout);
  const c4 = JSON.parse(mcts('--game', 'connect4', '--board', `${'.'.repeat(21)}......o x.....o xx....o`, '--format', 'json').stdout) as { move: number };
  assert.equal(c4.move, 6, 'blocks o\'s four in column 6');
});

test('gradlab mcts --agent az: the shipped self-play network blocks at once, each move with its prior; minimax exact', () => {
  const r = mcts('--game', 'tictactoe', '--board', 'xx..o....', '--agent', 'az', '--iterations', '200', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { move: number; agent: string; root_value: number; moves: { move: number; visits: number; value: number; prior: number }[] };
  assert.equal(doc.agent, 'az');
  assert.equal(doc.move, 2, 'o blocks x\'s row');
  assert.equal(doc.moves.reduce((n, m) => n + m.visits, 0), 200);
  assert.ok(Math.abs(doc.moves.reduce((s, m) => s + m.prior, 0) - 1) < 1e-5, 'the priors over the legal moves sum to 1');
  assert.ok(doc.moves.find((m) => m.move === 2)!.prior > 0.5, 'the network already prefers the block');
  assert.ok(doc.root_value >= -1 && doc.root_value <= 1);
  const c4 = JSON.parse(mcts('--game', 'connect4', '--agent', 'az', '--iterations', '200', '--board', `${'.'.repeat(21)}......o x.....o xx....o`, '--format', 'json').stdout) as { move: number };
  assert.equal(c4.move, 6, 'the connect-four network blocks o\'s four in column 6');
  const mm = JSON.parse(mcts('--board', 'xx.oo....', '--agent', 'minimax', '--format', 'json').stdout) as { move: number; moves: { move: number; value: number }[] };
  assert.equal(mm.move, 2);
  assert.deepEqual(Object.fromEntries(mm.moves.map((m) => [m.move, m.value])), { 2: 1, 5: 0, 6: -1, 7: -1, 8: -1 });
});

test('gradlab mcts: a finished or impossible board exits 2 saying why', () => {
  const won = mcts('--board', 'xxxoo....');
  assert.equal(won.status, 2);
  assert.match(won.stderr, /the game is over: x has won/);
  const counts = mcts('--board', 'ooo......');
  assert.equal(counts.status, 2);
  assert.match(counts.stderr, /0 x and 3 o; no game reaches that/);
  const floating = mcts('--game', 'connect4', '--board', `${'.'.repeat(28)}...x...${'.'.repeat(7)}`);
  assert.equal(floating.status, 2);
  assert.match(floating.stderr, /column 3 has a piece above an empty cell/);
  const mm = mcts('--game', 'connect4', '--agent', 'minimax');
  assert.equal(mm.status, 2);
  assert.match(mm.stderr, /minimax plays tic-tac-toe only/);
});
