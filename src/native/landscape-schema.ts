/**
 * zod schemas of a landscape (a built-in function with its parameters, or a formula) and of a grid
 * evaluation for contour maps; the names and ranges come from catalog.ts.
 */
import { z } from 'zod';

import { LANDSCAPES, type HyperMeta } from './catalog.js';
import { finite, inRange, num, range, rangeText } from './schemas-core.js';
import { parseOrThrow } from './validate.js';

export type LandscapeName = (typeof LANDSCAPES)[number]['name'];

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

export const parseGridRequest = (input: unknown): GridRequest => parseOrThrow(GridRequestSchema, input, 'grid');
