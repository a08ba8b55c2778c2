/**
 * zod schemas for every engine config — the one source of truth for validation in the CLI, the host
 * and the UI forms. They need no native code (the renderer imports them too): the optimizer and
 * landscape tables come from catalog.ts, generated from the engine's own tables and checked against
 * them by a test, so ranges and defaults cannot drift apart.
 */
import { z } from 'zod';

import { DATASETS, LANDSCAPES, OPTIMIZERS, type HyperMeta } from './catalog.js';
import { LayerListSchema } from './layers.js';
import { parseOrThrow } from './validate.js';

export type OptimizerType = (typeof OPTIMIZERS)[number]['type'];
export type LandscapeName = (typeof LANDSCAPES)[number]['name'];
type OptimizerMetaOf<T extends OptimizerType> = Extract<(typeof OPTIMIZERS)[number], { type: T }>;
export type HyperNameOf<T extends OptimizerType> = OptimizerMetaOf<T>['hypers'][number]['name'];

export { rangeText, inRange, range, num, finite, type RangeSpec } from './schemas-core.js';
import { inRange, num, range, rangeText, finite } from './schemas-core.js';

// ---- learning-rate schedules ----------------------------------------------------------------------
export const ScheduleSchema = z.strictObject({
  type: z.enum(['constant', 'step', 'exponential', 'cosine'], {
    message: '"constant", "step", "exponential" or "cosine"',
  }),
  step_size: num(range('integer', 1, null)).optional(),
  gamma: num(range('number', 0, null, true)).optional(),
  total: num(range('integer', 1, null)).optional(),
  min_factor: num(range('number', 0, 1)).optional(),
  warmup: num(range('integer', 0, null)).optional(),
});
export type ScheduleSpec = z.infer<typeof ScheduleSchema>;

// ---- optimizers -----------------------------------------------------------------------------------
const RESERVED = new Set(['type', 'name', 'schedule']);
const optimizerTypes = OPTIMIZERS.map((o) => o.type).join(', ');

export type OptimizerSpec = {
  [T in OptimizerType]: { type: T; name?: string; schedule?: ScheduleSpec } & { [K in HyperNameOf<T>]?: number | boolean };
}[OptimizerType];

