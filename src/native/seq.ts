/**
 * The RNN lab's engine (issue #12; native/core/seq/seq_train.hpp): an RNN, LSTM or GRU trained on a
 * text (a character model) or on a sequence task, in one synchronous call, as the CLI uses it.
 *   trainSeq({ text: '…', cell: 'lstm', embed: 32, hidden: 128, seq_len: 64, steps: 2000 })
 *   trainSeq({ task: 'copy', seq_len: 8, vocab: 8, steps: 3000 })
 * summary.final holds val_bpc (text: bits per character over the whole validation part, the state
 * carried across windows), acc (copy, reverse, adding, parity: the share of outputs right) or val_mse (sine).
 */
import type { z } from 'zod';

import { native } from './binding.js';
import type { Batch, Frame } from './events.js';
import { SeqConfigSchema, SeqLabConfigSchema, type SEQ_CELLS, type SEQ_TASKS, type SeqLabConfig } from './seq-schema.js';
import { LabSession, type SessionOptions } from './session.js';
import { parseOrThrow } from './validate.js';

export { SEQ_CELLS, SEQ_TASKS, SeqConfigSchema, SeqLabConfigSchema, SeqLabUpdateSchema, type SeqLabConfig, type SeqLabUpdate } from './seq-schema.js';

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

/** The live session's summary (labs/seq.hpp). */
export interface SeqLabSummary {
  status: 'completed' | 'stopped' | 'diverged';
  steps: number;
  seq_len: number;
  cell: (typeof SEQ_CELLS)[number];
  final: { train_loss: number | null; val_loss: number | null; val_bpc?: number | null; acc?: number | null; val_mse?: number | null };
  vocab_size?: number;
  unigram_bpc?: number;
  task?: (typeof SEQ_TASKS)[number];
  elapsed_ms: number;
  compute_ms: number;
  ms_per_step: number;
}

/**
 * Starts a live RNN-lab session: streams "batch" (step, loss, bpc for a text) and "eval" (step, val_loss,
 * val_bpc | acc | val_mse); frames "gradients", and "sample" and "hidden" (text) or "example" (tasks).
 */
export function startSeq(config: SeqLabConfig, options: SessionOptions = {}): LabSession<SeqLabSummary, Batch, unknown, Frame<Record<string, unknown>>> {
  return new LabSession('seq', parseOrThrow(SeqLabConfigSchema, config, 'seq'), options);
}
