/**
 * `gradlab train`: trains a network headless and prints it — an MLP (--layers, --activation) or any
 * layer stack (--model: text form or preset, src/native/layers.ts) on a generated set, a CSV, the
 * shipped digits, IDX files or a folder of pictures (src/data/).
 *   table (default): the final metrics, plus every N-th epoch with --every N;
 *   csv:             one row per epoch (epoch, step, train/test loss and accuracy, norms, ms per step);
 *   json:            one document: the config (image bytes replaced by counts and paths), the
 *                    summary, the per-epoch curves as arrays, per layer its weight and gradient norms
 *                    per epoch, and for classification the final confusion matrix confusion[true][predicted]
 *                    (over the test set; the training set when there is none) with the class names.
 * No prediction or image frames are asked for: nothing here draws them.
 * With --save (--name, --tag, --home) the run is also recorded in the experiment store (live-run.ts),
 * its weights kept there (and still written to --save-weights); the run id goes to stderr, or into the
 * json document as run_id. A run on IDX files or a picture folder is stored with its config's pictures
 * replaced by their counts and source paths (it is recorded whole, but cannot be run again from the store).
 */
import type { Command} from 'commander';
import { Option } from 'commander';

import { addSaveOptions } from '../store-commands.js';
import { collect, formatOption, int, number } from '../option-parsers.js';
import { startTraining, type TrainBatch, type TrainConfig, type TrainLoss, type TrainNotice, type TrainSummary } from '../../native/index.js';
import { LabError } from '../../native/errors.js';
import { DEFAULT_IMAGE_MODEL, parseModelText } from '../../native/layers.js';
import type { ImagesSpec } from '../../native/schemas.js';
import { describeImages, imagesSpec, trainRowsOf, type ImageSet } from '../../data/image-set.js';
import { csv, json, table, type Cell, type Format } from '../format.js';
import { parseNumberList, parseOptimizer, parseSettings } from '../parse-args.js';
import { addImageOptions, readImageArgs, type ImageArgs } from '../image-args.js';
import { liveSession, savedRun, type SaveArgs } from '../live-run.js';
import { addColumnOptions, readCsvArgs, refuseColumnsWithout, type CsvArgs } from '../csv-args.js';
import { ProgressBar } from '../progress.js';

export interface TrainArgs extends SaveArgs, CsvArgs, ImageArgs {
  save?: boolean;
  set: string[];
  classes?: number;
  layers?: string;
  activation?: string;
  model?: string;
  dropout?: number;
  opt?: string;
  batch?: string;
  epochs?: number;
  seed: number;
  threads?: number;
  augment?: string;
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

const IMAGE_DATASETS = new Set(['digits', 'idx', 'folder']);

/** Image data's default shift: about 1/14 of the smaller side (2 pixels on 28×28 digits), 1 to 8. */
export function defaultShift(images?: ImageSet): number {
  const side = images ? Math.min(images.rows, images.cols) : 28;
  return Math.min(8, Math.max(1, Math.round(side / 14)));
}

/** --augment "shift=2,flip" (or "none") → the config's augment. */
export function augmentOption(text: string): { shift?: number; flip?: boolean } {
  const out: { shift?: number; flip?: boolean } = {};
  if (text.trim() === 'none') return out;
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^shift\s*=\s*(\S+)$/.exec(part);
    if (part === 'flip') out.flip = true;
    else if (m && /^\d+$/.test(m[1]!) && Number(m[1]) <= 8) out.shift = Number(m[1]);
    else refuse('--augment', `expected shift=N (N pixels, 0…8) and/or flip, comma-separated, or none; got ${JSON.stringify(part)}`);
  }
  return out;
}

function refuse(flag: string, why: string): never {
  throw new LabError(`${flag}: ${why}`, 'INVALID_CONFIG');
}

