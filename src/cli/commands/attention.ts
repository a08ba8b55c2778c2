/**
 * `gradlab attention`: trains a small decoder-only transformer on a sequence task and prints how well it
 * answers (issue #12).
 *   gradlab attention --task copy|reverse|sort|addition|repeat --length L --vocab V [--layers --heads --dim] --steps N --seed S --format json
 *   gradlab attention --text FILE --seq-len T …   (a character model: summary.final.val_bpc, as `gradlab seq`)
 *   json:  {summary: {final: {seq_acc (the share of 1 000 held-out sequences entirely right), token_acc,
 *          val_loss}}, evals, curves, acc_by_position, attention: layer → head → rows (one held-out example,
 *          each row summing to 1), example: {text, predicted_text}, positional, config}
 *   csv:   the evaluations;  table: the final scores and the example.
 * Addition: --length N digits per operand in base 10, the answer least-significant digit first.
 */
import type { Command } from 'commander';
import { Option } from 'commander';

import { ATTENTION_TASKS, trainAttention, type AttentionConfig } from '../../native/attention.js';
import { LabError } from '../../native/errors.js';
import { csv, json, table, type Format } from '../format.js';
import { attentionLab } from '../../labs/attention.js';
import type { SaveArgs } from '../live-run.js';
import { formatOption, int, number } from '../option-parsers.js';
import { savedLabCommand } from '../saved-lab-run.js';
import { addSaveOptions } from '../store-commands.js';
import { parseOptimizer } from '../parse-args.js';
import { readUtf8Text } from '../text-file.js';

export interface AttentionArgs extends Partial<SaveArgs> {
  save?: boolean;
  task?: (typeof ATTENTION_TASKS)[number];
  text?: string;
  seqLen?: number;
  length?: number;
  vocab?: number;
  layers?: number;
  heads?: number;
  dim?: number;
  positions?: 'sinusoidal' | 'learned';
  dropout?: number;
  batch?: number;
  steps?: number;
  opt?: string;
  clip?: number;
  seed: number;
  format: Format;
}

export function attentionConfig(a: AttentionArgs): AttentionConfig {
  if (a.task === 'addition' && a.vocab !== undefined && a.vocab !== 10) throw new LabError('--vocab: addition is in base 10 (leave --vocab out)', 'INVALID_CONFIG');
  if (a.text !== undefined) {
    for (const [flag, v] of [['--task', a.task], ['--length', a.length], ['--vocab', a.vocab]] as const)
      if (v !== undefined) throw new LabError(`${flag}: not with --text (a text run takes --seq-len)`, 'INVALID_CONFIG');
  } else if (a.seqLen !== undefined) throw new LabError('--seq-len: only with --text (a task\'s length is --length)', 'INVALID_CONFIG');
  return {
    ...(a.text !== undefined ? { text: readUtf8Text(a.text, '--text') } : { task: a.task ?? 'copy' }),
    ...(a.seqLen !== undefined ? { seq_len: a.seqLen } : {}),
    ...(a.length !== undefined ? { length: a.length } : {}),
    ...(a.vocab !== undefined ? { vocab: a.vocab } : {}),
    ...(a.layers !== undefined ? { layers: a.layers } : {}),
    ...(a.heads !== undefined ? { heads: a.heads } : {}),
    ...(a.dim !== undefined ? { dim: a.dim } : {}),
    ...(a.positions !== undefined ? { positions: a.positions } : {}),
    ...(a.dropout !== undefined ? { dropout: a.dropout } : {}),
    ...(a.batch !== undefined ? { batch_size: a.batch } : {}),
    ...(a.steps !== undefined ? { steps: a.steps } : {}),
    ...(a.opt !== undefined ? { optimizer: parseOptimizer(a.opt, 0) } : {}),
    ...(a.clip !== undefined ? { clip: a.clip } : {}),
    seed: a.seed,
  };
}

function printableConfig(config: AttentionConfig, a: AttentionArgs): unknown {
  const { text, ...rest } = config;
  return text !== undefined ? { ...rest, text: a.text, chars: [...text].length } : rest;
}

