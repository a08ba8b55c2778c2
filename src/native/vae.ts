/**
 * The VAE lab's engine (issue #13; native/core/gen/vae.hpp): a variational autoencoder trained on an
 * image set in one synchronous call, as the CLI uses it.
 *   trainVae({ dataset: 'digits', latent: 2, hidden: [256], epochs: 10, batch_size: 64, optimizer: { type: 'adam', lr: 1e-3 } })
 * summary.final.test_loss is the negative ELBO per test example in nats (β = 1, one ε per example).
 */
import { z } from 'zod';

import { native } from './binding.js';
import { DigitsSpecSchema, ImagesSpecSchema } from './dataset-schema.js';
import { OptimizerSpecSchema } from './optimizer-schema.js';
import { num, range } from './schemas-core.js';
import { parseOrThrow } from './validate.js';

export const VAE_DECODERS = ['bernoulli', 'gaussian'] as const;

export const VaeConfigSchema = z.strictObject({
  dataset: z.union([z.literal('digits'), DigitsSpecSchema, ImagesSpecSchema], { message: 'an image set: "digits", {name: "digits", …} or {name: "images", …}' }).optional(),
  latent: num(range('integer', 1, 512)).optional(),
  hidden: z.array(num(range('integer', 1, 8192)), { message: 'a list of layer widths' }).min(1, { message: 'at least one hidden layer' }).max(8, { message: 'at most 8 hidden layers' }).optional(),
  decoder: z.enum(VAE_DECODERS, { message: `one of ${VAE_DECODERS.join(', ')}` }).optional(),
  beta: num(range('number', 0, null)).optional(),
  epochs: num(range('integer', 1, 100_000)).optional(),
  batch_size: num(range('integer', 1, 1_000_000)).optional(),
  optimizer: OptimizerSpecSchema.optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  save_weights: z.string({ message: 'a file path' }).min(1, { message: 'a file path' }).optional(),
});
export type VaeConfig = z.input<typeof VaeConfigSchema>;

export interface VaeLosses {
  test_loss: number;
  test_recon: number;
  test_kl: number;
  train_loss: number;
  train_recon: number;
  train_kl: number;
}

export interface VaeResult {
  summary: { status: 'done' | 'diverged'; epochs: number; steps: number; parameters: number; ms_per_step: number; final: VaeLosses };
  /** per epoch: the training means (weights changing as it went) and the test set's at its end */
  epochs: { epoch: number[] } & { [K in keyof VaeLosses]: number[] };
  /** per step: the batch's reconstruction term and KL, means per example in nats */
  steps: { recon: number[]; kl: number[] };
  latent: number;
  beta: number;
  train_examples: number;
  test_examples: number;
}

export function trainVae(config: VaeConfig): VaeResult {
  return native().trainVae(parseOrThrow(VaeConfigSchema, config, 'vae')) as VaeResult;
}