/** The class names of --dataset csv (text labels, or 0 … K−1). */
export function trainConfig(a: TrainArgs, images?: ImageSet, csvNames?: { names?: string[] }): TrainConfig {
  const settings = parseSettings(a.set, '--set');
  if (a.classes !== undefined) settings.classes = a.classes;
  const imageData = IMAGE_DATASETS.has(a.dataset);
  if (a.model !== undefined && (a.layers !== undefined || a.activation !== undefined))
    refuse(a.layers !== undefined ? '--layers' : '--activation', '--model gives the whole stack; leave out --layers and --activation');
  const stop: NonNullable<TrainConfig['stop']> = {};
  if (a.targetLoss !== undefined) stop.target_loss = a.targetLoss;
  if (a.patience !== undefined) stop.patience = a.patience;
  let model: TrainConfig['model'];
  if (a.model !== undefined || (imageData && a.layers === undefined && a.activation === undefined)) {
    if (a.dropout !== undefined) refuse('--dropout', 'is for MLPs (--layers); put dropout(p) layers in --model');
    model = { layers: parseModelText(a.model ?? DEFAULT_IMAGE_MODEL) };
  } else {
    const activations = (a.activation ?? 'tanh').split(',').map((s) => s.trim());
    model = {
      hidden: parseNumberList(a.layers ?? '16', '--layers'),
      activation: (activations.length === 1 ? activations[0] : activations) as 'tanh',
      ...(a.dropout !== undefined ? { dropout: a.dropout } : {}),
    };
  }
  const epochs = a.epochs ?? (imageData ? 10 : 100);
  const batch = batchSize(a.batch ?? (imageData ? '16' : '32'));
  let optimizer = parseOptimizer(a.opt ?? 'adam', 0);
  if (imageData && a.opt === undefined) {
    // image data: Adam at 0.002 decayed to 0 along a cosine over the whole run, batch 16, training
    // images shifted by up to 2 pixels (docs/cnn.md: how that was chosen)
    const nTrain = !images ? Number(settings.train ?? 8000) : images.test ? images.labels.length : trainRowsOf(images.labels.length);
    const steps = Math.ceil(nTrain / (batch === 0 ? nTrain : Math.min(batch, nTrain))) * epochs;
    optimizer = { type: 'adam', lr: 0.002, schedule: { type: 'cosine', total: Math.max(1, steps) } };
  }
  if (a.dataset !== 'csv') {
    refuseColumnsWithout(a, `--dataset ${a.dataset}`);
    if (a.csv !== undefined) refuse('--csv', `only with --dataset csv, not with --dataset ${a.dataset}`);
    if (a.kind !== undefined) refuse('--kind', `only with --dataset csv, not with --dataset ${a.dataset}`);
  }
  let dataset: TrainConfig['dataset'];
  if (a.dataset === 'csv') {
    const { spec, points } = readCsvArgs(a, settings);
    dataset = spec;
    if (csvNames && points.classNames) csvNames.names = points.classNames;
  } else if (images) dataset = imagesSpec(images, { seed: a.seed });
  else if (a.dataset === 'digits') dataset = { name: 'digits', ...settings } as TrainConfig['dataset'];
  else dataset = { name: a.dataset, ...settings } as TrainConfig['dataset'];
  return {
    dataset,
    model,
    ...(a.loss !== undefined ? { loss: a.loss } : {}),
    optimizer,
    // without --batch on points, the engine's default: 32, or the whole training set when it is smaller
    ...(a.batch !== undefined || imageData ? { batch_size: batch } : {}),
    epochs,
    seed: a.seed,
    // image data uses every core unless told otherwise: the numbers are the same bits for any count
    ...(a.threads !== undefined ? { threads: a.threads } : imageData ? { threads: 0 } : {}),
    ...(a.augment !== undefined ? { augment: augmentOption(a.augment) } : imageData ? { augment: { shift: defaultShift(images) } } : {}),
    ...(a.l2 !== undefined ? { l2: a.l2 } : {}),
    ...(a.l1 !== undefined ? { l1: a.l1 } : {}),
    prediction: false,
    frames: false,
    ...(Object.keys(stop).length > 0 ? { stop } : {}),
    ...(a.loadWeights !== undefined ? { init_weights: a.loadWeights } : {}),
    ...(a.saveWeights !== undefined ? { save_weights: a.saveWeights } : {}),
  };
}

/** The config as a person reads it: image bytes replaced by counts and the files they came from. */
function printableConfig(config: TrainConfig, images?: ImageSet): unknown {
  if (!images || typeof config.dataset !== 'object' || config.dataset.name !== 'images') return config;
  return { ...config, dataset: describeImages(config.dataset as ImagesSpec, images.source) };
}

