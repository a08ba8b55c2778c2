/**
 * The GAN lab's 2-D engine (issue #13; native/core/gen/gan.hpp): a generator and a discriminator MLP
 * trained against each other on a 2-D distribution, in one synchronous call, as the CLI uses it.
 *   trainGan({ data: 'ring8', steps: 10000, seed: 1 })
 * `samples` are points of the final generator; for the mixtures (ring8, grid25) `summary.final.modes`
 * counts the modes holding at least 1 % of the samples within 3·std of their centre, `high_quality` is the
 * share of samples within 3·std of any centre; kl and js compare 100×100 histograms (gan_metrics.hpp).
 */
import type { z } from 'zod';

import { native } from './binding.js';
import type { Batch, Frame } from './events.js';
import { GanConfigSchema, GanImagesConfigSchema, GanLabConfigSchema, type GanLabConfig } from './gan-schema.js';
import { LabSession, type SessionOptions } from './session.js';
import { parseOrThrow } from './validate.js';

export { GAN_DISTRIBUTIONS, GAN_LOSSES, GanConfigSchema, GanImagesConfigSchema, GanLabConfigSchema, GanLabUpdateSchema, type GanLabConfig, type GanLabUpdate } from './gan-schema.js';

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

/** The live session's summary (labs/gan.hpp): the last losses and scores; modes and high_quality are null unless a mixture. */
export interface GanLabSummary {
  status: 'completed' | 'stopped' | 'diverged';
  steps: number;
  data: string;
  loss: string;
  per_mode: number[];
  final: { d_loss: number | null; g_loss: number | null; modes: number | null; high_quality: number | null; kl: number | null; js: number | null };
  elapsed_ms: number;
  compute_ms: number;
  ms_per_step: number;
}

/** The "gan" frame's meta; its data are real, fakes, pull (2 numbers per point each), field (grid²), manifold (rows·cols·2), in that order. */
export interface GanFrameMeta {
  real: number;
  fakes: number;
  grid: number;
  manifold: [number, number];
  bounds: { xmin: number; xmax: number; ymin: number; ymax: number };
  field: 'probability' | 'score';
  field_min: number | null;
  field_max: number | null;
  centres: [number, number][];
  std: number | null;
  nets: 'both' | 'd' | 'g';
}

/** Starts a live GAN session: streams "batch" (step, d_loss, g_loss) and "eval" (step, modes, high_quality, kl, js), frames "gan". */
export function startGan(config: GanLabConfig, options: SessionOptions = {}): LabSession<GanLabSummary, Batch, unknown, Frame<GanFrameMeta>> {
  return new LabSession('gan', parseOrThrow(GanLabConfigSchema, config, 'gan'), options);
}
