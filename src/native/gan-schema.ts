/**
 * The GAN lab's schemas, pure (no Node imports: the descriptor and the renderer read them): the one-shot
 * 2-D and image GANs of `gradlab gan` (native/core/gen/gan.hpp, gan_images.hpp) and the live session
 * (native/core/labs/gan.hpp) with its updates. The ranges mirror the engine's; the twin validation
 * tests (74, 74b) throw random configs at both.
 */
import { z } from 'zod';

import { DigitsSpecSchema, ImagesSpecSchema } from './dataset-schema.js';
import { LayerListSchema } from './layers.js';
import { bytes, num, range } from './schemas-core.js';

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

/** What the engine checks across fields (read_gan_training): λ only with WGAN-GP; packs that divide the batch. */
function checkGanTraining(c: { loss?: string; gp_lambda?: number; pack?: number; batch_size?: number }, ctx: z.RefinementCtx): void {
  if (c.gp_lambda !== undefined && c.loss !== 'wgan-gp')
    ctx.addIssue({ code: 'custom', path: ['gp_lambda'], message: `expected nothing: the penalty belongs to loss "wgan-gp", got ${c.gp_lambda}` });
  const batch = c.batch_size ?? 256;
  if (!Number.isInteger(batch) || !Number.isInteger(c.pack ?? 2) || batch % (c.pack ?? 2) === 0) return;
  if (c.pack !== undefined) ctx.addIssue({ code: 'custom', path: ['pack'], message: `expected a divisor of the batch size (${batch}), got ${c.pack}` });
  else ctx.addIssue({ code: 'custom', path: ['batch_size'], message: `expected a multiple of pack (2, the default), got ${batch}` });
}

export const GanConfigSchema = z.strictObject({
  data: z.enum([...GAN_DISTRIBUTIONS, 'points'], { message: `one of ${GAN_DISTRIBUTIONS.join(', ')}, points` }).optional(),
  /** data "points": x, y, x, y, … (a drawing or a CSV file's two columns) */
  points: z.array(num(range('number', null, null)), { message: 'x, y pairs as one list of numbers' }).min(4, { message: 'at least 2 points' }).max(2_000_000, { message: 'at most 1 000 000 points' }).optional(),
  samples: num(range('integer', 1, 1_000_000)).optional(),
  ...ganTraining,
}).superRefine(checkGanTraining);
/** An image GAN's nets as layer lists (a DCGAN): the generator z → pixels (flat), the discriminator a
 * pack of images as channels [pack·C, H, W] → one logit. The engine checks their shapes. */
const ganLayers = {
  g_layers: LayerListSchema.optional(),
  d_layers: LayerListSchema.optional(),
  /** threads the convolutions split each batch over (0: every core, the default with a layer list; else 1) */
  threads: num(range('integer', 0, 256)).optional(),
};

/** WGAN-GP's penalty needs the MLP critic. */
function checkGanLayers(c: { loss?: string; d_layers?: unknown }, ctx: z.RefinementCtx): void {
  if (c.d_layers !== undefined && c.loss === 'wgan-gp')
    ctx.addIssue({ code: 'custom', path: ['d_layers'], message: 'expected nothing with loss "wgan-gp": its gradient penalty needs the MLP critic (d_hidden)' });
}

export const GanImagesConfigSchema = z.strictObject({
  dataset: z.union([z.literal('digits'), DigitsSpecSchema, ImagesSpecSchema], { message: 'an image set: "digits", {name: "digits", …} or {name: "images", …}' }),
  ...ganLayers,
  samples: num(range('integer', 1, 100_000)).optional(),
  judge: z.strictObject({ layers: z.array(z.unknown()).min(1, { message: 'a layer list' }), weights: z.string().min(1, { message: 'a weights file' }) }).optional(),
  save_weights: z.string().min(1, { message: 'a file path' }).optional(),
  init_weights: z.string().min(1, { message: 'a file path' }).optional(),
  ...ganTraining,
}).superRefine((c, ctx) => {
  checkGanTraining(c, ctx);
  checkGanLayers(c, ctx);
});

