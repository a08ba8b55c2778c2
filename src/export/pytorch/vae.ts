/**
 * A VAE run as a PyTorch script (vae.py is the template): the image set the run used (beside the
 * script, checked by SHA-256, or inside it when small), the encoder and decoder (hidden layers, or the
 * run's layer lists: conv, reshape, upsample… as layer_stack.py builds them) with the run's initial
 * weights, β, the optimizer, schedule, batch size, epochs and live changes. `python3 out.py --json`
 * prints summary.final.test_loss, the test set's negative ELBO per example in nats with β = 1, as
 * `gradlab vae --format json` does. Fidelity: within 5% of ours (test/node/E12.pytorch-export.test.ts).
 */
import { makeDataset } from '../../native/datasets.js';
import { vaeLab } from '../../labs/vae.js';
import { labInitialWeights } from '../../native/initial-weights.js';
import type { Run } from '../../experiments/run-types.js';
import type { RunEvent } from '../../experiments/runs.js';
import { dataPayload, filledLayers, optimizerSpec, pythonLines } from './train.js';
import { fillTemplate, readTemplate, type ExportFiles, type ScriptExporter } from './script.js';

type Json = Record<string, unknown>;

export const vaeExporter: ScriptExporter = {
  template: 'vae.py',
  script(run: Run, events: RunEvent[], scriptName: string): ExportFiles {
    const config = run.config as Json;
    const spec = config.dataset === undefined || config.dataset === 'digits' ? { name: 'digits' } : config.dataset;
    const ds = makeDataset(spec as never);
    const payload = dataPayload(ds, scriptName, 'images', null);
    const optimizer = optimizerSpec((config.optimizer as Json | undefined) ?? { type: 'adam' });
    if ((config.optimizer as Json | undefined)?.lr === undefined) (optimizer.hypers as Json).lr = 0.001;  // the VAE's default step
    const title = `Gradient Lab run ${run.id}: ${run.name}`;
    const data = {
      title, run_id: run.id, config: run.config,
      data: payload.json,
      latent: Number(config.latent ?? 2), hidden: (config.hidden as number[] | undefined) ?? [256], decoder: String(config.decoder ?? 'bernoulli'),
      image: (ds as { image?: number[] }).image ?? null,
      encoder_layers: Array.isArray(config.encoder_layers) ? filledLayers(config.encoder_layers as (string | Json)[]) : null,
      decoder_layers: Array.isArray(config.decoder_layers) ? filledLayers(config.decoder_layers as (string | Json)[]) : null,
      beta: Number(config.beta ?? 1), epochs: Number(config.epochs ?? 10), batch_size: Number(config.batch_size ?? Math.min(64, ds.nTrain)),
      seed: Number(config.seed ?? 1), optimizer,
      changes: events.map((e) => ({ step: e.step, field: e.field, new: e.new })),
    };
    const weights = labInitialWeights(vaeLab, config);
    const text = fillTemplate(readTemplate('vae.py'), {
      TITLE: title, RUN_ID: String(run.id), RUN_JSON: JSON.stringify(data, null, 2),
      DATA_WHERE: payload.where,
      WEIGHTS_B64: pythonLines(weights.toString('base64')),
      DATA_B64: payload.b64,
    });
    return { script: text, files: payload.files };
  },
};
