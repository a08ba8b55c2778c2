/**
 * `gradlab seq`: trains an RNN, LSTM or GRU on a text or on a sequence task and prints its scores
 * (issue #12).
 *   gradlab seq --text FILE --cell rnn|lstm|gru --embed E --hidden H --seq-len T --batch B --steps N --opt adam:lr=… --seed S --format json
 *   gradlab seq --task copy|reverse|adding|parity|sine [--seq-len L --vocab V] … --format json
 * Text: a character model (embedding → cell → linear to the vocabulary); the last 10 % of the text is
 * validation; summary.final.val_bpc is its mean cross-entropy in bits per character, read in consecutive
 * windows of --seq-len with the state carried. --sample 300 --temperature 0.8 [--top-k K] puts text drawn
 * from the final model in `sample`.
 * Tasks: summary.final.acc (the share of outputs right; adding: error under 0.04) or val_mse (sine).
 *   json:  {summary, curves: {step, train_loss}, evals: {step, val_loss, val_bpc | acc | val_mse},
 *          grad_norm_through_time, sample?, unigram_bpc?, config}
 *   csv:   the evaluations, one row each;  table: the final numbers (and the sample).
 */
import type { Command } from 'commander';
import { Option } from 'commander';

import { LabError } from '../../native/errors.js';
import { SEQ_CELLS, SEQ_TASKS, trainSeq, type SeqConfig } from '../../native/seq.js';
import { csv, json, table, type Format } from '../format.js';
import { seqLab } from '../../labs/seq.js';
import { formatOption, int, number } from '../option-parsers.js';
import { savedLabCommand } from '../saved-lab-run.js';
import { addSaveOptions } from '../store-commands.js';
import type { SaveArgs } from '../live-run.js';
import { parseOptimizer } from '../parse-args.js';
import { readUtf8Text } from '../text-file.js';

export interface SeqArgs extends Partial<SaveArgs> {
  save?: boolean;
  text?: string;
  task?: (typeof SEQ_TASKS)[number];
  cell?: (typeof SEQ_CELLS)[number];
  embed?: number;
  hidden?: number;
  seqLen?: number;
  vocab?: number;
  batch?: number;
  steps?: number;
  opt?: string;
  clip?: number;
  seed: number;
  sample?: number;
  temperature?: number;
  topK?: number;
  format: Format;
}

export function seqConfig(a: SeqArgs): SeqConfig {
  if ((a.text === undefined) === (a.task === undefined)) throw new LabError('--text FILE or --task NAME: give one of them', 'INVALID_CONFIG');
  const text = a.text !== undefined ? readUtf8Text(a.text, '--text') : undefined;
  if (a.text === undefined) {
    for (const [flag, v] of [['--sample', a.sample], ['--temperature', a.temperature], ['--top-k', a.topK]] as const)
      if (v !== undefined) throw new LabError(`${flag}: only with --text (samples come from a character model)`, 'INVALID_CONFIG');
  }
  if (a.vocab !== undefined && a.task !== 'copy' && a.task !== 'reverse') throw new LabError('--vocab: only with --task copy or reverse', 'INVALID_CONFIG');
  return {
    ...(text !== undefined ? { text } : { task: a.task! }),
    ...(a.cell !== undefined ? { cell: a.cell } : {}),
    ...(a.embed !== undefined ? { embed: a.embed } : {}),
    ...(a.hidden !== undefined ? { hidden: a.hidden } : {}),
    ...(a.seqLen !== undefined ? { seq_len: a.seqLen } : {}),
    ...(a.vocab !== undefined ? { vocab: a.vocab } : {}),
    ...(a.batch !== undefined ? { batch_size: a.batch } : {}),
    ...(a.steps !== undefined ? { steps: a.steps } : {}),
    ...(a.opt !== undefined ? { optimizer: parseOptimizer(a.opt, 0) } : {}),
    ...(a.clip !== undefined ? { clip: a.clip } : {}),
    seed: a.seed,
    ...(a.sample !== undefined ? { sample: a.sample } : {}),
    ...(a.temperature !== undefined ? { temperature: a.temperature } : {}),
    ...(a.topK !== undefined ? { top_k: a.topK } : {}),
  };
}

