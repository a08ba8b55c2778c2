/**
 * zod schemas of an optimizer spec and its learning-rate schedule, shared by every lab that trains:
 * the types and hyper-parameter ranges come from catalog.ts (generated from the engine's tables).
 */
import { z } from 'zod';

import { OPTIMIZERS, type HyperMeta } from './catalog.js';
import { inRange, num, range, rangeText } from './schemas-core.js';

export type OptimizerType = (typeof OPTIMIZERS)[number]['type'];
type OptimizerMetaOf<T extends OptimizerType> = Extract<(typeof OPTIMIZERS)[number], { type: T }>;
export type HyperNameOf<T extends OptimizerType> = OptimizerMetaOf<T>['hypers'][number]['name'];

// ---- learning-rate schedules ----------------------------------------------------------------------
export const ScheduleSchema = z.strictObject({
  type: z.enum(['constant', 'step', 'exponential', 'cosine'], {
    message: '"constant", "step", "exponential" or "cosine"',
  }),
  step_size: num(range('integer', 1, null)).optional(),
  gamma: num(range('number', 0, null, true)).optional(),
  total: num(range('integer', 1, null)).optional(),
  min_factor: num(range('number', 0, 1)).optional(),
  warmup: num(range('integer', 0, null)).optional(),
});
export type ScheduleSpec = z.infer<typeof ScheduleSchema>;

// ---- optimizers -----------------------------------------------------------------------------------
const RESERVED = new Set(['type', 'name', 'schedule']);
const optimizerTypes = OPTIMIZERS.map((o) => o.type).join(', ');

export type OptimizerSpec = {
  [T in OptimizerType]: { type: T; name?: string; schedule?: ScheduleSpec } & { [K in HyperNameOf<T>]?: number | boolean };
}[OptimizerType];

export const OptimizerSpecSchema = z
  .looseObject({
    type: z.string({ message: 'an optimizer type (a string)' }),
    name: z.string({ message: 'a display name (a string)' }).max(80, { message: 'a name of at most 80 characters' }).optional(),
    schedule: ScheduleSchema.optional(),
  })
  .superRefine((o, ctx) => {
    const meta = OPTIMIZERS.find((m) => m.type === o.type);
    if (!meta) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `unknown optimizer ${JSON.stringify(o.type)}; expected one of: ${optimizerTypes}`,
        params: { labCode: 'UNKNOWN_OPTIMIZER' },
      });
      return;
    }
    for (const [key, value] of Object.entries(o)) {
      if (RESERVED.has(key)) continue;
      const h = (meta.hypers as readonly HyperMeta[]).find((x) => x.name === key);
      if (!h) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${meta.type} has no hyper-parameter "${key}"; expected one of: ${meta.hypers.map((x) => x.name).join(', ')}`,
          params: { labCode: 'UNKNOWN_HYPERPARAMETER' },
        });
      } else if (!inRange(value, h)) {
        ctx.addIssue({ code: 'custom', path: [key], message: rangeText(h) });
      }
    }
  }) as unknown as z.ZodType<OptimizerSpec>;
