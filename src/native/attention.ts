/**
 * The attention lab's engine (issue #12; native/core/seq/attn_train.hpp): a decoder-only transformer
 * trained on a sequence task in one synchronous call, as the CLI uses it.
 *   trainAttention({ task: 'sort', length: 8, vocab: 8, steps: 4000, seed: 1 })
 * summary.final.seq_acc is the share of 1 000 held-out sequences answered entirely right (with a text
 * instead of a task: val_bpc, as the RNN lab's); `attention`
 * holds one held-out example's maps, layer → head → rows, each row summing to 1.
 */
import type { z } from 'zod';

import { native } from './binding.js';
import { AttentionConfigSchema, AttentionLabConfigSchema, type ATTENTION_TASKS, type AttentionLabConfig } from './attention-schema.js';
import type { Batch, Frame } from './events.js';
import { LabSession, type SessionOptions } from './session.js';
import { parseOrThrow } from './validate.js';

export { ATTENTION_TASKS, AttentionConfigSchema, AttentionLabConfigSchema, AttentionLabUpdateSchema, type AttentionLabConfig } from './attention-schema.js';

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

/**
 * Starts a live attention-lab session: streams "batch" (step, loss) and "eval" (step, val_loss, seq_acc
 * and token_acc, or val_bpc); frames "attention", "by_position" and "positions"; update({input}) shows a
 * prompt of one's own.
 */
export function startAttention(config: AttentionLabConfig, options: SessionOptions = {}): LabSession<Record<string, unknown>, Batch, unknown, Frame<Record<string, unknown>>> {
  return new LabSession('attention', parseOrThrow(AttentionLabConfigSchema, config, 'attention'), options);
}
