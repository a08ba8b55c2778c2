/**
 * The cart-pole session's schemas, pure (no Node imports: the descriptor and the renderer read them):
 * a learner trained an episode a step (native/core/labs/cartpole.hpp) and its live updates. The ranges
 * mirror the engine's; the twin validation test (74) checks both.
 */
import { z } from 'zod';

import { finite, num, range } from './schemas-core.js';

export const CARTPOLE_LEARNERS = ['reinforce', 'a2c', 'dqn'] as const;

/** A cart-pole learner's settings, as `gradlab rl train` and the session both read them (rl/cartpole_learn.hpp read_pg_config). */
export const CARTPOLE_LEARNER_FIELDS = {
  algo: z.enum(CARTPOLE_LEARNERS, { message: `one of ${CARTPOLE_LEARNERS.join(', ')}` }).optional(),
  episodes: num(range('integer', 1, 1_000_000)).optional(),
  /** stop once the mean of the last 100 returns reaches this (default 475) */
  target: finite().optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  gamma: num(range('number', 0, 1)).optional(),
  lr: num(range('number', 0, null, true)).optional(),
  hidden: num(range('integer', 1, 4096)).optional(),
};

export const CartpoleLabConfigSchema = z.strictObject({
  ...CARTPOLE_LEARNER_FIELDS,
  frames: z.union([z.boolean(), z.strictObject({ every_ms: num(range('number', 0, 600_000)).optional() })], { message: 'false or {every_ms}' }).optional(),
});
export type CartpoleLabConfig = z.input<typeof CartpoleLabConfigSchema>;

export const CartpoleLabUpdateSchema = z.strictObject({
  set: z.strictObject({ lr: num(range('number', 0, null, true)).optional() }).optional(),
  /** an episode of the greedy policy now (frame "watch") */
  watch: z.boolean().optional(),
  steps_per_second: num(range('number', 0, null)).optional(),
});
export type CartpoleLabUpdate = z.infer<typeof CartpoleLabUpdateSchema>;
