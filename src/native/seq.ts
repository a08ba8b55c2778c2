/**
 * The RNN lab's engine (issue #12; native/core/seq/seq_train.hpp): an RNN, LSTM or GRU trained on a
 * text (a character model) or on a sequence task, in one synchronous call, as the CLI uses it.
 *   trainSeq({ text: '…', cell: 'lstm', embed: 32, hidden: 128, seq_len: 64, steps: 2000 })
 *   trainSeq({ task: 'copy', seq_len: 8, vocab: 8, steps: 3000 })
 * summary.final holds val_bpc (text: bits per character over the whole validation part, the state
 * carried across windows), acc (copy, reverse, adding, parity: the share of outputs right) or val_mse (sine).
 */
import { z } from 'zod';

import { native } from './binding.js';
import { OptimizerSpecSchema } from './optimizer-schema.js';
import { num, range } from './schemas-core.js';
import { parseOrThrow } from './validate.js';

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
export type SeqConfig = z.input<typeof SeqConfigSchema>;

export interface SeqResult {
  summary: {
    status: 'done' | 'diverged';
    steps: number;
    parameters: number;
    ms_per_step: number;
    final: { train_loss: number | null; val_loss: number | null; val_bpc?: number | null; acc?: number | null; val_mse?: number | null };
  };
  /** the training loss, means over buckets of steps (at most 2 000 points) */
  curves: { step: number[]; train_loss: number[] };
  /** the held-out scores every eval_every steps and at the end */
  evals: { step: number[]; val_loss: number[]; val_bpc?: number[]; acc?: number[]; val_mse?: number[] };
  /** the last step's gradient norm ‖dL/dh_t‖ at each time step t */
  grad_norm_through_time: number[];
  cell: (typeof SEQ_CELLS)[number];
  seq_len: number;
  task?: (typeof SEQ_TASKS)[number];
  vocab_size?: number;
  train_chars?: number;
  val_chars?: number;
  /** the training part's unigram entropy, and the validation part's bits under those frequencies (add-one) */
  unigram_bpc?: number;
  unigram_val_bpc?: number;
  sample?: string;
}

export function trainSeq(config: SeqConfig): SeqResult {
  return native().trainSeq(parseOrThrow(SeqConfigSchema, config, 'seq')) as SeqResult;
}
