/**
 * The MCTS lab's session schemas, pure (no Node imports: the descriptor and the renderer read them):
 * one search from a board grown by `per_step` iterations a step (native/core/labs/mcts.hpp), and its
 * live update. The ranges mirror the engine's; the twin validation test (74) checks both.
 */
import { z } from 'zod';

import { num, range } from './schemas-core.js';

export const MCTS_GAMES = ['tictactoe', 'connect4'] as const;
export const MCTS_ROLLOUTS = ['random', 'heuristic'] as const;

export const MctsLabConfigSchema = z.strictObject({
  game: z.enum(MCTS_GAMES, { message: `one of ${MCTS_GAMES.join(', ')}` }).optional(),
  board: z.string({ message: 'the board as text of . x o' }).max(200, { message: 'a board of at most 200 characters' }).optional(),
  /** the search's iterations in all */
  iterations: num(range('integer', 1, 10_000_000)).optional(),
  /** iterations per step of the session */
  per_step: num(range('integer', 1, 1_000_000)).optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  uct: num(range('number', 0, null, true)).optional(),
  rollout: z.enum(MCTS_ROLLOUTS, { message: `one of ${MCTS_ROLLOUTS.join(', ')}` }).optional(),
  frames: z.union([z.boolean(), z.strictObject({ every_ms: num(range('number', 0, 600_000)).optional() })], { message: 'false or {every_ms}' }).optional(),
});
export type MctsLabConfig = z.input<typeof MctsLabConfigSchema>;

export const MctsLabUpdateSchema = z.strictObject({
  set: z.strictObject({ uct: num(range('number', 0, null, true)).optional() }).optional(),
  steps_per_second: num(range('number', 0, null)).optional(),
});
export type MctsLabUpdate = z.infer<typeof MctsLabUpdateSchema>;
