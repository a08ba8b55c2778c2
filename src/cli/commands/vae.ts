/**
 * `gradlab vae`: trains a variational autoencoder on an image set and prints its losses (issue #13).
 *   gradlab vae --dataset digits|idx|folder … --latent Z --hidden H --epochs N --batch B --opt adam:lr=… --seed S --format json
 * The model is D-H → (μ, log σ²) of size Z, and Z-H-D (--hidden 512,256 stacks more layers), with a
 * Bernoulli decoder on pixels / 255 (or --decoder gaussian) and --beta weighting the KL term.
 * --encoder-layers / --decoder-layers make either side a layer list in the text form of `gradlab train
 * --model` (reshape(C,H,W) and upsample(f) included), or `conv` for the convolutional preset
 * (native/vae-layers.ts); --hidden then shapes only an MLP side.
 *   json:  {config, summary: {final: {test_loss (−ELBO per test example in nats, β = 1, one ε sample), …}},
 *          epochs: {epoch, train_loss, train_recon, train_kl, test_loss, test_recon, test_kl}, steps: {recon, kl}}
 *   csv:   one row per epoch;  table: the final losses.
 * The data set flags are `gradlab train`'s (image-args.ts); digits take --set train=N,test=N.
 */
import type { Command } from 'commander';
import { Option } from 'commander';

import { describeImages, imagesSpec } from '../../data/image-set.js';
import type { ImagesSpec } from '../../native/dataset-schema.js';
import { LabError } from '../../native/errors.js';
import { vaeSideLayers } from '../../native/vae-layers.js';
import { trainVae, VAE_DECODERS, type VaeConfig } from '../../native/vae.js';
import { csv, json, table, type Format } from '../format.js';
import { addImageOptions, readImageArgs, type ImageArgs } from '../image-args.js';
import { vaeLab } from '../../labs/vae.js';
import type { SaveArgs } from '../live-run.js';
import { collect, formatOption, int, number } from '../option-parsers.js';
import { savedLabCommand } from '../saved-lab-run.js';
import { addSaveOptions } from '../store-commands.js';
import { parseNumberList, parseOptimizer, parseSettings } from '../parse-args.js';

export interface VaeArgs extends ImageArgs, Partial<SaveArgs> {
  save?: boolean;
  set: string[];
  latent?: number;
  hidden?: string;
  encoderLayers?: string;
  decoderLayers?: string;
  decoder?: (typeof VAE_DECODERS)[number];
  beta?: number;
  epochs?: number;
  batch?: number;
  opt?: string;
  seed: number;
  saveWeights?: string;
  format: Format;
}

const EPOCH_COLUMNS = ['epoch', 'train_loss', 'train_recon', 'train_kl', 'test_loss', 'test_recon', 'test_kl'] as const;

function vaeConfig(a: VaeArgs): { config: VaeConfig; printable: unknown } {
  if (a.dataset !== 'digits' && a.dataset !== 'idx' && a.dataset !== 'folder')
    throw new LabError(`--dataset: the VAE trains on images: digits, idx or folder; got ${JSON.stringify(a.dataset)}`, 'INVALID_CONFIG');
  const images = readImageArgs(a);
  for (const file of images?.skipped ?? []) process.stderr.write(`gradlab: skipped ${file} (not a .png, .jpg or .jpeg picture)\n`);
  const settings = parseSettings(a.set, '--set');
  if (images && a.set.length > 0) throw new LabError('--set: only with --dataset digits (train=N, test=N, seed=N)', 'INVALID_CONFIG');
  const dataset: VaeConfig['dataset'] = images ? imagesSpec(images, { seed: a.seed }) : ({ name: 'digits', ...settings } as VaeConfig['dataset']);
  const image: [number, number, number] = images ? [images.channels, images.rows, images.cols] : [1, 28, 28];
  const config: VaeConfig = {
    dataset,
    ...(a.latent !== undefined ? { latent: a.latent } : {}),
    ...(a.hidden !== undefined ? { hidden: parseNumberList(a.hidden, '--hidden') } : {}),
    ...(a.encoderLayers !== undefined ? { encoder_layers: vaeSideLayers(a.encoderLayers, 'encoder', image, '--encoder-layers') } : {}),
    ...(a.decoderLayers !== undefined ? { decoder_layers: vaeSideLayers(a.decoderLayers, 'decoder', image, '--decoder-layers') } : {}),
    ...(a.decoder !== undefined ? { decoder: a.decoder } : {}),
    ...(a.beta !== undefined ? { beta: a.beta } : {}),
    ...(a.epochs !== undefined ? { epochs: a.epochs } : {}),
    ...(a.batch !== undefined ? { batch_size: a.batch } : {}),
    ...(a.opt !== undefined ? { optimizer: parseOptimizer(a.opt, 0) } : {}),
    seed: a.seed,
    ...(a.saveWeights !== undefined ? { save_weights: a.saveWeights } : {}),
  };
  const printable = images ? { ...config, dataset: describeImages(config.dataset as ImagesSpec, images.source) } : config;
  return { config, printable };
}

