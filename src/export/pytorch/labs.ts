/**
 * The labs whose runs export as a PyTorch script (#16), by descriptor id: pure, so the renderer offers
 * the export only where it exists. src/export/pytorch/index.ts holds an exporter for each, and refuses
 * to load if the two disagree.
 */
import { attentionLab } from '../../labs/attention.js';
import { cartpoleLab } from '../../labs/cartpole.js';
import { ganLab } from '../../labs/gan.js';
import { raceLab } from '../../labs/race.js';
import { seqLab } from '../../labs/seq.js';
import { trainLab } from '../../labs/train.js';
import { vaeLab } from '../../labs/vae.js';

export const PYTORCH_LAB_IDS: readonly string[] = [raceLab.id, trainLab.id, seqLab.id, attentionLab.id, ganLab.id, vaeLab.id, cartpoleLab.id];
