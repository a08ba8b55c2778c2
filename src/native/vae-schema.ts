/**
 * The VAE lab's schemas, pure (no Node imports: the descriptor and the renderer read them): the one-shot
 * `gradlab vae` (native/core/gen/vae.hpp) and the live session (native/core/labs/vae.hpp) with its
 * updates and probes. The ranges mirror the engine's; the twin validation tests (74, 74b) check both.
 */
import { z } from 'zod';

import { DigitsSpecSchema, ImagesSpecSchema } from './dataset-schema.js';
import { LayerListSchema } from './layers.js';
import { OptimizerSpecSchema } from './optimizer-schema.js';
import { bytes, num, range } from './schemas-core.js';

export const VAE_DECODERS = ['bernoulli', 'gaussian'] as const;

export const VaeConfigSchema = z.strictObject({
  dataset: z.union([z.literal('digits'), DigitsSpecSchema, ImagesSpecSchema], { message: 'an image set: "digits", {name: "digits", …} or {name: "images", …}' }).optional(),
  latent: num(range('integer', 1, 512)).optional(),
  hidden: z.array(num(range('integer', 1, 8192)), { message: 'a list of layer widths' }).min(1, { message: 'at least one hidden layer' }).max(8, { message: 'at most 8 hidden layers' }).optional(),
  /** a layer list (conv…) from the images to flat features, in place of the MLP encoder; heads to μ and log σ² follow */
  encoder_layers: LayerListSchema.optional(),
  /** a layer list from the latent vector to the pixels (flat), in place of the MLP decoder */
  decoder_layers: LayerListSchema.optional(),
  decoder: z.enum(VAE_DECODERS, { message: `one of ${VAE_DECODERS.join(', ')}` }).optional(),
  beta: num(range('number', 0, null)).optional(),
  epochs: num(range('integer', 1, 100_000)).optional(),
  batch_size: num(range('integer', 1, 1_000_000)).optional(),
  optimizer: OptimizerSpecSchema.optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  save_weights: z.string({ message: 'a file path' }).min(1, { message: 'a file path' }).optional(),
});

/** The live session: the one-shot config, weights to start from, and its frames. */
export const VaeLabConfigSchema = VaeConfigSchema.extend({
  /** a finished run's weights (its bytes, or a file) to start from */
  init_weights: z.union([z.string({ message: 'the path of a weights file' }).min(1, { message: 'a non-empty path' }), bytes('the weights file')], { message: 'the path of a weights file, or its bytes' }).optional(),
  frames: z
    .union([
      z.boolean(),
      z.strictObject({
        every_ms: num(range('number', 0, 600_000)).optional(),
        points: num(range('integer', 1, 10_000)).optional(),
        grid: num(range('integer', 2, 32)).optional(),
        pairs: num(range('integer', 1, 64)).optional(),
      }),
    ], { message: 'false or {every_ms, points, grid, pairs}' })
    .optional(),
});
export type VaeLabConfig = z.input<typeof VaeLabConfigSchema>;

/** A probe: decode one latent vector, or interpolate between the means of two scored images. */
export const VaeProbeSchema = z.union([
  z.strictObject({ z: z.array(num(range('number', null, null))).min(1) }),
  z.strictObject({ between: z.tuple([num(range('integer', 0, null)), num(range('integer', 0, null))]), steps: num(range('integer', 2, 64)).optional() }),
], { message: '{z: [...]} or {between: [i, j], steps?}' });

export const VaeLabUpdateSchema = z.strictObject({
  set: z.strictObject({ beta: num(range('number', 0, null)).optional(), lr: num(range('number', 0, 10, true)).optional() }).optional(),
  probe: VaeProbeSchema.optional(),
  steps_per_second: num(range('number', 0, null)).optional(),
});
export type VaeLabUpdate = z.infer<typeof VaeLabUpdateSchema>;
