/**
 * The RNN lab's schemas, pure (no Node imports: the descriptor and the renderer read them): the one-shot
 * `gradlab seq` (native/core/seq/seq_train.hpp) and the live session (native/core/labs/seq.hpp) with its
 * updates. The ranges mirror the engine's; the twin validation tests (74, 74b) check both.
 */
import { z } from 'zod';

import { OptimizerSpecSchema } from './optimizer-schema.js';
import { num, range } from './schemas-core.js';

export const SEQ_CELLS = ['rnn', 'lstm', 'gru'] as const;
export const SEQ_TASKS = ['copy', 'reverse', 'adding', 'parity', 'sine'] as const;

export const SeqConfigSchema = z.strictObject({
  text: z.string({ message: 'the text itself (UTF-8)' }).max(64 * 1024 * 1024, { message: 'a text of at most 64 MiB' }).optional(),
  task: z.enum(SEQ_TASKS, { message: `one of ${SEQ_TASKS.join(', ')}` }).optional(),
  cell: z.enum(SEQ_CELLS, { message: `one of ${SEQ_CELLS.join(', ')}` }).optional(),
  embed: num(range('integer', 1, 4096)).optional(),
  hidden: num(range('integer', 1, 4096)).optional(),
  seq_len: num(range('integer', 1, 100_000)).optional(),
  vocab: num(range('integer', 2, 1000)).optional(),
  batch_size: num(range('integer', 1, 65536)).optional(),
  steps: num(range('integer', 1, 10_000_000)).optional(),
  optimizer: OptimizerSpecSchema.optional(),
  clip: num(range('number', 0, null)).optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  eval_every: num(range('integer', 0, 10_000_000)).optional(),
  sample: num(range('integer', 0, 100_000)).optional(),
  temperature: num(range('number', 0, 100, true)).optional(),
  top_k: num(range('integer', 0, 1e9)).optional(),
}).superRefine((c, ctx) => {
  // a task's sequences are 2 to 10 000 steps long (the engine's range; a text's windows may be 1)
  if (c.task !== undefined && c.seq_len !== undefined && !(c.seq_len >= 2 && c.seq_len <= 10_000))
    ctx.addIssue({ code: 'custom', path: ['seq_len'], message: `expected an integer in [2, 10000] for a task, got ${c.seq_len}` });
});

/** The live session: the one-shot config (its samples now a frame's) and its frames. */
export const SeqLabConfigSchema = SeqConfigSchema.safeExtend({
  frames: z
    .union([
      z.boolean(),
      z.strictObject({
        every_ms: num(range('number', 0, 600_000)).optional(),
        passage: num(range('integer', 1, 2000)).optional(),
        units: num(range('integer', 1, 4096)).optional(),
      }),
    ], { message: 'false or {every_ms, passage, units}' })
    .optional(),
}).superRefine((c, ctx) => {
  if (c.task !== undefined)
    for (const k of ['sample', 'temperature', 'top_k'] as const)
      if (c[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'expected nothing: samples are drawn from a text model, not a task' });
});
export type SeqLabConfig = z.input<typeof SeqLabConfigSchema>;

export const SeqLabUpdateSchema = z.strictObject({
  set: z.strictObject({ lr: num(range('number', 0, 10, true)).optional() }).optional(),
  sampling: z.strictObject({ temperature: num(range('number', 0, 100, true)).optional(), top_k: num(range('integer', 0, 1e9)).optional() }).optional(),
  steps_per_second: num(range('number', 0, null)).optional(),
});
export type SeqLabUpdate = z.infer<typeof SeqLabUpdateSchema>;
