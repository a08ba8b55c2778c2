/**
 * The RL lab's engine pieces that answer at once (issue #14; the lab's sessions come later):
 *   solveGridworld({ grid: '...G\n.#.X\nS...', algo: 'value-iteration', gamma: 1, step_reward: -0.04, slip: 0.2 })
 * Rules (native/core/rl/gridworld.hpp): '.' empty, '#' wall, 'S' start, 'G' +1 and 'X' −1 terminals,
 * 'C' cliff (−100 and back to the start); moves N E S W, slipping to either side with slip/2 each; a
 * move into a wall or off the grid stays put; every move earns the step reward.
 */
import { z } from 'zod';

import { native } from './binding.js';
import { CARTPOLE_LEARNER_FIELDS, CARTPOLE_LEARNERS, CartpoleLabConfigSchema, type CartpoleLabConfig } from './cartpole-schema.js';
import { GridworldBackupSchema, GridworldConfigSchema, GridworldLabConfigSchema, type GRIDWORLD_ALGOS, type GridworldBackupRequest, type GridworldConfig, type GridworldLabConfig } from './gridworld-schema.js';
import type { Batch, Frame } from './events.js';
import { finite, num, range } from './schemas-core.js';
import { LabSession, type SessionOptions } from './session.js';
import { parseOrThrow } from './validate.js';

export { GRIDWORLD_ALGOS, GRIDWORLD_DP, GRIDWORLD_LEARNERS, GridworldConfigSchema, type GridworldConfig } from './gridworld-schema.js';

export type Action = 'N' | 'E' | 'S' | 'W';

export interface GridworldSolution {
  algo: (typeof GRIDWORLD_ALGOS)[number];
  rows: number;
  cols: number;
  gamma: number;
  step_reward: number;
  slip: number;
  tol: number;
  /** value-iteration sweeps, or policy-iteration improvements */
  iterations: number;
  evaluation_sweeps: number;
  converged: boolean;
  start: [number, number] | null;
  /** one row per grid row: null for walls and cliffs, 0 for terminals */
  values: (number | null)[][];
  /** one row per grid row: the greedy action, null for walls, cliffs and terminals */
  policy: (Action | null)[][];
  /** the largest change per sweep (value iteration) or per policy evaluation */
  deltas: number[];
  /** the learners: the discounted return and the moves of each episode */
  returns: number[];
  lengths: number[];
}

/** One cell's Bellman backup with its numbers (the RL lab's click on a cell): per action its outcomes and q. */
export interface GridworldBackup {
  cell: number;
  gamma: number;
  actions: { action: Action; q: number; outcomes: { next: number; p: number; reward: number; value: number }[] }[];
  best: Action;
  value: number;
}

export function gridworldBackup(request: GridworldBackupRequest): GridworldBackup {
  return native().gridworldBackup(parseOrThrow(GridworldBackupSchema, request, 'backup')) as GridworldBackup;
}

/** The live grid world's summary (labs/gridworld.hpp). */
export interface GridworldLabSummary {
  status: 'completed' | 'stopped' | 'diverged';
  algo: (typeof GRIDWORLD_ALGOS)[number];
  steps: number;
  sweeps: number;
  improvements: number;
  episodes: number;
  converged: boolean;
  values: (number | null)[][];
  policy: (Action | null)[][];
  final: { delta: number | null; return: number | null; mean_return_100: number | null; v_start: number | null };
  elapsed_ms: number;
  compute_ms: number;
  ms_per_step: number;
}

/** Starts a live grid world: streams "sweep" (DP) or "episode" (learners), frame "values". */
export function startGridworld(config: GridworldLabConfig, options: SessionOptions = {}): LabSession<GridworldLabSummary, Batch, unknown, Frame<Record<string, unknown>>> {
  return new LabSession('gridworld', parseOrThrow(GridworldLabConfigSchema, config, 'gridworld'), options);
}

/** Solves the grid world; LabError INVALID_CONFIG names the field, or the grid's line and column. */
export function solveGridworld(config: GridworldConfig): GridworldSolution {
  return native().solveGridworld(parseOrThrow(GridworldConfigSchema, config, 'gridworld')) as GridworldSolution;
}

export const CartpoleRolloutSchema = z.strictObject({
  /** [x, ẋ, θ, θ̇], θ in radians (default: all 0) */
  state: z.tuple([finite(), finite(), finite(), finite()], { message: 'four finite numbers [x, ẋ, θ, θ̇]' }).optional(),
  actions: z.array(num(range('integer', 0, 1)), { message: 'an array of actions, each 0 (push left) or 1 (push right)' }).max(100_000),
});
export type CartpoleRolloutConfig = z.input<typeof CartpoleRolloutSchema>;

export interface CartpoleRollout {
  /** the start state and the state after each action taken, [x, ẋ, θ, θ̇] */
  states: [number, number, number, number][];
  rewards: number[];
  /** the episode ended: the pole fell or the cart left the track (terminated), or 500 steps (truncated) */
  done: boolean;
  terminated: boolean;
  truncated: boolean;
  steps: number;
}

/** The classic cart-pole (CartPole-v1's equations, native/core/rl/cartpole.hpp) through the actions, to the episode's end. */
export function cartpoleRollout(config: CartpoleRolloutConfig): CartpoleRollout {
  return native().cartpoleRollout(parseOrThrow(CartpoleRolloutSchema, config, 'cartpole')) as CartpoleRollout;
}

export const RL_LEARNERS = CARTPOLE_LEARNERS;

export const RlTrainSchema = z.strictObject({
  env: z.literal('cartpole', { message: '"cartpole"' }).optional(),
  ...CARTPOLE_LEARNER_FIELDS,
});
export type RlTrainConfig = z.input<typeof RlTrainSchema>;

export interface RlTrainResult {
  env: 'cartpole';
  algo: (typeof RL_LEARNERS)[number];
  episodes: number;
  solved: boolean;
  target: number;
  seed: number;
  /** each episode's return (the steps it lasted) */
  returns: number[];
  summary: { final: { mean_return_100: number } };
}

/** Trains a learner on the cart-pole until the last 100 episodes' mean return reaches the target or the episodes run out. */
export function trainCartpole(config: RlTrainConfig): RlTrainResult {
  return native().trainCartpole(parseOrThrow(RlTrainSchema, config, 'rltrain')) as RlTrainResult;
}

export { CARTPOLE_LEARNERS, CartpoleLabConfigSchema, CartpoleLabUpdateSchema, type CartpoleLabConfig, type CartpoleLabUpdate } from './cartpole-schema.js';

/** The cart-pole session's summary (labs/cartpole.hpp): status "solved" once the target is reached. */
export interface CartpoleLabSummary {
  status: 'solved' | 'completed' | 'stopped';
  algo: (typeof RL_LEARNERS)[number];
  episodes: number;
  solved: boolean;
  target: number;
  final: { mean_return_100: number | null; return: number | null };
}

/** Starts a live cart-pole learner: stream "episode" (return, mean_return), frames "episode" and "watch". */
export function startCartpole(config: CartpoleLabConfig, options: SessionOptions = {}): LabSession<CartpoleLabSummary, Batch, unknown, Frame<Record<string, unknown>>> {
  return new LabSession('cartpole', parseOrThrow(CartpoleLabConfigSchema, config, 'cartpole'), options);
}
