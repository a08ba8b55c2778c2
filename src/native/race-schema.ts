/**
 * zod schemas of the optimizer race: its config and its live updates.
 */
import { z } from 'zod';

import { FunctionSpecSchema } from './landscape-schema.js';
import { OptimizerSpecSchema } from './optimizer-schema.js';
import { finite, num, range } from './schemas-core.js';
import { parseOrThrow } from './validate.js';

// ---- the optimizer race ---------------------------------------------------------------------------
export const MAX_RACE_STEPS = 10_000_000;

export const RaceConfigSchema = z.strictObject({
  function: FunctionSpecSchema,
  start: z.tuple([finite(), finite()], { message: 'an array of two finite numbers [x, y]' }).optional(),
  steps: num(range('integer', 1, MAX_RACE_STEPS)).default(1000),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).default(1),
  noise: z.strictObject({ sigma: num(range('number', 0, null)) }).optional(),
  stop: z
    .strictObject({
      grad_tol: num(range('number', 0, null)).optional(),
      f_target: finite().optional(),
      diverge_bound: num(range('number', 0, null, true)).optional(),
    })
    .optional(),
  optimizers: z
    .array(OptimizerSpecSchema, { message: 'an array of optimizers' })
    .min(1, { message: '1 to 16 optimizers' })
    .max(16, { message: '1 to 16 optimizers' }),
});
export type RaceConfig = z.input<typeof RaceConfigSchema>;
export type ParsedRaceConfig = z.output<typeof RaceConfigSchema>;

export const RaceUpdateSchema = z.strictObject({
  optimizer: num(range('integer', 0, 15)).optional(),
  set: z.record(z.string(), z.union([z.number(), z.boolean()])).optional(),
  noise: z.strictObject({ sigma: num(range('number', 0, null)) }).optional(),
  steps_per_second: num(range('number', 0, null)).optional(),
});
export type RaceUpdate = z.infer<typeof RaceUpdateSchema>;

export const parseRaceUpdate = (input: unknown): RaceUpdate => parseOrThrow(RaceUpdateSchema, input, 'update');
