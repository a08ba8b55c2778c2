/**
 * The self-play agent (AlphaZero-style, issue #14; native/core/az/): training it (one synchronous call,
 * scripts/train-az.mjs makes the shipped networks) and reading a shipped network
 * (assets/agents/az-<game>.bin, with the history of its training in az-<game>.json).
 *   trainAz({ game: 'tictactoe', iterations: 150, games: 50, simulations: 100, seed: 1 })
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { native, packageRoot } from './binding.js';
import { LabError } from './errors.js';
import { num, range } from './schemas-core.js';
import { parseOrThrow } from './validate.js';

export const AZ_GAMES = ['tictactoe', 'connect4'] as const;
export type AzGame = (typeof AZ_GAMES)[number];

export const AzTrainSchema = z.strictObject({
  game: z.enum(AZ_GAMES, { message: `one of ${AZ_GAMES.join(', ')}` }).optional(),
  iterations: num(range('integer', 1, 1e6)).optional(),
  games: num(range('integer', 1, 1e5)).optional(),
  simulations: num(range('integer', 1, 1e5)).optional(),
  c_puct: num(range('number', 0, null, true)).optional(),
  temperature_moves: num(range('integer', 0, 100)).optional(),
  noise_alpha: num(range('number', 0, null)).optional(),
  noise_eps: num(range('number', 0, 1)).optional(),
  buffer: num(range('integer', 1, 1e7)).optional(),
  batch: num(range('integer', 1, 65536)).optional(),
  train_steps: num(range('integer', 0, 1e6)).optional(),
  lr: num(range('number', 0, null, true)).optional(),
  l2: num(range('number', 0, null)).optional(),
  hidden: num(range('integer', 1, 4096)).optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  /** stop after the iteration that passes this many seconds (0: no limit) */
  seconds: num(range('number', 0, null)).optional(),
  eval_simulations: num(range('integer', 1, 1e5)).optional(),
});
export type AzTrainConfig = z.input<typeof AzTrainSchema>;

export interface AzIteration {
  iteration: number;
  positions: number;
  policy_loss: number;
  value_loss: number;
  seconds: number;
  /** score against a uniformly random player: wins + ½ draws per game (10 games) */
  vs_random: number;
  /** tic-tac-toe: games lost to perfect play as x and as o (of 2); null for connect four */
  minimax_losses: number | null;
}

export interface AzTrainResult {
  game: AzGame;
  hidden: number;
  weights: Uint8Array;
  history: AzIteration[];
  iterations: number;
  seconds: number;
}

export function trainAz(config: AzTrainConfig): AzTrainResult {
  return native().trainAz(parseOrThrow(AzTrainSchema, config, 'azt')) as AzTrainResult;
}

const agentPath = (game: AzGame, ext: 'bin' | 'json') => path.join(packageRoot(), 'assets', 'agents', `az-${game}.${ext}`);

/** The shipped network of a game; LabError NOT_FOUND when it is missing. */
export function shippedAzWeights(game: AzGame): Uint8Array {
  const file = agentPath(game, 'bin');
  if (!existsSync(file)) throw new LabError(`agent az: no trained network for ${game} (${file} is missing; scripts/train-az.mjs makes it)`, 'NOT_FOUND');
  return new Uint8Array(readFileSync(file));
}

/** How the shipped network of a game was trained (its settings and each iteration's scores), or null. */
export function shippedAzHistory(game: AzGame): { settings: Record<string, unknown>; seconds: number; history: AzIteration[] } | null {
  const file = agentPath(game, 'json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { settings: Record<string, unknown>; seconds: number; history: AzIteration[] }) : null;
}
