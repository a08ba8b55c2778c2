/**
 * The grid world's schemas, pure (no Node imports: the RL lab's descriptor and the renderer read them):
 * the one-shot `gradlab rl gridworld` (native/core/rl/gridworld_solve.hpp), the live session
 * (native/core/labs/gridworld.hpp) with its updates, and one cell's backup. The ranges mirror the
 * engine's; the twin validation test (74) checks both.
 */
import { z } from 'zod';

import { finite, num, range } from './schemas-core.js';

export const GRIDWORLD_DP = ['value-iteration', 'policy-iteration'] as const;
export const GRIDWORLD_LEARNERS = ['monte-carlo', 'q-learning', 'sarsa', 'expected-sarsa', 'dyna-q', 'sarsa-lambda'] as const;
export const GRIDWORLD_ALGOS = [...GRIDWORLD_DP, ...GRIDWORLD_LEARNERS] as const;

export const GridworldConfigSchema = z.strictObject({
  grid: z.string({ message: 'the grid as text, one line per row of . # S G X C' }).min(1, { message: 'a non-empty grid' }).max(2_000_000, { message: 'a grid of at most 2 MB of text' }),
  algo: z.enum(GRIDWORLD_ALGOS, { message: `one of ${GRIDWORLD_ALGOS.join(', ')}` }).optional(),
  gamma: num(range('number', 0, 1)).optional(),
  step_reward: finite().optional(),
  slip: num(range('number', 0, 1)).optional(),
  tol: num(range('number', 0, null, true)).optional(),
  /** the learners: exploration, step size, episodes, their Rng's seed, Dyna-Q's planning steps, a cap on an episode's moves (0: 20 × the cells) */
  epsilon: num(range('number', 0, 1)).optional(),
  alpha: num(range('number', 0, 1, true)).optional(),
  episodes: num(range('integer', 1, 10_000_000)).optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  planning: num(range('integer', 0, 1000)).optional(),
  /** sarsa-lambda: the traces' decay λ (default 0.9) */
  lambda: num(range('number', 0, 1)).optional(),
  max_steps: num(range('integer', 0, 10_000_000)).optional(),
});
export type GridworldConfig = z.input<typeof GridworldConfigSchema>;


const LEARNER_ONLY = ['epsilon', 'alpha', 'episodes', 'seed', 'planning', 'max_steps', 'lambda'] as const;

/** The live session: the one-shot config and its frames; a field only learners take is refused for dynamic programming. */
export const GridworldLabConfigSchema = GridworldConfigSchema.safeExtend({
  frames: z.union([z.boolean(), z.strictObject({ every_ms: num(range('number', 0, 600_000)).optional() })], { message: 'false or {every_ms}' }).optional(),
}).superRefine((c, ctx) => {
  const dp = c.algo === undefined || (GRIDWORLD_DP as readonly string[]).includes(c.algo);
  for (const k of LEARNER_ONLY)
    if (c[k] !== undefined && dp) ctx.addIssue({ code: 'custom', path: [k], message: 'expected nothing: only the model-free learners take it' });
  if (c.lambda !== undefined && !dp && c.algo !== 'sarsa-lambda') ctx.addIssue({ code: 'custom', path: ['lambda'], message: 'expected nothing: only sarsa-lambda takes it' });
});
export type GridworldLabConfig = z.input<typeof GridworldLabConfigSchema>;

export const GridworldLabUpdateSchema = z.strictObject({
  set: z
    .strictObject({
      gamma: num(range('number', 0, 1)).optional(),
      epsilon: num(range('number', 0, 1)).optional(),
      alpha: num(range('number', 0, 1, true)).optional(),
    })
    .optional(),
  steps_per_second: num(range('number', 0, null)).optional(),
});
export type GridworldLabUpdate = z.infer<typeof GridworldLabUpdateSchema>;

export const GridworldBackupSchema = z.strictObject({
  grid: GridworldConfigSchema.shape.grid,
  gamma: num(range('number', 0, 1)).optional(),
  step_reward: finite().optional(),
  slip: num(range('number', 0, 1)).optional(),
  /** one per cell, row by row (null for walls and cliffs) */
  values: z.array(z.union([finite(), z.null()])).max(1_000_000),
  cell: num(range('integer', 0, 1_000_000)),
});
export type GridworldBackupRequest = z.input<typeof GridworldBackupSchema>;
