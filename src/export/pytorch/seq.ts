/**
 * An RNN-lab run (a character model on a text, or a sequence task) as a PyTorch script (seq.py is the
 * template): the text or the task, the net's shape read from the run's own initial weights, the
 * optimizer with the lab's defaults and schedule, clipping, steps, batch and live changes of lr. The
 * script draws the lab's batches from the engine's random numbers. Fidelity: the final validation loss
 * within 5% of ours (test/node/E12b.pytorch-export-seq.test.ts).
 */
import { seqLab } from '../../labs/seq.js';
import { labInitialWeights } from '../../native/initial-weights.js';
import type { Run } from '../../experiments/run-types.js';
import type { RunEvent } from '../../experiments/runs.js';
import { optimizerSpec, pythonLines } from './train.js';
import { fillTemplate, readTemplate, type ExportFiles, type ScriptExporter } from './script.js';
import { weightShapes } from './weight-shapes.js';

type Json = Record<string, unknown>;

const TASK_LENGTH: Record<string, number> = { adding: 50, sine: 32 };

/** The net's shape from its weights: embedding [V, E] (symbols), <cell>.weights [I + H + 2, G·H], head.weight [H, out]. */
function plan(weights: Buffer, config: Json) {
  const shapes = weightShapes(weights);
  const cell = String(config.cell ?? 'lstm');
  const rec = shapes.get(`${cell}.weights`)!, head = shapes.get('head.weight')!, embedding = shapes.get('embedding');
  const hidden = head[0]!, outputs = head[1]!;
  return {
    cell,
    vocab: embedding ? embedding[0]! : 0,
    embed: embedding ? embedding[1]! : 0,
    inputs: embedding ? 0 : rec[0]! - hidden - 2,
    hidden, outputs,
    seq_len: Number(config.seq_len ?? 64),
    embedding_values: embedding ? embedding[0]! * embedding[1]! : 0,
    uniform_values: rec[0]! * rec[1]! + hidden * outputs + outputs,
  };
}

export const seqExporter: ScriptExporter = {
  template: 'seq.py',
  script(run: Run, events: RunEvent[]): ExportFiles {
    const config = run.config as Json;
    const text = typeof config.text === 'string' ? config.text : null;
    const task = text === null ? String(config.task) : null;
    const steps = Number(config.steps ?? (text !== null ? 2000 : 3000));
    const given = config.optimizer as Json | undefined;
    const decay = task === 'copy' || task === 'reverse';
    const optimizer = optimizerSpec(given ?? (decay ? { type: 'adam', schedule: { type: 'cosine', total: steps, min_factor: 0.1 } } : { type: 'adam' }));
    if (given?.lr === undefined) (optimizer.hypers as Json).lr = text !== null ? 0.002 : 0.005;  // the lab's default steps
    const weights = labInitialWeights(seqLab, config);
    const title = `Gradient Lab run ${run.id}: ${run.name}`;
    const data = {
      title, run_id: run.id, config: text !== null ? { ...config, text: `(${[...text].length} characters, below as "text")` } : config,
      text,
      task: task !== null ? { task, length: Number(config.seq_len ?? TASK_LENGTH[task] ?? 8), vocab: Number(config.vocab ?? 8) } : null,
      plan: plan(weights, config),
      optimizer, steps, batch_size: Number(config.batch_size ?? 32), clip: Number(config.clip ?? 5), seed: Number(config.seed ?? 1),
      eval_every: Number(config.eval_every ?? Math.max(1, Math.floor(steps / 10))),
      changes: events.map((e) => ({ step: e.step, field: e.field, new: e.new })),
    };
    const where = text !== null ? `a text of ${[...text].length} characters, inside this script` : `the ${task} task, drawn in this script`;
    const script = fillTemplate(readTemplate('seq.py'), {
      TITLE: title, RUN_ID: String(run.id), RUN_JSON: JSON.stringify(data, null, 2), DATA_WHERE: where,
      WEIGHTS_B64: pythonLines(weights.toString('base64')),
    });
    return { script, files: [] };
  },
};
