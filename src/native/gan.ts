/**
 * The GAN lab's 2-D engine (issue #13; native/core/gen/gan.hpp): a generator and a discriminator MLP
 * trained against each other on a 2-D distribution, in one synchronous call, as the CLI uses it.
 *   trainGan({ data: 'ring8', steps: 10000, seed: 1 })
 * `samples` are points of the final generator; for the mixtures (ring8, grid25) `summary.final.modes`
 * counts the modes holding at least 1 % of the samples within 3·std of their centre, `high_quality` is the
 * share of samples within 3·std of any centre; kl and js compare 100×100 histograms (gan_metrics.hpp).
 */
import { z } from 'zod';

import { native } from './binding.js';
import { DigitsSpecSchema, ImagesSpecSchema } from './dataset-schema.js';
import { num, range } from './schemas-core.js';
import { parseOrThrow } from './validate.js';

export const GAN_DISTRIBUTIONS = ['ring8', 'grid25', 'moons', 'spiral', 'line'] as const;
export const GAN_LOSSES = ['non-saturating', 'minimax', 'least-squares', 'wgan-gp'] as const;

const widths = z.array(num(range('integer', 1, 4096)), { message: 'a list of layer widths' }).min(1, { message: 'at least one hidden layer' }).max(8, { message: 'at most 8 hidden layers' });

/** What both GANs take: the budget, the nets, the loss and the optimizers. */
const ganTraining = {
  steps: num(range('integer', 1, 10_000_000)).optional(),
  batch_size: num(range('integer', 1, 65536)).optional(),
  z_dim: num(range('integer', 1, 1024)).optional(),
  g_hidden: widths.optional(),
  d_hidden: widths.optional(),
  loss: z.enum(GAN_LOSSES, { message: `one of ${GAN_LOSSES.join(', ')}` }).optional(),
  d_steps: num(range('integer', 1, 100)).optional(),
  /** wgan-gp: the penalty's weight λ (default 10) */
  gp_lambda: num(range('number', 0, null)).optional(),
  pack: num(range('integer', 1, 64)).optional(),
  g_lr: num(range('number', 0, 10, true)).optional(),
  d_lr: num(range('number', 0, 10, true)).optional(),
  beta1: num(range('number', 0, 1, false, true)).optional(),
  beta2: num(range('number', 0, 1, false, true)).optional(),
  schedule: z.enum(['cosine', 'constant'], { message: '"cosine" or "constant"' }).optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  eval_every: num(range('integer', 0, 10_000_000)).optional(),
};

export const GanConfigSchema = z.strictObject({
  data: z.enum([...GAN_DISTRIBUTIONS, 'points'], { message: `one of ${GAN_DISTRIBUTIONS.join(', ')}, points` }).optional(),
  /** data "points": x, y, x, y, … (a drawing or a CSV file's two columns) */
  points: z.array(num(range('number', null, null)), { message: 'x, y pairs as one list of numbers' }).min(4, { message: 'at least 2 points' }).max(2_000_000, { message: 'at most 1 000 000 points' }).optional(),
  samples: num(range('integer', 1, 1_000_000)).optional(),
  ...ganTraining,
});
export type GanConfig = z.input<typeof GanConfigSchema>;

export interface GanResult {
  data: string;
  loss: string;
  samples: [number, number][];
  summary: {
    status: 'done' | 'diverged';
    steps: number;
    final: { d_loss: number | null; g_loss: number | null; modes: number | null; high_quality: number | null; kl: number; js: number };
  };
  /** the losses, means over buckets of steps (at most 2 000 points) */
  curves: { step: number[]; d_loss: number[]; g_loss: number[] };
  /** the scores every eval_every steps (1 000 samples) and at the end (`samples` samples) */
  metrics: { step: number[]; modes: (number | null)[]; high_quality: (number | null)[]; kl: number[]; js: number[] };
  per_mode: number[];
  centres: [number, number][];
  std: number | null;
}

export function trainGan(config: GanConfig): GanResult {
  return native().trainGan(parseOrThrow(GanConfigSchema, config, 'gan')) as GanResult;
}

/**
 * The image GAN (native/core/gen/gan_images.hpp): the same loop on an image set, the generator with batch
 * norm and a sigmoid on its pixels. A judge — a classifier's layer list and weights file — labels the
 * final samples: `summary.final.confident` is the share it labels with probability ≥ 0.9.
 */
export const GanImagesConfigSchema = z.strictObject({
  dataset: z.union([z.literal('digits'), DigitsSpecSchema, ImagesSpecSchema], { message: 'an image set: "digits", {name: "digits", …} or {name: "images", …}' }),
  samples: num(range('integer', 1, 100_000)).optional(),
  judge: z.strictObject({ layers: z.array(z.unknown()).min(1, { message: 'a layer list' }), weights: z.string().min(1, { message: 'a weights file' }) }).optional(),
  save_weights: z.string().min(1, { message: 'a file path' }).optional(),
  init_weights: z.string().min(1, { message: 'a file path' }).optional(),
  ...ganTraining,
});
export type GanImagesConfig = z.input<typeof GanImagesConfigSchema>;

export interface GanImagesResult {
  /** the final generator's samples: one row of pixels in [0, 1] each (channel planes, row-major) */
  samples: number[][];
  image: { channels: number; rows: number; cols: number };
  summary: { status: 'done' | 'diverged'; steps: number; final: { d_loss: number | null; g_loss: number | null; confident?: number; min_class_share?: number } };
  curves: { step: number[]; d_loss: number[]; g_loss: number[] };
  /** 16 fixed noise vectors' images at the start and at every evaluation */
  grids: { step: number[]; images: number[][][] };
  loss: string;
  judge?: { confident: number; class_shares: number[]; min_class_share: number; samples: number };
}

export function trainGanImages(config: GanImagesConfig): GanImagesResult {
  return native().trainGan(parseOrThrow(GanImagesConfigSchema, config, 'gan')) as GanImagesResult;
}
