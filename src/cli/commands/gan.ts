/**
 * `gradlab gan`: trains a GAN on a 2-D distribution and prints its samples and scores (issue #13).
 *   gradlab gan --data ring8|grid25|moons|spiral|line|csv [--csv F] --steps N --samples K --seed S --format json
 *   json:  {samples: [[x, y], …] (K points of the final generator), summary: {final: {modes, high_quality,
 *          kl, js, d_loss, g_loss}}, curves: {step, d_loss, g_loss}, metrics: {step, modes, high_quality,
 *          kl, js}, per_mode, centres, std, config}
 *   csv:   the samples, one x,y line each;  table: the final scores.
 * `--data` names a 2-D distribution; `--dataset digits|idx|folder` (an image set, as `gradlab train` reads
 * them) trains the image GAN instead: json {samples: rows of pixels, grids: the fixed noise's images over
 * time, judge?: {confident, class_shares}} (native/core/gen/gan_images.hpp).
 */
import { readFileSync } from 'node:fs';

import type { Command } from 'commander';
import { Option } from 'commander';

import { csvPoints, readCsvTable } from '../../data/csv-table.js';
import { LabError } from '../../native/errors.js';
import { describeImages, imagesSpec } from '../../data/image-set.js';
import type { ImagesSpec } from '../../native/dataset-schema.js';
import { GAN_DISTRIBUTIONS, GAN_LOSSES, trainGan, trainGanImages, type GanConfig, type GanImagesConfig } from '../../native/gan.js';
import { DEFAULT_IMAGE_MODEL, parseModelText } from '../../native/layers.js';
import { addImageOptions, readImageArgs, type ImageArgs } from '../image-args.js';
import { csv, json, table, type Format } from '../format.js';
import { ganLab } from '../../labs/gan.js';
import { ganNetLayers } from '../../native/gan-layers.js';
import type { SaveArgs } from '../live-run.js';
import { collect, formatOption, int, number } from '../option-parsers.js';
import { savedLabCommand } from '../saved-lab-run.js';
import { addSaveOptions } from '../store-commands.js';
import { parseNumberList, parseSettings } from '../parse-args.js';

export interface GanArgs extends Omit<ImageArgs, 'dataset'>, Partial<SaveArgs> {
  save?: boolean;
  data?: string;
  dataset?: string;
  set: string[];
  judge?: string;
  judgeModel?: string;
  saveWeights?: string;
  loadWeights?: string;
  csv?: string;
  x?: string;
  y?: string;
  steps?: number;
  samples?: number;
  seed: number;
  batch?: number;
  zDim?: number;
  gHidden?: string;
  gLayers?: string;
  dLayers?: string;
  dHidden?: string;
  loss?: (typeof GAN_LOSSES)[number];
  dSteps?: number;
  gpLambda?: number;
  pack?: number;
  gLr?: number;
  dLr?: number;
  schedule?: 'cosine' | 'constant';
  format: Format;
}

