/**
 * The attention lab's schemas, pure (no Node imports: the descriptor and the renderer read them): the
 * one-shot `gradlab attention` (native/core/seq/attn_train.hpp) and the live session
 * (native/core/labs/attention.hpp) with its updates. The ranges mirror the engine's; the twin
 * validation tests (74, 74b) check both.
 */
import { z } from 'zod';

import { OptimizerSpecSchema } from './optimizer-schema.js';
import { num, range } from './schemas-core.js';

export const ATTENTION_TASKS = ['copy', 'reverse', 'sort', 'addition', 'repeat'] as const;

export const AttentionConfigSchema = z.strictObject({
  task: z.enum(ATTENTION_TASKS, { message: `one of ${ATTENTION_TASKS.join(', ')}` }).optional(),
  /** a character model instead of a task: the text itself (UTF-8), windows of seq_len */
  text: z.string({ message: 'the text itself (UTF-8)' }).max(64 * 1024 * 1024, { message: 'a text of at most 64 MiB' }).optional(),
  seq_len: num(range('integer', 1, 4096)).optional(),
  length: num(range('integer', 2, 256)).optional(),
  vocab: num(range('integer', 2, 1000)).optional(),
  layers: num(range('integer', 1, 24)).optional(),
  heads: num(range('integer', 1, 64)).optional(),
  dim: num(range('integer', 1, 4096)).optional(),
  positions: z.enum(['sinusoidal', 'learned'], { message: '"sinusoidal" or "learned"' }).optional(),
  dropout: num(range('number', 0, 1, false, true)).optional(),
  batch_size: num(range('integer', 1, 65536)).optional(),
  steps: num(range('integer', 1, 10_000_000)).optional(),
  optimizer: OptimizerSpecSchema.optional(),
  clip: num(range('number', 0, null)).optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  eval_every: num(range('integer', 0, 10_000_000)).optional(),
}).superRefine((c, ctx) => {
  // a task's settings and a text's exclude each other, as the engine reads them
  if (c.text !== undefined) {
    for (const k of ['task', 'length', 'vocab'] as const)
      if (c[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'expected nothing: a text run takes seq_len, not a task\'s settings' });
  } else if (c.seq_len !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['seq_len'], message: "expected nothing: a task's length is `length`" });
  }
  const heads = c.heads ?? 4, dim = c.dim ?? 64;
  if (Number.isInteger(heads) && Number.isInteger(dim) && heads >= 1 && dim % heads !== 0)
    ctx.addIssue({ code: 'custom', path: ['dim'], message: `expected a multiple of heads (${heads}), got ${dim}` });
});

/** The live session: the one-shot config and its frames. */
export const AttentionLabConfigSchema = AttentionConfigSchema.safeExtend({
  frames: z.union([z.boolean(), z.strictObject({ every_ms: num(range('number', 0, 600_000)).optional() })], { message: 'false or {every_ms}' }).optional(),
});
export type AttentionLabConfig = z.input<typeof AttentionLabConfigSchema>;

export const AttentionLabUpdateSchema = z.strictObject({
  set: z.strictObject({ lr: num(range('number', 0, 10, true)).optional() }).optional(),
  /** a task's prompt (its symbols), a text's characters, or null: back to the held-out example */
  input: z.union([z.array(num(range('integer', 0, 1e6))), z.string(), z.null()]).optional(),
  steps_per_second: num(range('number', 0, null)).optional(),
});
