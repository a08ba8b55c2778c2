/**
 * zod schemas of a data set spec: a generated set with its settings (catalog.ts), a CSV text, the
 * shipped digits, or decoded images.
 */
import { z } from 'zod';

import { DATASETS, type HyperMeta } from './catalog.js';
import { bytes, inRange, num, range, rangeText } from './schemas-core.js';
import { parseOrThrow } from './validate.js';

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
const CsvSpecSchema = z.strictObject({
  name: z.literal('csv'),
  kind: z.enum(['classification', 'regression'], { message: '"classification" or "regression"' }).optional(),
  text: z.string({ message: 'the CSV text' }).max(256 * 1024 * 1024, { message: 'at most 256 MiB of CSV' }),
  test_fraction: num(range('number', 0, 0.9)).optional(),
  seed: num(range('integer', 0, Number.MAX_SAFE_INTEGER)).optional(),
});
/** The sets with a schema of their own: a spec naming one that its schema refuses gets that schema's words. */
const OWN_SCHEMA: Record<string, z.ZodType> = { digits: DigitsSpecSchema, images: ImagesSpecSchema, csv: CsvSpecSchema };

export const DatasetSpecSchema = z.union([
  z.literal('digits'),
  DigitsSpecSchema,
  ImagesSpecSchema,
  z.string({ message: 'a data set name or {name, …}' }).superRefine((name, ctx) => checkDatasetParams({ name }, ctx)),
  CsvSpecSchema,
  z.looseObject({ name: z.string({ message: 'a data set name' }) }).superRefine((o, ctx) => {
    const own = OWN_SCHEMA[o.name];
    if (!own) return checkDatasetParams(o, ctx);
    // {name: "digits", train: 20000}: the digits' own issue ("train: expected an integer in [1, 10000]"), not "unknown data set"
    const r = own.safeParse(o);
    if (!r.success) for (const i of r.error.issues) ctx.addIssue({ code: 'custom', path: i.path as PropertyKey[], message: i.message });
  }),
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