/** x, y, x, y, … from two columns of a CSV file (the first two, or --x and --y). */
function csvXY(file: string, x?: string, y?: string): number[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new LabError(`--csv: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'INVALID_CONFIG');
  }
  const p = csvPoints(readCsvTable(text, file), { kind: 'regression', ...(x !== undefined ? { x } : {}), ...(y !== undefined ? { y } : {}) });
  return p.x.flatMap((v, i) => [v, p.y[i]!]);
}

/** The flags both GANs take, as config fields. */
function trainingFields(a: GanArgs) {
  return {
    ...(a.steps !== undefined ? { steps: a.steps } : {}),
    ...(a.samples !== undefined ? { samples: a.samples } : {}),
    ...(a.batch !== undefined ? { batch_size: a.batch } : {}),
    ...(a.zDim !== undefined ? { z_dim: a.zDim } : {}),
    ...(a.gHidden !== undefined ? { g_hidden: parseNumberList(a.gHidden, '--g-hidden') } : {}),
    ...(a.dHidden !== undefined ? { d_hidden: parseNumberList(a.dHidden, '--d-hidden') } : {}),
    ...(a.loss !== undefined ? { loss: a.loss } : {}),
    ...(a.dSteps !== undefined ? { d_steps: a.dSteps } : {}),
    ...(a.gpLambda !== undefined ? { gp_lambda: a.gpLambda } : {}),
    ...(a.pack !== undefined ? { pack: a.pack } : {}),
    ...(a.gLr !== undefined ? { g_lr: a.gLr } : {}),
    ...(a.dLr !== undefined ? { d_lr: a.dLr } : {}),
    ...(a.schedule !== undefined ? { schedule: a.schedule } : {}),
  };
}

export function ganConfig(a: GanArgs): GanConfig {
  for (const [flag, v] of [['--judge', a.judge], ['--judge-model', a.judgeModel], ['--save-weights', a.saveWeights], ['--load-weights', a.loadWeights], ['--g-layers', a.gLayers], ['--d-layers', a.dLayers]] as const)
    if (v !== undefined) throw new LabError(`${flag}: only with --dataset (the image GAN)`, 'INVALID_CONFIG');
  if (a.set.length > 0) throw new LabError('--set: only with --dataset digits', 'INVALID_CONFIG');
  const data = a.data ?? 'ring8';
  if (data !== 'csv' && !(GAN_DISTRIBUTIONS as readonly string[]).includes(data))
    throw new LabError(`--data: expected one of ${GAN_DISTRIBUTIONS.join(', ')}, csv; got ${JSON.stringify(data)}`, 'INVALID_CONFIG');
  if (data === 'csv' && a.csv === undefined) throw new LabError('--data csv: give the file with --csv FILE (two columns: x and y)', 'INVALID_CONFIG');
  if (data !== 'csv') for (const [flag, v] of [['--csv', a.csv], ['--x', a.x], ['--y', a.y]] as const) if (v !== undefined) throw new LabError(`${flag}: only with --data csv`, 'INVALID_CONFIG');
  return {
    ...(data === 'csv' ? { data: 'points' as const, points: csvXY(a.csv!, a.x, a.y) } : { data: data as GanConfig['data'] }),
    seed: a.seed,
    ...trainingFields(a),
  };
}

/** The image GAN's config: --dataset digits|idx|folder with `gradlab train`'s image flags. */
export function ganImagesConfig(a: GanArgs): { config: GanImagesConfig; printable: unknown } {
  if (a.data !== undefined || a.csv !== undefined) throw new LabError('--data: a 2-D distribution, not with --dataset (an image set)', 'INVALID_CONFIG');
  if (a.dataset !== 'digits' && a.dataset !== 'idx' && a.dataset !== 'folder')
    throw new LabError(`--dataset: the image GAN trains on digits, idx or folder; got ${JSON.stringify(a.dataset)}`, 'INVALID_CONFIG');
  const images = readImageArgs({ ...a, dataset: a.dataset });
  if (images && a.set.length > 0) throw new LabError('--set: only with --dataset digits (train=N, test=N, seed=N)', 'INVALID_CONFIG');
  // every digit is a real example for a GAN: no test part unless asked
  const dataset: GanImagesConfig['dataset'] = images ? imagesSpec(images, { seed: a.seed }) : ({ name: 'digits', train: 10000, test: 0, ...parseSettings(a.set, '--set') } as GanImagesConfig['dataset']);
  const image: [number, number, number] = images ? [images.channels, images.rows, images.cols] : [1, 28, 28];
  if (a.judgeModel !== undefined && a.judge === undefined) throw new LabError('--judge-model: give the classifier\'s weights with --judge FILE', 'INVALID_CONFIG');
  const config: GanImagesConfig = {
    dataset,
    seed: a.seed,
    ...trainingFields(a),
    ...(a.gLayers !== undefined ? { g_layers: ganNetLayers(a.gLayers, 'generator', image, '--g-layers') } : {}),
    ...(a.dLayers !== undefined ? { d_layers: ganNetLayers(a.dLayers, 'discriminator', image, '--d-layers') } : {}),
    ...(a.judge !== undefined ? { judge: { layers: parseModelText(a.judgeModel ?? DEFAULT_IMAGE_MODEL), weights: a.judge } } : {}),
    ...(a.saveWeights !== undefined ? { save_weights: a.saveWeights } : {}),
    ...(a.loadWeights !== undefined ? { init_weights: a.loadWeights } : {}),
  };
  const printable = images ? { ...config, dataset: describeImages(config.dataset as ImagesSpec, images.source) } : config;
  return { config, printable };
}

function ganImagesCommand(a: GanArgs): string {
  const { config, printable } = ganImagesConfig(a);
  const r = trainGanImages(config);
  if (a.format === 'json') return json({ config: printable, ...r });
  if (a.format === 'csv') return csv(['step', 'd_loss', 'g_loss'], r.curves.step.map((s, i) => [s, r.curves.d_loss[i]!, r.curves.g_loss[i]!]));
  const f = r.summary.final;
  let out = `${r.summary.status}: ${r.summary.steps} steps on ${r.image.rows}×${r.image.cols} images (${r.loss} loss); ${r.samples.length} samples\n`;
  if (r.judge)
    out += `\nthe judge labels ${(r.judge.confident * 100).toFixed(1)} % of them with confidence ≥ 0.9; the rarest class gets ${(r.judge.min_class_share * 100).toFixed(1)} % of those\n` +
      table(r.judge.class_shares.map((_, k) => String(k)), [r.judge.class_shares.map((v) => `${(v * 100).toFixed(1)} %`)]);
  return out + `\nD loss ${f.d_loss ?? '—'}, G loss ${f.g_loss ?? '—'}\n`;
}

/** With --save, the GAN lab's session runs through the experiment store (saved-lab-run.ts); it scores
 * 1 000 samples, as the lab does, so --samples is refused. */
export async function ganCommandMaybeSaved(a: GanArgs): Promise<string> {
  if (!a.save) return ganCommand(a);
  if (a.samples !== undefined) throw new LabError('--samples: not with --save (a saved run scores 1000 samples, as the GAN lab does)', 'INVALID_CONFIG');
  const save = { ...a, tag: a.tag ?? [] };
  if (a.dataset !== undefined) {
    const { config, printable } = ganImagesConfig(a);
    if (config.judge !== undefined || config.save_weights !== undefined)
      throw new LabError(`${config.judge !== undefined ? '--judge' : '--save-weights'}: not with --save (the stored run keeps the generator's weights; see gradlab runs)`, 'INVALID_CONFIG');
    return savedLabCommand(ganLab, config, save, { printable, storedConfig: printable });
  }
  const config = ganConfig(a);
  const { points, ...shown } = config;
  return savedLabCommand(ganLab, config, save, { printable: points ? { ...shown, csv: a.csv, points: points.length / 2 } : shown });
}

export function ganCommand(a: GanArgs): string {
  if (a.dataset !== undefined) return ganImagesCommand(a);
  const config = ganConfig(a);
  const r = trainGan(config);
  const { points, ...shown } = config;
  const printable = points ? { ...shown, csv: a.csv, points: points.length / 2 } : shown;
  if (a.format === 'json') return json({ config: printable, ...r });
  if (a.format === 'csv') return csv(['x', 'y'], r.samples);
  const f = r.summary.final;
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
  return (
    `${r.summary.status}: ${r.summary.steps} steps on ${r.data} (${r.loss} loss); ${r.samples.length} samples\n\n` +
    table(['modes captured', 'high quality', 'KL(real‖fake)', 'JS', 'D loss', 'G loss'], [
      [f.modes === null ? '—' : `${f.modes} of ${r.centres.length}`, pct(f.high_quality), f.kl, f.js, f.d_loss ?? '—', f.g_loss ?? '—'],
    ])
  );
}

export function registerGan(program: Command, done: (text: string) => void): void {
  addImageOptions(addSaveOptions(program.command('gan')))
    .description('train a GAN on a 2-D distribution and print its samples and how well they cover it')
    .option('--data <name>', `the distribution: ${GAN_DISTRIBUTIONS.join(', ')}, or csv (--csv FILE) (default ring8)`)
    .option('--dataset <name>', 'an image GAN instead: digits (10 000 MNIST digits), idx (--images, --labels) or folder (--dir)')
    .option('--set <name=value>', 'with --dataset digits: train=N, test=N, seed=N (default: all 10 000 digits)', collect, [])
    .option('--judge <weights>', 'image GAN: a classifier trained on real images (gradlab train … --save-weights) labels the samples')
    .option('--judge-model <layers|preset>', 'the judge\'s layer stack (default lenet5_wide, the model `gradlab train` builds for image data)')
    .option('--save-weights <file>', 'image GAN: write the trained generator\'s weights')
    .option('--load-weights <file>', 'image GAN: start the generator from these weights')
    .option('--csv <file>', 'with --data csv: a file of points, two columns x and y (a header line or none)')
    .option('--x <column>', 'with --data csv: the x column (name or 1-based number; default the first)')
    .option('--y <column>', 'with --data csv: the y column (default the second)')
    .option('--steps <n>', 'steps, each k discriminator updates and one generator update (default 10000)', int('--steps', 1, 10_000_000))
    .option('--samples <k>', 'points drawn from the final generator, printed and scored (default 1000)', int('--samples', 1, 1_000_000))
    .option('--seed <n>', 'seed of the weights, the noise and the real batches', int('--seed', 0, Number.MAX_SAFE_INTEGER), 1)
    .option('--batch <n>', 'points per batch (default 256)', int('--batch', 1, 65536))
    .option('--z-dim <n>', 'size of the generator\'s noise z (default 2)', int('--z-dim', 1, 1024))
    .option('--g-hidden <widths>', 'the generator\'s hidden widths (default 128,128; ReLU)')
    .option('--d-hidden <widths>', 'the discriminator\'s hidden widths (default 128,128; LeakyReLU 0.2)')
    .option('--g-layers <layers|dcgan>', 'image GAN: the generator as a layer list (gradlab train --model\'s text form, with reshape(C,H,W) and upsample(f)) from z to the pixels, flat; dcgan for the convolutional preset')
    .option('--d-layers <layers|dcgan>', 'image GAN: the discriminator as a layer list from a pack of images as channels [pack·C,H,W] to one logit, e.g. "conv(32,4,stride=2,pad=1) leaky_relu(0.2) flatten linear"; dcgan for the preset')
    .addOption(new Option('--loss <loss>', 'the GAN loss (default non-saturating; wgan-gp: the Wasserstein critic with a gradient penalty, 5 critic steps, betas 0.5 and 0.9)').choices([...GAN_LOSSES]))
    .option('--d-steps <k>', 'discriminator updates per generator update (default 1; wgan-gp 5)', int('--d-steps', 1, 100))
    .option('--gp-lambda <λ>', 'wgan-gp: weight of the gradient penalty (default 10)', number('--gp-lambda'))
    .option('--pack <m>', 'the discriminator judges m points at once (PacGAN; default 2; 1 = a plain GAN)', int('--pack', 1, 64))
    .option('--g-lr <lr>', 'the generator\'s Adam step (default 0.001, betas 0.5 and 0.999)', number('--g-lr'))
    .option('--d-lr <lr>', 'the discriminator\'s Adam step (default 0.001)', number('--d-lr'))
    .addOption(new Option('--schedule <s>', 'both steps constant, or cosine down to 0 at the last step (default cosine)').choices(['cosine', 'constant']))
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => done(await ganCommandMaybeSaved(cmd.optsWithGlobals<GanArgs>())));
}
