/**
 * zod schemas of the training lab (MLPs on points, layer stacks on images): its config, its probes and
 * its live updates.
 */
import { z } from 'zod';

import { DatasetSpecSchema } from './dataset-schema.js';
import { LayerListSchema } from './layers.js';
import { OptimizerSpecSchema } from './optimizer-schema.js';
import { bytes, finite, num, range } from './schemas-core.js';

// ---- the training lab -------------------------------------------------------------------------------
export const ACTIVATIONS = ['relu', 'leaky_relu', 'tanh', 'sigmoid', 'gelu', 'softplus', 'identity'] as const;
const activation = z.enum(ACTIVATIONS, { message: `an activation: ${ACTIVATIONS.join(', ')}` });

export const hiddenWidths = z.array(num(range('integer', 1, 4096)), { message: 'an array of layer widths' }).max(16, { message: 'at most 16 hidden layers' });
export const activations = z.union([activation, z.array(activation)]);

export const TrainConfigSchema = z.strictObject({
  dataset: DatasetSpecSchema,
  /** an MLP ({hidden, activation, dropout}) or a layer stack ({layers}: layers.ts) */
  model: z
    .union([
      z.strictObject({
        hidden: hiddenWidths.optional(),
        activation: activations.optional(),
        dropout: num(range('number', 0, 1, false, true)).optional(),
      }),
      z.strictObject({ layers: LayerListSchema }),
    ], { message: '{hidden, activation, dropout} or {layers}' })
    .optional(),
  /** default: cross_entropy (classification), mse (regression); bce = one logit, 2-class data sets only */
  loss: z.enum(['cross_entropy', 'bce', 'mse'], { message: 'one of "cross_entropy", "bce", "mse"' }).optional(),
  optimizer: OptimizerSpecSchema.optional(),
  /** 1 = SGD … the training-set size; 0 = the whole training set (full-batch gradient descent) */
  batch_size: num(range('integer', 0, 1_000_000)).optional(),
  epochs: num(range('integer', 1, 100_000)).default(100),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).default(1),
  /** 1 = this thread; n > 1 = convolutions split each batch over n threads (the same bits for any n); 0 = all cores */
  threads: num(range('integer', 0, 256)).optional(),
  /** penalties added to the loss over every parameter: l2·Σθ², l1·Σ|θ| */
  l2: num(range('number', 0, null)).optional(),
  l1: num(range('number', 0, null)).optional(),
  /** "prediction" frames for the decision boundary / fitted curve; false = none */
  prediction: z
    .union([
      z.literal(false),
      z.strictObject({
        /** cells per side (2-D; default 64) or points along x (1-D; default 256) */
        size: num(range('integer', 2, 512)).optional(),
        /** at least this long between frames (default 100; 0 = after every step) */
        every_ms: num(range('number', 0, null)).optional(),
        /** the area the grid covers (default: the data set's view), e.g. a drawing's whole square */
        view: z
          .strictObject({ xmin: finite(), xmax: finite(), ymin: finite(), ymax: finite() })
          .superRefine((v, ctx) => {
            if (!(v.xmin < v.xmax)) ctx.addIssue({ code: 'custom', path: ['xmax'], message: `a number > xmin (${v.xmin})` });
            else if (!(v.ymin < v.ymax)) ctx.addIssue({ code: 'custom', path: ['ymax'], message: `a number > ymin (${v.ymin})` });
          })
          .optional(),
      }),
    ], { message: 'false or {size, every_ms, view}' })
    .optional(),
  /** image sets: filters, feature maps, confusion and evaluation frames (on unless false; labs/image_frames.hpp) */
  frames: z
    .union([
      z.literal(false),
      z.strictObject({
        every_ms: num(range('number', 0, null)).optional(),
        gallery: num(range('integer', 0, 2000)).optional(),
        example: num(range('integer', 0, null)).optional(),
      }),
    ], { message: 'false or {every_ms, gallery, example}' })
    .optional(),
  /** start from a shipped checkpoint's weights (assets/checkpoints; the host puts them in init_weights) */
  checkpoint: z.string({ message: 'the id of a shipped checkpoint' }).regex(/^[a-z0-9-]{1,64}$/, { message: 'the id of a shipped checkpoint, e.g. cnn-digits' }).optional(),
  /** start from saved weights (same architecture) / write the weights when the run ends */
  init_weights: z
    .union([z.string({ message: 'the path of a weights file' }).min(1, { message: 'a non-empty path' }), bytes('the weights file')], {
      message: 'the path of a weights file, or its bytes',
    })
    .optional(),
  save_weights: z.string({ message: 'the path of a weights file' }).min(1, { message: 'a non-empty path' }).optional(),
  stop: z
    .strictObject({
      target_loss: num(range('number', 0, null)).optional(),
      patience: num(range('integer', 0, 100_000)).optional(),
      min_delta: num(range('number', 0, null)).optional(),
    })
    .optional(),
  /** image sets: each training image shifted by up to `shift` pixels and, with flip, mirrored at random (data/augment.hpp) */
  augment: z
    .strictObject({
      shift: num(range('integer', 0, 8)).optional(),
      flip: z.boolean({ message: 'true or false' }).optional(),
    })
    .optional(),
}).superRefine((o, ctx) => {
  const a = o.augment;
  if (!a || (!a.shift && !a.flip)) return;
  const name = typeof o.dataset === 'string' ? o.dataset : (o.dataset as { name?: unknown }).name;
  if (name !== 'digits' && name !== 'images' && name !== 'upload')
    ctx.addIssue({ code: 'custom', path: ['augment'], message: `an image set to shift and mirror (the data set "${String(name)}" holds points; leave augment out)` });
});
export type TrainConfig = z.input<typeof TrainConfigSchema>;

/** image sets: a "features" frame for this test image or drawn picture (C·H·W numbers in [0, 1]) */
export const TrainProbeSchema = z.union([
  z.strictObject({ example: num(range('integer', 0, null)) }),
  z.strictObject({ pixels: z.array(num(range('number', 0, 1))).max(16_777_216) }),
], { message: '{example} or {pixels}' });
export type TrainProbe = z.infer<typeof TrainProbeSchema>;

export const TrainUpdateSchema = z.strictObject({
  set: z.record(z.string(), z.union([z.number(), z.boolean()])).optional(),
  probe: TrainProbeSchema.optional(),
  steps_per_second: num(range('number', 0, null)).optional(),
  /** a new epoch budget for the run (never below the epoch under way): "continue for N more epochs" */
  epochs: num(range('integer', 1, 100_000)).optional(),
});
export type TrainUpdate = z.infer<typeof TrainUpdateSchema>;
