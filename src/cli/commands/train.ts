/**
 * `gradlab train`: trains an MLP headless and prints it.
 *   table (default): the final metrics, plus every N-th epoch with --every N;
 *   csv:             one row per epoch (epoch, step, train/test loss and accuracy, norms, ms per step);
 *   json:            one document: the config, the summary, the per-epoch curves as arrays and, per
 *                    layer, its weight and gradient norms per epoch.
 * No prediction frames are asked for: nothing here draws them.
 * With --save (--name, --tag, --home) the run is also recorded in the experiment store (live-run.ts),
 * its weights kept there (and still written to --save-weights); the run id goes to stderr, or into the
 * json document as run_id.
 */
import { startTraining, type TrainBatch, type TrainConfig, type TrainLoss, type TrainNotice, type TrainSummary } from '../../native/index.js';
import { LabError } from '../../native/errors.js';
import { csv, json, table, type Cell, type Format } from '../format.js';
import { parseNumberList, parseOptimizer, parseSettings } from '../parse-args.js';
import { liveSession, savedRun, type SaveArgs } from '../live-run.js';
import { ProgressBar } from '../progress.js';

export interface TrainArgs extends SaveArgs {
  save?: boolean;
  dataset: string;
  set: string[];
  classes?: number;
  layers: string;
  activation: string;
  dropout?: number;
  opt: string;
  batch: string;
  epochs: number;
  seed: number;
  loss?: TrainLoss;
  l2?: number;
  l1?: number;
  targetLoss?: number;
  patience?: number;
  every?: number;
  saveWeights?: string;
  loadWeights?: string;
  format: Format;
}

const EPOCH_COLUMNS = ['epoch', 'step', 'train_loss', 'test_loss', 'train_acc', 'test_acc', 'grad_norm', 'weight_norm', 'ms_per_step'] as const;

function batchSize(text: string): number {
  if (text === 'full') return 0;
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw new LabError(`--batch: expected a positive integer or "full", got ${JSON.stringify(text)}`, 'INVALID_CONFIG');
  return v;
}

export function trainConfig(a: TrainArgs): TrainConfig {
  const settings = parseSettings(a.set, '--set');
  if (a.classes !== undefined) settings.classes = a.classes;
  const activations = a.activation.split(',').map((s) => s.trim());
  const stop: NonNullable<TrainConfig['stop']> = {};
  if (a.targetLoss !== undefined) stop.target_loss = a.targetLoss;
  if (a.patience !== undefined) stop.patience = a.patience;
  return {
    dataset: { name: a.dataset, ...settings } as TrainConfig['dataset'],
    model: {
      hidden: parseNumberList(a.layers, '--layers'),
      activation: (activations.length === 1 ? activations[0] : activations) as NonNullable<TrainConfig['model']>['activation'],
      ...(a.dropout !== undefined ? { dropout: a.dropout } : {}),
    },
    ...(a.loss !== undefined ? { loss: a.loss } : {}),
    optimizer: parseOptimizer(a.opt, 0),
    batch_size: batchSize(a.batch),
    epochs: a.epochs,
    seed: a.seed,
    ...(a.l2 !== undefined ? { l2: a.l2 } : {}),
    ...(a.l1 !== undefined ? { l1: a.l1 } : {}),
    prediction: false,
    ...(Object.keys(stop).length > 0 ? { stop } : {}),
    ...(a.loadWeights !== undefined ? { init_weights: a.loadWeights } : {}),
    ...(a.saveWeights !== undefined ? { save_weights: a.saveWeights } : {}),
  };
}

export async function trainCommand(a: TrainArgs): Promise<string> {
  const config = trainConfig(a);
  const curves: Record<string, number[]> = Object.fromEntries(EPOCH_COLUMNS.map((c) => [c, []]));
  const layers: { name: string; weight_norm: number[]; grad_norm: number[] }[] = [];
  const run = a.save
    ? await savedRun<TrainSummary, TrainBatch, TrainNotice>('train', { ...config, save_weights: undefined }, a, a.saveWeights)
    : liveSession(startTraining(config));
  const bar = new ProgressBar(a.epochs, 'train');
  // A step's rows arrive before its notices, so the "model" notice (the names) comes after epoch 0's rows.
  const layer = (i: number) => (layers[i] ??= { name: '', weight_norm: [], grad_norm: [] });
  run.onNotice((n) => {
    if (n.type === 'model') n.layers.forEach((l, i) => (layer(i).name = l.name));
  });
  run.onBatch((b) => {
    if (b.stream === 'layer') {
      const l = layer(b.index);
      for (let i = 0; i < b.rows; i++) {
        l.weight_norm.push(b.columns.weight_norm[i]!);
        l.grad_norm.push(b.columns.grad_norm[i]!);
      }
      return;
    }
    if (b.stream !== 'epoch') return;
    for (const c of EPOCH_COLUMNS) for (let i = 0; i < b.rows; i++) curves[c]!.push(b.columns[c][i]!);
    bar.update(curves.epoch!.at(-1) ?? 0);
  });
  let summary: TrainSummary;
  try {
    summary = await run.done;
  } finally {
    bar.finish();
  }
  if (run.runId !== undefined && a.format !== 'json') process.stderr.write(`gradlab: saved as run ${run.runId}\n`);
  if (a.format === 'json') return json({ ...(run.runId !== undefined ? { run_id: run.runId } : {}), config, summary, epochs: curves, layers });
  const rows: Cell[][] = curves.epoch!.map((_, i) => EPOCH_COLUMNS.map((c) => curves[c]![i]));
  if (a.format === 'csv') return csv([...EPOCH_COLUMNS], rows);
  const f = summary.final;
  let out =
    `${summary.status}: ${summary.epochs} epochs, ${summary.steps} steps, ${summary.parameters} parameters, ` +
    `${summary.ms_per_step.toFixed(4)} ms per step\n\n` +
    table(['', 'loss', 'accuracy'], [
      ['train', f.train_loss, f.train_acc],
      ['test', f.test_loss, f.test_acc],
    ]);
  if (a.every !== undefined) out += '\n' + table([...EPOCH_COLUMNS], rows.filter((_, i) => i % a.every! === 0 || i === rows.length - 1));
  return out;
}
