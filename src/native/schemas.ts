/**
 * zod schemas for every engine config — the one source of truth for validation in the CLI, the host
 * and the UI forms. They need no native code (the renderer imports them too): the optimizer,
 * landscape and data set tables come from catalog.ts, generated from the engine's own tables and
 * checked against them by a test, and each lab's ranges are checked against the engine's by the twin
 * validation test (74), so they cannot drift apart. Each lab's schemas are in `<lab>-schema.ts`; this
 * file gathers them for importers that want everything.
 */
export { rangeText, inRange, range, num, finite, type RangeSpec, SessionOptionsSchema } from './schemas-core.js';
export * from './optimizer-schema.js';
export * from './landscape-schema.js';
export * from './dataset-schema.js';
export * from './race-schema.js';
export * from './train-schema.js';
export * from './graph-schema.js';