function printableConfig(config: SeqConfig, a: SeqArgs): unknown {
  const { text, ...rest } = config;
  return text !== undefined ? { ...rest, text: a.text, chars: [...text].length } : rest;
}

/** With --save, the RNN lab's session runs through the experiment store (saved-lab-run.ts). */
export async function seqCommandMaybeSaved(a: SeqArgs): Promise<string> {
  if (!a.save) return seqCommand(a);
  const config = seqConfig(a);
  return savedLabCommand(seqLab, config, { ...a, tag: a.tag ?? [] }, { printable: printableConfig(config, a) });
}

export function seqCommand(a: SeqArgs): string {
  const config = seqConfig(a);
  const r = trainSeq(config);
  const printable = printableConfig(config, a);
  if (a.format === 'json') return json({ config: printable, ...r });
  const metric = r.evals.val_bpc ? 'val_bpc' : r.evals.acc ? 'acc' : 'val_mse';
  if (a.format === 'csv') return csv(['step', 'val_loss', metric], r.evals.step.map((s, i) => [s, r.evals.val_loss[i]!, r.evals[metric]![i]!]));
  const f = r.summary.final;
  let out =
    `${r.summary.status}: ${r.cell} on ${r.task ?? 'text'}, ${r.summary.steps} steps, ${r.summary.parameters} parameters, ${r.summary.ms_per_step.toFixed(2)} ms per step\n\n` +
    table(['train loss', 'val loss', metric, ...(r.unigram_bpc !== undefined ? ['unigram bpc'] : [])], [
      [f.train_loss ?? '—', f.val_loss ?? '—', f[metric] ?? '—', ...(r.unigram_bpc !== undefined ? [r.unigram_bpc] : [])],
    ]);
  if (r.sample !== undefined) out += `\nsample:\n${r.sample}\n`;
  return out;
}

export function registerSeq(program: Command, done: (text: string) => void): void {
  addSaveOptions(program
    .command('seq'))
    .description('train an RNN, LSTM or GRU on a text (a character model) or a sequence task and print its scores')
    .option('--text <file>', 'a UTF-8 text: the last 10 % is validation')
    .addOption(new Option('--task <name>', 'a task with known answers instead of a text').choices([...SEQ_TASKS]))
    .addOption(new Option('--cell <cell>', 'the recurrent cell (default lstm)').choices([...SEQ_CELLS]))
    .option('--embed <e>', 'embedding size of a character or symbol (default 32)', int('--embed', 1, 4096))
    .option('--hidden <h>', 'hidden size (default 128 for text, 64 for tasks)', int('--hidden', 1, 4096))
    .option('--seq-len <t>', 'text: the window of backpropagation through time (default 64); tasks: the sequence length (default 8; adding 50, sine 32)', int('--seq-len', 1, 100_000))
    .option('--vocab <v>', 'copy, reverse: content symbols (default 8)', int('--vocab', 2, 1000))
    .option('--batch <b>', 'windows or sequences per step (default 32)', int('--batch', 1, 65536))
    .option('--steps <n>', 'training steps (default 2000 for text, 3000 for tasks)', int('--steps', 1, 10_000_000))
    .option('--opt <type[:k=v,…]>', 'the optimizer, e.g. adam:lr=0.002 (default: text adam at 0.002; tasks adam at 0.005, for copy and reverse with a cosine decay to a tenth over the run)')
    .option('--clip <norm>', 'clip the gradient to this global norm (default 5; 0: off)', number('--clip'))
    .option('--seed <n>', 'seed of the weights and the batches', int('--seed', 0, Number.MAX_SAFE_INTEGER), 1)
    .option('--sample <n>', 'text: draw n characters from the final model', int('--sample', 0, 100_000))
    .option('--temperature <t>', 'text: sampling temperature (default 1)', number('--temperature'))
    .option('--top-k <k>', 'text: sample among the k likeliest characters only (default: all)', int('--top-k', 0, 1e9))
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => done(await seqCommandMaybeSaved(cmd.optsWithGlobals<SeqArgs>())));
}