export async function trainCommand(a: TrainArgs): Promise<string> {
  const images = readImageArgs(a);
  for (const file of images?.skipped ?? []) process.stderr.write(`gradlab: skipped ${file} (not a .png, .jpg or .jpeg picture)\n`);
  const csvNames: { names?: string[] } = {};
  const config = trainConfig(a, images, csvNames);
  const epochs = config.epochs ?? 100;
  const curves: Record<string, number[]> = Object.fromEntries(EPOCH_COLUMNS.map((c) => [c, []]));
  const layers: { name: string; weight_norm: number[]; grad_norm: number[] }[] = [];
  const run = a.save
    ? await savedRun<TrainSummary, TrainBatch, TrainNotice>('train', { ...config, save_weights: undefined }, a, a.saveWeights,
        images ? { ...(printableConfig(config, images) as object), save_weights: undefined } : undefined)
    : liveSession(startTraining(config));
  const bar = new ProgressBar(epochs, 'train');
  let classNames: string[] | undefined = images?.classNames ?? csvNames.names;
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
  const confusion = summary.confusion ?? undefined;
  if (confusion && !classNames) classNames = confusion.map((_, i) => String(i));
  if (a.format === 'json')
    return json({
      ...(run.runId !== undefined ? { run_id: run.runId } : {}),
      config: printableConfig(config, images),
      summary,
      epochs: curves,
      layers,
      ...(confusion ? { classes: classNames, confusion } : {}),
    });
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

/** Adds `gradlab train` to the program; `done` receives what it prints. */
export function registerTrain(program: Command, done: (text: string) => void): void {
  addImageOptions(addColumnOptions(addSaveOptions(program
    .command('train'))))
    .description('train a network (an MLP, or any layer stack with --model) on a data set and print its metrics')
    .requiredOption('--dataset <name>', 'a data set: spiral, circles, moons, xor, blobs, checkerboard, sine, polynomial, step (see `gradlab datasets`); csv (--csv FILE); digits (10 000 MNIST digits), idx (--images, --labels), folder (--dir)')
    .option('--csv <file>', 'with --dataset csv: the file: comma, semicolon or tab separated, quoted or not, a header line or none; pick columns with --x, --y, --label')
    .addOption(new Option('--kind <kind>', 'with --dataset csv: what the file holds (default: classification with a label column, else regression)').choices(['classification', 'regression']))
    .option('--model <layers|preset>', 'a layer stack, e.g. "conv(8,3,pad=1) relu maxpool(2) flatten linear(10)", or a preset: lenet5, lenet5_wide, cnn_b50, vgg_small (default for image data: lenet5_wide); replaces --layers and --activation')
    .option('--set <name=value>', 'a setting of the data set (repeatable), e.g. n=500', collect, [])
    .option('--classes <k>', 'number of classes (spiral, blobs)', int('--classes', 2, 10))
    .option('--layers <widths>', 'an MLP\'s hidden layer widths, e.g. 64,64 (empty: a linear model; default 16)')
    .option('--activation <name[,name…]>', 'an MLP\'s activation of the hidden layers, one or one per layer (default tanh)')
    .option('--dropout <p>', 'dropout after each hidden layer', number('--dropout'))
    .option('--opt <type[:k=v,…]>', 'the optimizer and its hyper-parameters, e.g. adam:lr=0.01 (default adam; for image data adam:lr=0.002 with a cosine decay over the run)')
    .option('--batch <n|full>', 'mini-batch size: 1 = SGD … full = full-batch gradient descent (default 32; 16 for image data)')
    .option('--epochs <n>', 'epochs (default 100; 10 for image data)', int('--epochs', 1, 100_000))
    .option('--seed <n>', 'seed of the initial weights, shuffling and dropout', int('--seed', 0, Number.MAX_SAFE_INTEGER), 1)
    .option('--augment <shift=N,flip>', 'image sets: shift each training image by up to N pixels (0…8) and/or mirror it left to right at random, e.g. shift=2,flip; none for neither (default shift=2 on 28×28, about 1/14 of the smaller side)')
    .option('--threads <n>', 'threads a convolution splits each batch over (the same results for any n; 0: all cores; default: all cores for image data, else 1)', int('--threads', 0, 256))
    .addOption(
      new Option('--loss <name>', 'the loss (default: cross_entropy for classes, mse for regression; bce: 2 classes, one logit)').choices([
        'cross_entropy',
        'bce',
        'mse',
      ]),
    )
    .option('--l2 <lambda>', 'L2 penalty λ·Σθ² added to the loss', number('--l2'))
    .option('--l1 <lambda>', 'L1 penalty λ·Σ|θ| added to the loss', number('--l1'))
    .option('--target-loss <loss>', 'stop when the training loss is at or below this', number('--target-loss'))
    .option('--patience <epochs>', 'early stopping: epochs without a better test loss', int('--patience', 1, 100_000))
    .option('--every <n>', 'table format: also print every n-th epoch', int('--every', 1, 100_000))
    .option('--save-weights <file>', 'write the trained weights to this file when the run ends')
    .option('--load-weights <file>', 'start from these weights (same architecture)')
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => {
      done(await trainCommand(cmd.optsWithGlobals<TrainArgs>()));
    });
}
