/**
 * Every lab's descriptor (kit.ts), in the order the app lists them. Adding a lab adds its descriptor
 * here — the one line outside its own files (docs/labs.md).
 */
import { attentionLab } from './attention.js';
import { cartpoleLab } from './cartpole.js';
import { ganLab } from './gan.js';
import { gridworldLab } from './gridworld.js';
import { mctsLab } from './mcts.js';
import type { LabDescriptor } from './kit.js';
import { raceLab } from './race.js';
import { seqLab } from './seq.js';
import { trainLab } from './train.js';
import { vaeLab } from './vae.js';

export const LABS: readonly LabDescriptor[] = [raceLab, trainLab, seqLab, attentionLab, ganLab, vaeLab, gridworldLab, cartpoleLab, mctsLab];

/** The descriptor of lab `id`, or undefined for an id no lab has (a run from a newer app). */
export function labOf(id: string): LabDescriptor | undefined {
  return LABS.find((d) => d.id === id);
}

export * from './kit.js';
