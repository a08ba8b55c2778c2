/**
 * Which labs export a run as a PyTorch script, by descriptor id (script.ts explains the exporters).
 */
import { LabError } from '../../native/errors.js';
import { attentionLab } from '../../labs/attention.js';
import { cartpoleLab } from '../../labs/cartpole.js';
import { ganLab } from '../../labs/gan.js';
import { raceLab } from '../../labs/race.js';
import { seqLab } from '../../labs/seq.js';
import { trainLab } from '../../labs/train.js';
import { vaeLab } from '../../labs/vae.js';
import type { Run } from '../../experiments/run-types.js';
import type { RunEvent } from '../../experiments/runs.js';
import { attentionExporter } from './attention.js';
import { cartpoleExporter } from './cartpole.js';
import { ganExporter } from './gan.js';
import { raceExporter } from './race.js';
import { PYTORCH_LAB_IDS } from './labs.js';
import type { ExportFiles, ScriptExporter } from './script.js';
import { seqExporter } from './seq.js';
import { trainExporter } from './train.js';
import { vaeExporter } from './vae.js';

const EXPORTERS: Record<string, ScriptExporter> = {
  [attentionLab.id]: attentionExporter,
  [cartpoleLab.id]: cartpoleExporter,
  [ganLab.id]: ganExporter,
  [raceLab.id]: raceExporter,
  [seqLab.id]: seqExporter,
  [trainLab.id]: trainExporter,
  [vaeLab.id]: vaeExporter,
};

export const PYTORCH_LABS = Object.keys(EXPORTERS);
// labs.ts tells the renderer which labs export: it must name exactly these
if ([...PYTORCH_LAB_IDS].sort().join() !== [...PYTORCH_LABS].sort().join())
  throw new Error(`pytorch export: labs.ts names ${PYTORCH_LAB_IDS.join(', ')}, the exporters are ${PYTORCH_LABS.join(', ')}`);

/** The script of a finished run; a running run or a lab without an exporter is refused by name. */
export function pytorchScript(run: Run, events: RunEvent[], scriptName: string): ExportFiles {
  const exporter = EXPORTERS[run.lab];
  if (!exporter) throw new LabError(`run ${run.id}: lab "${run.lab}" has no PyTorch export yet; expected a run of: ${PYTORCH_LABS.join(', ')}`, 'INVALID_CONFIG');
  return exporter.script(run, events, scriptName);
}
