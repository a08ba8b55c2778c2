/**
 * The MCTS lab's one-shot search (issue #14; native/core/mcts/): UCT with random rollouts from a board.
 *   mctsMove({ game: 'tictactoe', board: 'x...o....', iterations: 2000, seed: 1 })
 * Boards are row-major with . x o (connect four: 6 rows of 7, top row first); x moves first, so the
 * side to move follows from the counts. A finished or impossible board is a LabError naming why.
 */
import { z } from 'zod';

import { native } from './binding.js';
import { num, range } from './schemas-core.js';
import { parseOrThrow } from './validate.js';

export const MCTS_GAMES = ['tictactoe', 'connect4'] as const;

export const MctsConfigSchema = z.strictObject({
  game: z.enum(MCTS_GAMES, { message: `one of ${MCTS_GAMES.join(', ')}` }).optional(),
  board: z.string({ message: 'the board as text of . x o' }).max(200, { message: 'a board of at most 200 characters' }).optional(),
  iterations: num(range('integer', 1, 10_000_000)).optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  uct: num(range('number', 0, null, true)).optional(),
  /** root-parallel searches on this many threads, their statistics summed (the same result for a seed and thread count) */
  threads: num(range('integer', 1, 64)).optional(),
});
export type MctsConfig = z.input<typeof MctsConfigSchema>;

export interface MctsResult {
  game: (typeof MCTS_GAMES)[number];
  board: string;
  to_move: 'x' | 'o';
  /** the most-visited move: a cell 0–8, or a column 0–6 */
  move: number;
  /** every root move: its visits and mean outcome in [−1, 1] for the player to move */
  moves: { move: number; visits: number; value: number }[];
  iterations: number;
  nodes: number;
}

export function mctsMove(config: MctsConfig): MctsResult {
  return native().mctsMove(parseOrThrow(MctsConfigSchema, config, 'mcts')) as MctsResult;
}
