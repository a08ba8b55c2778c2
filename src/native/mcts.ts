/**
 * The MCTS lab's one-shot search (issue #14; native/core/mcts/): UCT with random rollouts from a board.
 *   mctsMove({ game: 'tictactoe', board: 'x...o....', iterations: 2000, seed: 1 })
 * Boards are row-major with . x o (connect four: 6 rows of 7, top row first); x moves first, so the
 * side to move follows from the counts. A finished or impossible board is a LabError naming why.
 */
import { z } from 'zod';

import { shippedAzWeights } from './az.js';
import { native } from './binding.js';
import { num, range } from './schemas-core.js';
import { parseOrThrow } from './validate.js';

import { MCTS_GAMES, MCTS_ROLLOUTS, MctsLabConfigSchema, type MctsLabConfig } from './mcts-schema.js';
import type { Batch, Frame } from './events.js';
import { LabSession, type SessionOptions } from './session.js';

export { MCTS_GAMES, MCTS_ROLLOUTS, MctsLabConfigSchema, MctsLabUpdateSchema, type MctsLabConfig, type MctsLabUpdate } from './mcts-schema.js';
export const MCTS_AGENTS = ['mcts', 'minimax', 'az'] as const;

export const MctsConfigSchema = z.strictObject({
  game: z.enum(MCTS_GAMES, { message: `one of ${MCTS_GAMES.join(', ')}` }).optional(),
  board: z.string({ message: 'the board as text of . x o' }).max(200, { message: 'a board of at most 200 characters' }).optional(),
  iterations: num(range('integer', 1, 10_000_000)).optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  uct: num(range('number', 0, null, true)).optional(),
  /** root-parallel searches on this many threads, their statistics summed (the same result for a seed and thread count) */
  threads: num(range('integer', 1, 64)).optional(),
  /** random rollouts, or the heuristic: take a winning move, else block the opponent's, else random */
  rollout: z.enum(MCTS_ROLLOUTS, { message: `one of ${MCTS_ROLLOUTS.join(', ')}` }).optional(),
  /** also stop once this many milliseconds have passed (0: the iterations only) */
  time_ms: num(range('number', 0, 600_000)).optional(),
  /** the search, perfect play by minimax (tic-tac-toe only), or the self-play network's search (az: the shipped network unless `weights` are given; iterations are its simulations) */
  agent: z.enum(MCTS_AGENTS, { message: `one of ${MCTS_AGENTS.join(', ')}` }).optional(),
  /** keep the tree for drawing: every node to `depth` (2), the last iteration's path, the children of `expand` */
  /** agent az: a network's bytes (scripts/train-az.mjs); the shipped one by default */
  weights: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: "a network's bytes (a Uint8Array)" }).optional(),
  /** agent az: the PUCT constant (1.5) */
  c_puct: num(range('number', 0, null, true)).optional(),
  trace: z
    .union([z.boolean(), z.strictObject({ depth: num(range('integer', 0, 64)).optional(), expand: z.array(num(range('integer', 0, 1e9))).max(1000).optional() })], {
      message: 'true or {depth, expand}',
    })
    .optional(),
}).superRefine((c, ctx) => {
  if (c.agent === 'minimax' && c.game === 'connect4') ctx.addIssue({ code: 'custom', path: ['agent'], message: 'expected "mcts": minimax plays tic-tac-toe only' });
  if (c.agent === 'az')
    for (const k of ['threads', 'rollout', 'time_ms', 'trace', 'uct'] as const)
      if (c[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: "expected nothing with agent az (the network's search: iterations are its simulations, c_puct its constant)" });
  if (c.agent !== 'az') for (const k of ['weights', 'c_puct'] as const) if (c[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'expected nothing unless agent is az' });
  if (c.trace !== undefined && c.trace !== false && (c.threads ?? 1) > 1) ctx.addIssue({ code: 'custom', path: ['trace'], message: 'expected nothing with threads > 1 (a traced search runs on one thread)' });
});
export type MctsConfig = z.input<typeof MctsConfigSchema>;

export interface MctsResult {
  game: (typeof MCTS_GAMES)[number];
  board: string;
  to_move: 'x' | 'o';
  /** the most-visited move: a cell 0–8, or a column 0–6 */
  move: number;
  /** every root move: its visits and mean outcome in [−1, 1] for the player to move (az: and the network's prior) */
  moves: { move: number; visits: number; value: number; prior?: number }[];
  /** agent az: the network's value of the board for the side to move */
  root_value?: number;
  iterations: number;
  nodes: number;
  agent: (typeof MCTS_AGENTS)[number];
  /** the principal variation: the most-visited child from the root down (minimax: best play to the end) */
  pv: number[];
  /** with `trace`: the tree to draw and the last iteration's four phases */
  tree?: MctsTree;
}

export interface MctsTreeNode {
  id: number;
  parent: number;
  depth: number;
  move: number;
  /** who made the move into this node; null at the root */
  mover: 'x' | 'o' | null;
  visits: number;
  /** the mean outcome for the mover, in [−1, 1]; null before a visit */
  value: number | null;
  /** the UCB score its parent selects by (null: unvisited, chosen first) */
  ucb: number | null;
  children: number;
  board: string;
}

export interface MctsTree {
  nodes: MctsTreeNode[];
  /** nodes in the whole tree */
  total: number;
  /** more nodes were asked for than are sent (3 000) */
  cut: boolean;
  trace: {
    /** node ids from the root down, chosen by UCB (an unvisited child first) */
    selected: number[];
    /** the node whose moves were added, or null */
    expanded: number | null;
    new_children: number[];
    /** where the simulation started */
    simulated: number;
    /** the rollout's moves */
    rollout: number[];
    /** +1 x won, −1 o won, 0 a draw: added along the path by the backup */
    outcome: number;
  };
}

/** One search from a board; agent az without weights plays the shipped network of the game. */
export function mctsMove(config: MctsConfig): MctsResult {
  const c = parseOrThrow(MctsConfigSchema, config, 'mcts');
  const withNet = c.agent === 'az' && c.weights === undefined ? { ...c, weights: shippedAzWeights(c.game ?? 'tictactoe') } : c;
  return native().mctsMove(withNet) as MctsResult;
}

/** The live search's summary (labs/mcts.hpp). */
export interface MctsLabSummary {
  status: 'completed' | 'stopped';
  game: (typeof MCTS_GAMES)[number];
  board: string;
  to_move: 'x' | 'o';
  move: number;
  moves: { move: number; visits: number; value: number }[];
  pv: number[];
  iterations: number;
  nodes: number;
  final: { best_share: number | null; best_value: number | null; best_exact: number | null };
}

/** Starts a live search: stream "search" (the chosen move's share, value and, for tic-tac-toe, exact value), frame "root". */
export function startMcts(config: MctsLabConfig, options: SessionOptions = {}): LabSession<MctsLabSummary, Batch, unknown, Frame<Record<string, unknown>>> {
  return new LabSession('mcts', parseOrThrow(MctsLabConfigSchema, config, 'mcts'), options);
}
