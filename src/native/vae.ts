/**
 * The VAE lab's engine (issue #13; native/core/gen/vae.hpp): a variational autoencoder trained on an
 * image set in one synchronous call, as the CLI uses it.
 *   trainVae({ dataset: 'digits', latent: 2, hidden: [256], epochs: 10, batch_size: 64, optimizer: { type: 'adam', lr: 1e-3 } })
 * summary.final.test_loss is the negative ELBO per test example in nats (β = 1, one ε per example).
 */
import type { z } from 'zod';

import { native } from './binding.js';
import type { Batch, Frame } from './events.js';
import { LabSession, type SessionOptions } from './session.js';
import { parseOrThrow } from './validate.js';
import { VaeConfigSchema, VaeLabConfigSchema, type VaeLabConfig } from './vae-schema.js';

export { VAE_DECODERS, VaeConfigSchema, VaeLabConfigSchema, VaeLabUpdateSchema, type VaeLabConfig, type VaeLabUpdate } from './vae-schema.js';

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

/** The live session's summary (labs/vae.hpp): the last epoch's losses (train ones null at epoch 0). */
export interface VaeLabSummary {
  status: 'completed' | 'stopped' | 'diverged';
  steps: number;
  epochs: number;
  parameters: number;
  latent: number;
  beta: number;
  final: { epoch: number } & { [K in keyof VaeLosses]: number | null };
  elapsed_ms: number;
  compute_ms: number;
  ms_per_step: number;
}

/**
 * Starts a live VAE session: streams "batch" (step, epoch, loss, recon, kl) and "epoch" (epoch, step,
 * train_/test_ loss, recon, kl, beta); frames "latent", "manifold", "reconstructions", and "decoded" or
 * "interpolation" for probes (update({probe: {z}}) or {probe: {between: [i, j]}}).
 */
export function startVae(config: VaeLabConfig, options: SessionOptions = {}): LabSession<VaeLabSummary, Batch, unknown, Frame<Record<string, unknown>>> {
  return new LabSession('vae', parseOrThrow(VaeLabConfigSchema, config, 'vae'), options);
}

