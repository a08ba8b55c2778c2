/**
 * A training run (MLP or layer stack, any data set) as a PyTorch script (train.py is the template):
 * the data set the run used — inside the script when small, else in a file beside it named with its
 * SHA-256 — the model's layers, the run's own initial weights, the loss, penalties, optimizer,
 * schedule, live changes and stop rules. Fidelity: the final test accuracy within 2 points of ours
 * (test/node/E12.pytorch-export.test.ts).
 */
import { createHash } from 'node:crypto';

import { listOptimizers } from '../../native/landscapes.js';
import { makeDataset } from '../../native/datasets.js';
import { trainLab } from '../../labs/train.js';
import { labInitialWeights } from '../../native/initial-weights.js';
import { parseTrainConfig } from '../../native/train.js';
import type { Run } from '../../experiments/run-types.js';
import type { RunEvent } from '../../experiments/runs.js';
import { fillTemplate, readTemplate, type ExportFiles, type ScriptExporter } from './script.js';

type Json = Record<string, unknown>;

/** Data up to this size goes inside the script; more goes to a file beside it. */
const INLINE_BYTES = 2 << 20;

const LAYER_DEFAULTS: Record<string, Json> = {
  conv: { stride: 1, pad: 0 },
  upsample: { factor: 2 },
  dropout: {},
  batchnorm: { momentum: 0.1, eps: 1e-5 },
  leaky_relu: { alpha: 0.01 },
};

/** A layer list with every setting of every layer written out (the defaults the engine takes). */
export function filledLayers(layers: readonly (string | Json)[]): Json[] {
  return layers.map((l) => {
    const layer: Json = typeof l === 'string' ? { type: l } : { ...l };
    const type = String(layer.type);
    const filled: Json = { ...(LAYER_DEFAULTS[type] ?? {}), ...layer };
    if ((type === 'maxpool' || type === 'avgpool') && filled.stride === undefined) filled.stride = filled.kernel;
    return filled;
  });
}

/** The run's model as a list of layers, each with every setting (an MLP spec becomes its layers). */
function layerList(model: Json | undefined): Json[] {
  if (model && Array.isArray(model.layers)) return filledLayers(model.layers as (string | Json)[]);
  const hidden = (model?.hidden as number[] | undefined) ?? [16];
  const act = model?.activation ?? 'tanh';
  const acts = Array.isArray(act) ? (act as string[]) : hidden.map(() => String(act));
  const dropout = Number(model?.dropout ?? 0);
  const out: Json[] = [];
  hidden.forEach((width, i) => {
    out.push({ type: 'linear', out: width }, { ...(LAYER_DEFAULTS[acts[i]!] ?? {}), type: acts[i] });
    if (dropout > 0) out.push({ type: 'dropout', p: dropout });
  });
  out.push({ type: 'linear' });
  return out;
}

/** x as uint8 when every value is k/255 (images), else float32; then labels (int32) or targets (float32). */
export function dataBlob(x: Float32Array, labels: Int32Array | null, y: Float32Array | null): { bytes: Buffer; xDtype: string } {
  let pixels = true;
  for (let i = 0; i < x.length && pixels; i++) {
    const k = Math.round(x[i]! * 255);
    pixels = k >= 0 && k <= 255 && Math.fround(k / 255) === x[i];
  }
  const xs = pixels ? Buffer.from(Uint8Array.from(x, (v) => Math.round(v * 255))) : Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  const rest = labels ?? y!;
  return { bytes: Buffer.concat([xs, Buffer.from(rest.buffer, rest.byteOffset, rest.byteLength)]), xDtype: pixels ? 'uint8' : 'float32' };
}

/** Base64 as lines of a Python tuple of strings. */
export const pythonLines = (b64: string): string => (b64.match(/.{1,100}/g) ?? []).map((l) => `    "${l}",`).join('\n');

export function optimizerSpec(o: Json | undefined): Json {
  const type = String(o?.type ?? 'adam');
  const info = listOptimizers().find((x) => x.type === type);
  const hypers: Json = {};
  for (const h of info?.hypers ?? []) hypers[h.name] = h.kind === 'boolean' ? h.default !== 0 : h.default;
  for (const [k, v] of Object.entries(o ?? {})) if (k !== 'type' && k !== 'schedule') hypers[k] = v;
  const schedule = { type: 'constant', step_size: 100, gamma: 0.1, total: 1000, min_factor: 0, warmup: 0, ...((o?.schedule as Json | undefined) ?? {}) };
  return { type, hypers, schedule };
}

/** A data set as an exported script carries it: its description for RUN["data"] (read by loading.py),
 * the words for the header, the base64 lines when it goes inside the script, else the file beside it. */
export function dataPayload(ds: ReturnType<typeof makeDataset>, scriptName: string, unit: string, image: number[] | null) {
  const n = ds.x.length / ds.d;
  const blob = dataBlob(ds.x, ds.labels, ds.y);
  const sha256 = createHash('sha256').update(blob.bytes).digest('hex');
  const inline = blob.bytes.byteLength <= INLINE_BYTES;
  const file = `${scriptName.replace(/\.py$/, '')}.data`;
  return {
    json: { name: ds.name, kind: ds.kind, d: ds.d, classes: ds.classes, n, n_train: ds.nTrain, image, x_dtype: blob.xDtype, storage: inline ? 'inline' : 'file', file: inline ? null : file, sha256 },
    where: inline ? `${ds.name}, ${n} ${unit}, inside this script` : `${ds.name}, ${n} ${unit}, in ${file} beside this script, checked by its SHA-256`,
    b64: inline ? pythonLines(blob.bytes.toString('base64')) : '',
    files: inline ? [] : [{ name: file, bytes: blob.bytes }],
  };
}

export const trainExporter: ScriptExporter = {
  template: 'train.py',
  script(run: Run, events: RunEvent[], scriptName: string): ExportFiles {
    const config = parseTrainConfig(run.config) as Json;
    const ds = makeDataset(config.dataset as never);
    const payload = dataPayload(ds, scriptName, 'rows', (ds as { image?: number[] }).image ?? null);
    const loss = String(config.loss ?? (ds.kind === 'classification' ? 'cross_entropy' : 'mse'));
    const batch = Number(config.batch_size ?? Math.min(32, ds.nTrain)) || ds.nTrain;
    const notes: string[] = [];
    const title = `Gradient Lab run ${run.id}: ${run.name}`;
    const stop = (config.stop as Json | undefined) ?? {};
    const data = {
      title, run_id: run.id, config: run.config, notes,
      data: payload.json,
      layers: layerList(config.model as Json | undefined), flat_input: !Array.isArray((config.model as Json | undefined)?.layers), outputs: loss === 'cross_entropy' ? ds.classes : 1, loss,
      optimizer: optimizerSpec(config.optimizer as Json | undefined),
      batch_size: batch, epochs: Number(config.epochs ?? 100), seed: Number(config.seed ?? 1),
      l2: Number(config.l2 ?? 0), l1: Number(config.l1 ?? 0), stop, augment: config.augment ?? null,
      changes: events.map((e) => ({ step: e.step, field: e.field, new: e.new })),
    };
    const weights = labInitialWeights(trainLab, config);
    const text = fillTemplate(readTemplate('train.py'), {
      TITLE: title, RUN_ID: String(run.id), RUN_JSON: JSON.stringify(data, null, 2),
      DATA_WHERE: payload.where,
      WEIGHTS_B64: pythonLines(weights.toString('base64')),
      DATA_B64: payload.b64,
    });
    return { script: text, files: payload.files };
  },
};
