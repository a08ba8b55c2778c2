/**
 * The weights a run starts from, for any lab with a net (native Lab::weights_bytes): the config is
 * checked by the lab's own schema, its frames and weight-saving switched off, and the lab built (not
 * run) in the engine. What `gradlab runs export --pytorch` embeds so a script starts where we did.
 */
import type { LabDescriptor } from '../labs/kit.js';
import { native } from './binding.js';
import { resolveCheckpoint } from './checkpoints.js';
import { parseOrThrow } from './validate.js';

export function labInitialWeights(lab: LabDescriptor, config: unknown): Buffer {
  // a run from a shipped checkpoint starts from its weights (the stored config keeps only the id)
  const { run } = resolveCheckpoint(lab.id, parseOrThrow(lab.configSchema, config, lab.id));
  const c: Record<string, unknown> = { ...(run as Record<string, unknown>), frames: false };
  delete c.save_weights;
  return native().labInitialWeights(lab.id, c);
}
