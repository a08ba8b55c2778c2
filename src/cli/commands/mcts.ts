/**
 * `gradlab mcts`: one Monte Carlo tree search from a board (issue #14; src/native/mcts.ts).
 *   gradlab mcts --game tictactoe --board "x...o...." --iterations 2000 --seed 1 --format json
 *   json:  {move, moves: [{move, visits, value}], to_move, …}; value is the mean outcome in [−1, 1]
 *          for the player to move
 *   table: the moves by visits.
 * A finished or impossible board exits 2 saying why. `--agent minimax` plays tic-tac-toe perfectly (its
 * values are exact: +1 win, 0 draw, −1 loss); `--agent az` plays the shipped self-play network
 * (assets/agents/az-<game>.bin) by its own search, `--iterations` its simulations, each move with its prior. `--rollout heuristic` takes a win, else blocks a loss, else plays at random.
 */
import type { Command } from 'commander';
import { Option } from 'commander';

import { MCTS_GAMES, MCTS_ROLLOUTS, mctsMove } from '../../native/mcts.js';
import { json, table, type Format } from '../format.js';
import { formatOption, int, number } from '../option-parsers.js';

export interface MctsArgs {
  game: (typeof MCTS_GAMES)[number];
  board?: string;
  iterations: number;
  seed: number;
  uct?: number;
  threads: number;
  rollout: (typeof MCTS_ROLLOUTS)[number];
  timeMs?: number;
  agent: string;
  format: Format;
}

export function mctsCommand(a: MctsArgs): string {
  const r = mctsMove({
    game: a.game,
    ...(a.board !== undefined ? { board: a.board } : {}),
    iterations: a.iterations,
    seed: a.seed,
    agent: a.agent as 'mcts' | 'minimax' | 'az',
    // the network's search takes its simulations and nothing of UCT's
    ...(a.agent === 'az' ? {} : { threads: a.threads, rollout: a.rollout }),
    ...(a.uct !== undefined ? { uct: a.uct } : {}),
    ...(a.timeMs !== undefined ? { time_ms: a.timeMs } : {}),
  });
  if (a.format === 'json') return json(r);
  const rows = [...r.moves].sort((p, q) => q.visits - p.visits).map((m) => [m.move, m.visits, Number(m.value.toFixed(4))]);
  if (a.format === 'csv') return ['move,visits,value', ...rows.map((x) => x.join(','))].join('\n') + '\n';
  return `${r.game}, ${r.to_move} to move: play ${r.move} (${r.iterations} iterations, ${r.nodes} nodes)\n\n` + table([r.game === 'connect4' ? 'column' : 'cell', 'visits', 'value'], rows);
}

export function registerMcts(program: Command, done: (text: string) => void): void {
  program
    .command('mcts')
    .description('Monte Carlo tree search (UCT, random rollouts) from a tic-tac-toe or connect-four board')
    .addOption(new Option('--game <game>', 'the game').choices([...MCTS_GAMES]).default('tictactoe'))
    .option('--board <cells>', 'the board, row-major: . x o (connect four: 6 rows of 7, top row first); default empty')
    .option('--iterations <n>', 'search iterations', int('--iterations', 1, 10_000_000), 2000)
    .option('--seed <n>', 'the seed of the rollouts', int('--seed', 0, Number.MAX_SAFE_INTEGER), 1)
    .option('--uct <c>', 'the exploration constant (default √2)', number('--uct'))
    .option('--threads <n>', 'root-parallel searches on n threads, summed (the same result for a seed and n)', int('--threads', 1, 64), 1)
    .addOption(new Option('--rollout <kind>', 'random, or heuristic (take a win, else block a loss, else random)').choices([...MCTS_ROLLOUTS]).default('random'))
    .option('--time-ms <ms>', 'also stop the search after this many milliseconds', number('--time-ms'))
    .addOption(new Option('--agent <agent>', 'mcts; minimax (perfect tic-tac-toe); az (the shipped self-play network; --iterations are its simulations)').choices(['mcts', 'minimax', 'az']).default('mcts'))
    .addOption(formatOption())
    .action((o: MctsArgs) => done(mctsCommand(o)));
}
