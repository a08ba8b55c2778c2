/**
 * The attention lab's engine (issue #12; native/core/seq/attn_train.hpp): a decoder-only transformer
 * trained on a sequence task in one synchronous call, as the CLI uses it.
 *   trainAttention({ task: 'sort', length: 8, vocab: 8, steps: 4000, seed: 1 })
 * summary.final.seq_acc is the share of 1 000 held-out sequences answered entirely right (with a text
 * instead of a task: val_bpc, as the RNN lab's); `attention`
 * holds one held-out example's maps, layer → head → rows, each row summing to 1.
 */
import { z } from 'zod';

import { native } from './binding.js';
import { OptimizerSpecSchema } from './optimizer-schema.js';
import { num, range } from './schemas-core.js';
import { parseOrThrow } from './validate.js';

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
  const heads = c.heads ?? 4, dim = c.dim ?? 64;
  if (Number.isInteger(heads) && Number.isInteger(dim) && heads >= 1 && dim % heads !== 0)
    ctx.addIssue({ code: 'custom', path: ['dim'], message: `expected a multiple of heads (${heads}), got ${dim}` });
});
export type AttentionConfig = z.input<typeof AttentionConfigSchema>;

export interface AttentionResult {
  summary: {
    status: 'done' | 'diverged';
    steps: number;
    parameters: number;
    ms_per_step: number;
    /** tasks: seq_acc and token_acc; text: val_bpc */
    final: { train_loss: number | null; val_loss: number; seq_acc?: number; token_acc?: number; val_bpc?: number };
  };
  curves: { step: number[]; train_loss: number[] };
  evals: { step: number[]; val_loss: number[]; seq_acc?: number[]; token_acc?: number[]; val_bpc?: number[] };
  /** tasks: per answer position, the share of held-out sequences right there */
  acc_by_position?: number[];
  /** one held-out example: layer → head → rows (query position) of weights over key positions */
  attention: number[][][][];
  example: { tokens: number[]; predicted: number[]; text: string; predicted_text: string };
  /** the sinusoidal encoding, one row per input position */
  positional: number[][];
  seq_len: number;
  task?: (typeof ATTENTION_TASKS)[number];
  length?: number;
  vocab?: number;
  answer_tokens?: number;
  /** text: the characters, and the training part's unigram entropy */
  vocab_size?: number;
  unigram_bpc?: number;
}

export function trainAttention(config: AttentionConfig): AttentionResult {
  return native().trainAttention(parseOrThrow(AttentionConfigSchema, config, 'attention')) as AttentionResult;
}