/** With --save, the attention lab's session runs through the experiment store (saved-lab-run.ts). */
export async function attentionCommandMaybeSaved(a: AttentionArgs): Promise<string> {
  if (!a.save) return attentionCommand(a);
  const config = attentionConfig(a);
  return savedLabCommand(attentionLab, config, { ...a, tag: a.tag ?? [] }, { printable: printableConfig(config, a) });
}

export function attentionCommand(a: AttentionArgs): string {
  const config = attentionConfig(a);
  const r = trainAttention(config);
  const printable = printableConfig(config, a);
  if (a.format === 'json') return json({ config: printable, ...r });
  const f = r.summary.final;
  if (r.evals.val_bpc) {
    if (a.format === 'csv') return csv(['step', 'val_loss', 'val_bpc'], r.evals.step.map((s, i) => [s, r.evals.val_loss[i]!, r.evals.val_bpc![i]!]));
    return (
      `${r.summary.status}: text, windows of ${r.seq_len}, ${r.summary.steps} steps, ${r.summary.parameters} parameters, ${r.summary.ms_per_step.toFixed(2)} ms per step\n\n` +
      table(['val bpc', 'unigram bpc', 'val loss'], [[f.val_bpc!, r.unigram_bpc!, f.val_loss]])
    );
  }
  if (a.format === 'csv') return csv(['step', 'val_loss', 'seq_acc', 'token_acc'], r.evals.step.map((s, i) => [s, r.evals.val_loss[i]!, r.evals.seq_acc![i]!, r.evals.token_acc![i]!]));
  return (
    `${r.summary.status}: ${r.task}, length ${r.length}, ${r.summary.steps} steps, ${r.summary.parameters} parameters, ${r.summary.ms_per_step.toFixed(2)} ms per step\n\n` +
    table(['sequences right', 'tokens right', 'val loss'], [[`${(f.seq_acc! * 100).toFixed(1)} %`, `${(f.token_acc! * 100).toFixed(1)} %`, f.val_loss]]) +
    `\nexample:   ${r.example.text}\npredicted: ${r.example.predicted_text}\n`
  );
}

export function registerAttention(program: Command, done: (text: string) => void): void {
  addSaveOptions(program
    .command('attention'))
    .description('train a small transformer on a sequence task and print how many held-out sequences it gets entirely right')
    .addOption(new Option('--task <task>', 'the task (default copy)').choices([...ATTENTION_TASKS]))
    .option('--text <file>', 'a character model on a UTF-8 text instead of a task (the RNN lab\'s rules: the last 10 % is validation)')
    .option('--seq-len <t>', 'with --text: the window (default 64)', int('--seq-len', 1, 4096))
    .option('--length <l>', 'symbols in a sequence; addition: digits per operand (default 8)', int('--length', 2, 256))
    .option('--vocab <v>', 'content symbols, separators not counted (default 8; addition: 10)', int('--vocab', 2, 1000))
    .option('--layers <n>', 'transformer blocks (default 2)', int('--layers', 1, 24))
    .option('--heads <n>', 'attention heads per block (default 4)', int('--heads', 1, 64))
    .option('--dim <d>', 'model width, a multiple of the heads (default 64)', int('--dim', 1, 4096))
    .addOption(new Option('--positions <kind>', 'positional encoding (default sinusoidal)').choices(['sinusoidal', 'learned']))
    .option('--dropout <p>', 'dropout on each block\'s outputs while training (default 0)', number('--dropout'))
    .option('--batch <b>', 'sequences per step (default 64)', int('--batch', 1, 65536))
    .option('--steps <n>', 'training steps (default 4000)', int('--steps', 1, 10_000_000))
    .option('--opt <type[:k=v,…]>', 'the optimizer (default adam at 0.001, warmed up over 5 % of the steps, cosine decay to a tenth)')
    .option('--clip <norm>', 'clip the gradient to this global norm (default 1; 0: off)', number('--clip'))
    .option('--seed <n>', 'seed of the weights and the sequences', int('--seed', 0, Number.MAX_SAFE_INTEGER), 1)
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => done(await attentionCommandMaybeSaved(cmd.optsWithGlobals<AttentionArgs>())));
}