export const OptimizerSpecSchema = z
  .looseObject({
    type: z.string({ message: 'an optimizer type (a string)' }),
    name: z.string({ message: 'a display name (a string)' }).max(80, { message: 'a name of at most 80 characters' }).optional(),
    schedule: ScheduleSchema.optional(),
  })
  .superRefine((o, ctx) => {
    const meta = OPTIMIZERS.find((m) => m.type === o.type);
    if (!meta) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `unknown optimizer ${JSON.stringify(o.type)}; expected one of: ${optimizerTypes}`,
        params: { labCode: 'UNKNOWN_OPTIMIZER' },
      });
      return;
    }
    for (const [key, value] of Object.entries(o)) {
      if (RESERVED.has(key)) continue;
      const h = (meta.hypers as readonly HyperMeta[]).find((x) => x.name === key);
      if (!h) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${meta.type} has no hyper-parameter "${key}"; expected one of: ${meta.hypers.map((x) => x.name).join(', ')}`,
          params: { labCode: 'UNKNOWN_HYPERPARAMETER' },
        });
      } else if (!inRange(value, h)) {
        ctx.addIssue({ code: 'custom', path: [key], message: rangeText(h) });
      }
    }
  }) as unknown as z.ZodType<OptimizerSpec>;

// ---- landscapes -----------------------------------------------------------------------------------
const landscapeNames = LANDSCAPES.map((l) => l.name).join(', ');

function checkLandscapeName(name: string, ctx: z.RefinementCtx, path: PropertyKey[]): (typeof LANDSCAPES)[number] | undefined {
  const meta = LANDSCAPES.find((l) => l.name === name);
  if (!meta)
    ctx.addIssue({
      code: 'custom',
      path,
      message: `unknown function ${JSON.stringify(name)}; expected one of: ${landscapeNames}, or {formula: "…"}`,
      params: { labCode: 'UNKNOWN_FUNCTION' },
    });
  return meta;
}

export const FunctionSpecSchema = z.union([
  z.string({ message: 'a function name or {formula}' }).superRefine((name, ctx) => void checkLandscapeName(name, ctx, [])),
  z
    .strictObject({ name: z.string(), params: z.record(z.string(), z.unknown()).optional() })
    .superRefine((o, ctx) => {
      const meta = checkLandscapeName(o.name, ctx, ['name']);
      if (!meta) return;
      for (const [key, value] of Object.entries(o.params ?? {})) {
        const h = (meta.params as readonly HyperMeta[]).find((p) => p.name === key);
        if (!h) {
          const known = meta.params.map((p) => p.name).join(', ') || 'none';
          ctx.addIssue({ code: 'custom', path: ['params', key], message: `unknown parameter; ${meta.name} takes: ${known}`, params: { labCode: 'INVALID_CONFIG' } });
        } else if (!inRange(value, h)) {
          ctx.addIssue({ code: 'custom', path: ['params', key], message: rangeText(h) });
        }
      }
    }),
  z.strictObject({
    formula: z.string({ message: 'a formula (a string)' }).min(1, { message: 'a non-empty formula' }).max(2000, { message: 'a formula of at most 2000 characters' }),
  }),
]);
export type FunctionSpec = z.infer<typeof FunctionSpecSchema>;

// ---- the optimizer race ---------------------------------------------------------------------------
export const MAX_RACE_STEPS = 10_000_000;

export const RaceConfigSchema = z.strictObject({
  function: FunctionSpecSchema,
  start: z.tuple([finite(), finite()], { message: 'an array of two finite numbers [x, y]' }).optional(),
  steps: num(range('integer', 1, MAX_RACE_STEPS)).default(1000),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).default(1),
  noise: z.strictObject({ sigma: num(range('number', 0, null)) }).optional(),
  stop: z
    .strictObject({
      grad_tol: num(range('number', 0, null)).optional(),
      f_target: finite().optional(),
      diverge_bound: num(range('number', 0, null, true)).optional(),
    })
    .optional(),
  optimizers: z
    .array(OptimizerSpecSchema, { message: 'an array of optimizers' })
    .min(1, { message: '1 to 16 optimizers' })
    .max(16, { message: '1 to 16 optimizers' }),
});
export type RaceConfig = z.input<typeof RaceConfigSchema>;
export type ParsedRaceConfig = z.output<typeof RaceConfigSchema>;

export const RaceUpdateSchema = z.strictObject({
  optimizer: num(range('integer', 0, 15)).optional(),
  set: z.record(z.string(), z.union([z.number(), z.boolean()])).optional(),
  noise: z.strictObject({ sigma: num(range('number', 0, null)) }).optional(),
  steps_per_second: num(range('number', 0, null)).optional(),
});
export type RaceUpdate = z.infer<typeof RaceUpdateSchema>;

export const SessionOptionsSchema = z.strictObject({
  steps_per_second: num(range('number', 0, null)).optional(),
  max_rows: num(range('integer', 1, 1e6)).optional(),
  flush_ms: num(range('number', 0, 10000)).optional(),
});

// ---- grid evaluation (contour maps) ---------------------------------------------------------------
export const GridRequestSchema = z.strictObject({
  function: FunctionSpecSchema,
  width: num(range('integer', 2, 4096)),
  height: num(range('integer', 2, 4096)),
  bounds: z
    .strictObject({ xmin: finite(), xmax: finite(), ymin: finite(), ymax: finite() })
    .refine((b) => b.xmin < b.xmax && b.ymin < b.ymax, { message: 'bounds with xmin < xmax and ymin < ymax' })
    .optional(),
});
export type GridRequest = z.infer<typeof GridRequestSchema>;

export const parseRaceUpdate = (input: unknown): RaceUpdate => parseOrThrow(RaceUpdateSchema, input, 'update');
export const parseGridRequest = (input: unknown): GridRequest => parseOrThrow(GridRequestSchema, input, 'grid');

// ---- data sets (training lab) ---------------------------------------------------------------------
export type DatasetName = (typeof DATASETS)[number]['name'];
const datasetNames = DATASETS.map((d) => d.name).join(', ');

function checkDatasetParams(o: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const meta = DATASETS.find((d) => d.name === o.name);
  if (!meta) {
    ctx.addIssue({
      code: 'custom',
      path: ['name'],
      message: `unknown data set ${JSON.stringify(o.name)}; expected one of: ${datasetNames}, csv, digits, images`,
      params: { labCode: 'INVALID_CONFIG' },
    });
    return;
  }
  for (const [key, value] of Object.entries(o)) {
    if (key === 'name') continue;
    const h = (meta.params as readonly HyperMeta[]).find((p) => p.name === key);
    if (!h) {
      const known = meta.params.map((p) => p.name).join(', ');
      ctx.addIssue({ code: 'custom', path: [key], message: `unknown setting; ${meta.name} takes: ${known}`, params: { labCode: 'INVALID_CONFIG' } });
    } else if (!inRange(value, h)) {
      ctx.addIssue({ code: 'custom', path: [key], message: rangeText(h) });
    }
  }
}

const bytes = (what: string) => z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: `${what} as bytes (a Uint8Array)` });

/** The 10 000 shipped MNIST digits, split by a seeded shuffle (8 000 + 2 000 unless said). */
export const DigitsSpecSchema = z.strictObject({
  name: z.literal('digits'),
  train: num(range('integer', 1, 10000)).optional(),
  test: num(range('integer', 0, 9999)).optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
});
/**
 * Decoded images (src/data/ reads IDX files and image folders): pixels 0–255, channel planes one after
 * another, one label byte per image; with a test pair, or split by test_fraction (default 0.2).
 */
export const ImagesSpecSchema = z.strictObject({
  name: z.literal('images'),
  channels: num(range('integer', 1, 4)),
  rows: num(range('integer', 1, 4096)),
  cols: num(range('integer', 1, 4096)),
  classes: num(range('integer', 2, 256)).optional(),
  pixels: bytes('the pixels'),
  labels: bytes('the labels'),
  test_pixels: bytes('the test pixels').optional(),
  test_labels: bytes('the test labels').optional(),
  test_fraction: num(range('number', 0, 0.9)).optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
});
export type DigitsSpec = z.input<typeof DigitsSpecSchema>;
export type ImagesSpec = z.input<typeof ImagesSpecSchema>;

/**
 * A generated set ("spiral" or {name: "spiral", classes: 5, noise: 0.2}), a CSV given as text, the
 * shipped digits, or decoded images.
 */
export const DatasetSpecSchema = z.union([
  z.literal('digits'),
  DigitsSpecSchema,
  ImagesSpecSchema,
  z.string({ message: 'a data set name or {name, …}' }).superRefine((name, ctx) => checkDatasetParams({ name }, ctx)),
  z.strictObject({
    name: z.literal('csv'),
    kind: z.enum(['classification', 'regression'], { message: '"classification" or "regression"' }).optional(),
    text: z.string({ message: 'the CSV text' }).max(256 * 1024 * 1024, { message: 'at most 256 MiB of CSV' }),
    test_fraction: num(range('number', 0, 0.9)).optional(),
    seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  }),
  z.looseObject({ name: z.string({ message: 'a data set name' }) }).superRefine((o, ctx) => checkDatasetParams(o, ctx)),
], { message: 'a data set name or {name, …}' });
type DatasetParamOf<N extends DatasetName> = Extract<(typeof DATASETS)[number], { name: N }>['params'][number]['name'];
export type DatasetSpec =
  | DatasetName
  | 'digits'
  | DigitsSpec
  | ImagesSpec
  | { name: 'csv'; kind?: 'classification' | 'regression'; text: string; test_fraction?: number; seed?: number }
  | { [N in DatasetName]: { name: N } & { [K in DatasetParamOf<N>]?: number } }[DatasetName];

export const parseDatasetSpec = (input: unknown): DatasetSpec => parseOrThrow(DatasetSpecSchema, input, 'dataset') as DatasetSpec;

// ---- the training lab -------------------------------------------------------------------------------
export const ACTIVATIONS = ['relu', 'leaky_relu', 'tanh', 'sigmoid', 'gelu', 'softplus', 'identity'] as const;
const activation = z.enum(ACTIVATIONS, { message: `an activation: ${ACTIVATIONS.join(', ')}` });

const hiddenWidths = z.array(num(range('integer', 1, 4096)), { message: 'an array of layer widths' }).max(16, { message: 'at most 16 hidden layers' });
const activations = z.union([activation, z.array(activation)]);

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
});
export type TrainUpdate = z.infer<typeof TrainUpdateSchema>;


// ---- the graph lesson -------------------------------------------------------------------------------
/** A scalar expression over named variables; neither field: the default lesson L = (w*x + b - y)^2. */
export const ExpressionGraphConfigSchema = z.strictObject({
  kind: z.literal('expression', { message: '"expression" or "network"' }).optional(),
  expression: z.string({ message: 'an expression (a string)' }).max(2000, { message: 'an expression of at most 2000 characters' }).optional(),
  values: z.record(z.string(), finite(), { message: 'an object of variable values, e.g. {w: 0.5, x: 2}' }).optional(),
});
/** One row (`example`: training rows first, then test rows) through the training lab's MLP. */
export const NetworkGraphConfigSchema = z.strictObject({
  kind: z.literal('network'),
  dataset: DatasetSpecSchema,
  model: z.strictObject({ hidden: hiddenWidths.optional(), activation: activations.optional() }).optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
  weights: z.string({ message: 'the path of a weights file' }).min(1, { message: 'a non-empty path' }).optional(),
  example: num(range('integer', 0, null)).optional(),
});
export type ExpressionGraphConfig = z.input<typeof ExpressionGraphConfigSchema>;
export type NetworkGraphConfig = z.input<typeof NetworkGraphConfigSchema>;
export type GraphConfig = ExpressionGraphConfig | NetworkGraphConfig;

export function parseGraphConfig(input: unknown): GraphConfig {
  const kind = input !== null && typeof input === 'object' ? (input as { kind?: unknown }).kind : undefined;
  if (kind === 'network') return parseOrThrow(NetworkGraphConfigSchema, input, 'graph');
  return parseOrThrow(ExpressionGraphConfigSchema, input, 'graph');
}