/** With --save, the VAE lab's session runs through the experiment store (saved-lab-run.ts); the store
 * keeps the weights, so --save-weights is refused. */
export async function vaeCommandMaybeSaved(a: VaeArgs): Promise<string> {
  if (!a.save) return vaeCommand(a);
  if (a.saveWeights !== undefined) throw new LabError('--save-weights: not with --save (the stored run keeps the weights; see gradlab runs)', 'INVALID_CONFIG');
  const { config, printable } = vaeConfig(a);
  return savedLabCommand(vaeLab, config, { ...a, tag: a.tag ?? [] }, { printable, storedConfig: printable });
}

export function vaeCommand(a: VaeArgs): string {
  const { config, printable } = vaeConfig(a);
  const r = trainVae(config);
  if (a.format === 'json') return json({ config: printable, ...r });
  const rows = r.epochs.epoch.map((_, i) => EPOCH_COLUMNS.map((c) => r.epochs[c][i]!));
  if (a.format === 'csv') return csv([...EPOCH_COLUMNS], rows);
  const f = r.summary.final;
  return (
    `${r.summary.status}: ${r.summary.epochs} epochs, ${r.summary.steps} steps, ${r.summary.parameters} parameters, ` +
    `${r.summary.ms_per_step.toFixed(3)} ms per step; latent ${r.latent}, β ${r.beta}\n\n` +
    table(['', '−ELBO (nats)', 'reconstruction', 'KL'], [
      ['training set', f.train_loss, f.train_recon, f.train_kl],
      ['test set', f.test_loss, f.test_recon, f.test_kl],
    ])
  );
}

export function registerVae(program: Command, done: (text: string) => void): void {
  addImageOptions(addSaveOptions(program.command('vae')))
    .description('train a variational autoencoder on an image set and print its losses (−ELBO in nats per example)')
    .addOption(new Option('--dataset <name>', 'the images: digits (10 000 MNIST digits), idx (--images, --labels), folder (--dir)').default('digits'))
    .option('--set <name=value>', 'with --dataset digits: train=N, test=N, seed=N (repeatable)', collect, [])
    .option('--latent <z>', 'latent size (default 2, so it can be drawn)', int('--latent', 1, 512))
    .option('--hidden <widths>', 'hidden layer widths of the encoder, mirrored by the decoder, e.g. 256 or 512,256 (default 256)')
    .option('--encoder-layers <layers|conv>', 'the encoder as a layer list, as gradlab train --model writes one, from the images to flat features of any width (the μ and log σ² layers follow), e.g. "conv(32,4,stride=2,pad=1) relu flatten linear(256) relu"; conv for the convolutional preset')
    .option('--decoder-layers <layers|conv>', 'the decoder as a layer list from the latent vector to the pixels, flat, e.g. "linear(3136) relu reshape(64,7,7) upsample conv(32,3,pad=1) relu upsample conv(1,3,pad=1) flatten"; conv for the convolutional preset')
    .addOption(new Option('--decoder <kind>', 'the decoder: bernoulli on pixel intensities in [0, 1], or gaussian with unit variance (default bernoulli)').choices([...VAE_DECODERS]))
    .option('--beta <b>', 'weight of the KL term while training (β-VAE; default 1); the test loss always uses 1', number('--beta'))
    .option('--epochs <n>', 'epochs (default 10)', int('--epochs', 1, 100_000))
    .option('--batch <n>', 'mini-batch size (default 64)', int('--batch', 1, 1_000_000))
    .option('--opt <type[:k=v,…]>', 'the optimizer, e.g. adam:lr=0.001 (default adam with lr 0.001)')
    .option('--seed <n>', 'seed of the weights, the shuffling and ε', int('--seed', 0, Number.MAX_SAFE_INTEGER), 1)
    .option('--save-weights <file>', 'write the trained weights to this file')
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => done(await vaeCommandMaybeSaved(cmd.optsWithGlobals<VaeArgs>())));
}