/** The live session (labs/gan.hpp): the 2-D GAN with its frames, or with `dataset` the image GAN and
 * its sample grid; eval_every defaults to steps / 100. */
export const GanLabConfigSchema = z.strictObject({
  data: GanConfigSchema.shape.data,
  points: GanConfigSchema.shape.points,
  dataset: GanImagesConfigSchema.shape.dataset.optional(),
  ...ganTraining,
  ...ganLayers,
  frames: z
    .union([
      z.boolean(),
      z.strictObject({
        every_ms: num(range('number', 0, 600_000)).optional(),
        grid: num(range('integer', 2, 256)).optional(),
        fakes: num(range('integer', 1, 4096)).optional(),
        manifold: num(range('integer', 2, 64)).optional(),
        /** images: how many samples of fixed noise each frame shows (64) */
        samples: num(range('integer', 1, 4096)).optional(),
      }),
    ], { message: 'false or {every_ms, grid, fakes, manifold} (images: {every_ms, samples})' })
    .optional(),
  /** what each step trains: "both" (D then G, the default), "d" or "g" only */
  nets: z.enum(['both', 'd', 'g'], { message: '"both" (D then G), "d" (D only) or "g" (G only)' }).optional(),
  /** start from a shipped checkpoint's nets (assets/checkpoints; the host puts them in init_weights) */
  checkpoint: z.string({ message: 'the id of a shipped checkpoint' }).regex(/^[a-z0-9-]{1,64}$/, { message: 'the id of a shipped checkpoint, e.g. gan-digits' }).optional(),
  /** start from trained nets (both, as the lab writes them, or the generator alone) / write both when the run ends */
  init_weights: z
    .union([z.string({ message: 'the path of a weights file' }).min(1, { message: 'a non-empty path' }), bytes('the weights file')], { message: 'the path of a weights file, or its bytes' })
    .optional(),
  save_weights: z.string({ message: 'the path of a weights file' }).min(1, { message: 'a non-empty path' }).optional(),
}).superRefine((c, ctx) => {
  checkGanTraining(c, ctx);
  const images = c.dataset !== undefined;
  for (const k of ['data', 'points'] as const)
    if (images && c[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'expected nothing: an image GAN\'s data is its dataset' });
  for (const k of ['g_layers', 'd_layers', 'threads'] as const)
    if (!images && c[k] !== undefined)
      ctx.addIssue({ code: 'custom', path: [k], message: 'expected nothing: layer lists and threads are for an image GAN (a dataset); the 2-D nets take g_hidden and d_hidden' });
  if (images) checkGanLayers(c, ctx);
  if (typeof c.frames === 'object') {
    const own = images ? ['every_ms', 'samples'] : ['every_ms', 'grid', 'fakes', 'manifold'];
    for (const k of Object.keys(c.frames))
      if (!own.includes(k)) ctx.addIssue({ code: 'custom', path: ['frames', k], message: `unknown field; expected one of: ${own.join(', ')}` });
  }
});
export type GanLabConfig = z.input<typeof GanLabConfigSchema>;

/** What a live change may set: the step sizes and D steps, and which nets a step trains. */
export const GanLabUpdateSchema = z.strictObject({
  set: z
    .strictObject({
      g_lr: num(range('number', 0, 10, true)).optional(),
      d_lr: num(range('number', 0, 10, true)).optional(),
      d_steps: num(range('integer', 1, 100)).optional(),
    })
    .optional(),
  nets: z.enum(['both', 'd', 'g'], { message: '"both" (D then G), "d" (D only) or "g" (G only)' }).optional(),
  steps_per_second: num(range('number', 0, null)).optional(),
});
export type GanLabUpdate = z.infer<typeof GanLabUpdateSchema>;
