/**
 * zod schemas of the computation-graph lesson: an expression, or one example through the training
 * lab's MLP.
 */
import { z } from 'zod';

import { DatasetSpecSchema } from './dataset-schema.js';
import { activations, hiddenWidths } from './train-schema.js';
import { finite, num, range } from './schemas-core.js';
import { parseOrThrow } from './validate.js';

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
