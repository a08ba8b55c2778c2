/**
 * An attention-lab run (a small transformer on a task or a text) as a PyTorch script (attention.py is
 * the template): the task or the text, the transformer's shape, the run's own initial weights, the
 * optimizer with the lab's warm-up and cosine defaults, clipping, steps, batch and live changes of lr.
 * The script draws the lab's batches from the engine's random numbers. Fidelity: the final validation
 * loss within 5% of ours (test/node/E12b.pytorch-export-seq.test.ts).
 */
import { attentionLab } from '../../labs/attention.js';
import { labInitialWeights } from '../../native/initial-weights.js';
import type { Run } from '../../experiments/run-types.js';
import type { RunEvent } from '../../experiments/runs.js';
import { optimizerSpec, pythonLines } from './train.js';
import { fillTemplate, readTemplate, type ExportFiles, type ScriptExporter } from './script.js';
import { weightShapes } from './weight-shapes.js';

type Json = Record<string, unknown>;

export const attentionExporter: ScriptExporter = {
  template: 'attention.py',
  script(run: Run, events: RunEvent[]): ExportFiles {
    const config = run.config as Json;
    const text = typeof config.text === 'string' ? config.text : null;
    const steps = Number(config.steps ?? 4000);
    const warmup = Math.max(1, Math.floor(0.05 * steps));
    const given = config.optimizer as Json | undefined;
    const optimizer = optimizerSpec(given ?? { type: 'adam', schedule: { type: 'cosine', total: Math.max(1, steps - warmup), min_factor: 0.1, warmup } });
    if (given?.lr === undefined) (optimizer.hypers as Json).lr = 0.001;  // the lab's default step
    const weights = labInitialWeights(attentionLab, config);
    const shapes = weightShapes(weights);
    const [vocab, dim] = shapes.get('embedding.weight_table')!;
    const layers = [...shapes.keys()].filter((k) => /^blocks\.\d+\.ln1\.gamma$/.test(k)).length;
    const task = text === null ? String(config.task ?? 'copy') : null;
    const length = Number(config.length ?? 8);
    const inputs = task === 'addition' ? 3 * length + 2 : task === 'repeat' ? 2 * length - 1 : 2 * length;
    const title = `Gradient Lab run ${run.id}: ${run.name}`;
    const data = {
      title, run_id: run.id, config: text !== null ? { ...config, text: `(${[...text].length} characters, below as "text")` } : config,
      text,
      task: task !== null ? { task, length, vocab: Number(config.vocab ?? (task === 'addition' ? 10 : 8)) } : null,
      shape: {
        vocab, dim, layers, heads: Number(config.heads ?? 4), max_len: text !== null ? Number(config.seq_len ?? 64) : inputs,
        learned: config.positions === 'learned', dropout: Number(config.dropout ?? 0),
      },
      entries: [...shapes].map(([name, dims]) => [name, dims.reduce((a, b) => a * b, 1)]),
      optimizer, steps, batch_size: Number(config.batch_size ?? 64), clip: Number(config.clip ?? 1), seed: Number(config.seed ?? 1),
      eval_every: Number(config.eval_every ?? Math.max(1, Math.floor(steps / 10))),
      changes: events.map((e) => ({ step: e.step, field: e.field, new: e.new })),
    };
    const where = text !== null ? `a text of ${[...text].length} characters, inside this script` : `the ${task} task, drawn in this script`;
    const script = fillTemplate(readTemplate('attention.py'), {
      TITLE: title, RUN_ID: String(run.id), RUN_JSON: JSON.stringify(data, null, 2), DATA_WHERE: where,
      WEIGHTS_B64: pythonLines(weights.toString('base64')),
    });
    return { script, files: [] };
  },
};
