/**
 * A GAN lab run as a PyTorch script (gan.py is the template): the 2-D distribution (drawn in the script
 * as the engine draws it, or the run's drawn/CSV points carried with it) or the image set, the generator
 * and the discriminator with the run's initial weights, the loss, packing, D steps, both Adams and the
 * cosine schedule, the live changes of g_lr, d_lr and d_steps at their steps, and the engine's scores
 * (modes captured, high-quality share, KL, JS; native/core/gen/gan_metrics.cpp). `python3 out.py --json`
 * prints the keys of `gradlab gan --format json`. Fidelity: on a run that has converged, the same modes
 * captured and the high-quality share within 10 points of ours — as near as our own runs with other
 * seeds come (test/node/E12c.pytorch-export-gan.test.ts).
 */
import { makeDataset } from '../../native/datasets.js';
import { labInitialWeights } from '../../native/initial-weights.js';
import { ganLab } from '../../labs/gan.js';
import type { Run } from '../../experiments/run-types.js';
import type { RunEvent } from '../../experiments/runs.js';
import { dataPayload, optimizerSpec, pythonLines } from './train.js';
import { fillTemplate, readTemplate, type ExportFiles, type ScriptExporter } from './script.js';

type Json = Record<string, unknown>;

/** Every setting the engine reads (gen/gan.cpp read_gan_training, gan_images.cpp image_gan_defaults), defaults filled in. */
function ganSettings(config: Json, images: boolean): Json {
  const wgan = config.loss === 'wgan-gp';
  const steps = Number(config.steps ?? (images ? 40000 : 10000));
  return {
    steps,
    batch_size: Number(config.batch_size ?? (images ? 64 : 256)),
    z_dim: Number(config.z_dim ?? (images ? 64 : 2)),
    g_hidden: (config.g_hidden as number[] | undefined) ?? (images ? [256, 512] : [128, 128]),
    d_hidden: (config.d_hidden as number[] | undefined) ?? (images ? [512, 256] : [128, 128]),
    loss: String(config.loss ?? 'non-saturating'),
    d_steps: Number(config.d_steps ?? (wgan ? 5 : 1)),
    gp_lambda: Number(config.gp_lambda ?? 10),
    pack: Number(config.pack ?? 2),
    g_lr: Number(config.g_lr ?? 1e-3),
    d_lr: Number(config.d_lr ?? (images ? 4e-4 : 1e-3)),
    cosine: (config.schedule ?? 'cosine') === 'cosine',
    seed: Number(config.seed ?? 1),
    eval_every: config.eval_every !== undefined && config.eval_every !== 0 ? Number(config.eval_every) : null,  // null: steps / 100
    nets: String(config.nets ?? 'both'),
  };
}

export const ganExporter: ScriptExporter = {
  template: 'gan.py',
  script(run: Run, events: RunEvent[], scriptName: string): ExportFiles {
    const config = run.config as Json;
    const images = config.dataset !== undefined;
    const settings = ganSettings(config, images);
    const wgan = settings.loss === 'wgan-gp';
    // both Adams: the lab's update rule with betas (0.5, 0.999), WGAN-GP (0.5, 0.9); lr comes per step
    const adam = optimizerSpec({ type: 'adam', beta1: Number(config.beta1 ?? 0.5), beta2: Number(config.beta2 ?? (wgan ? 0.9 : 0.999)) });
    const optimizer = { type: adam.type, hypers: adam.hypers };  // the schedule is the GAN's own cosine
    let payload: ReturnType<typeof dataPayload> | null = null;
    let data: Json;
    let shownConfig: Json = config;
    if (images) {
      const spec = config.dataset === 'digits' ? { name: 'digits' } : config.dataset;
      const ds = makeDataset(spec as never);
      payload = dataPayload(ds, scriptName, 'images', null);
      data = { source: 'images', dim: ds.d, shape: (ds as { image?: number[] }).image ?? null, ...payload.json };  // flat rows of pixels / 255, every image (train and test) a real one
    } else if (config.data === 'points') {
      // the drawing or CSV file's points, as float32 (what the engine samples from), uniformly with replacement
      const xy = Float32Array.from(config.points as number[]);
      const n = xy.length / 2;
      payload = dataPayload({ name: 'points', kind: 'regression', d: 2, classes: 0, nTrain: n, x: xy, labels: null, y: new Float32Array(n) } as never, scriptName, 'points', null);
      data = { source: 'points', dim: 2, ...payload.json };
      shownConfig = { ...config, points: n };  // as `gradlab gan --data csv` prints its config: the count
    } else {
      data = { source: 'toy', name: String(config.data ?? 'ring8'), dim: 2 };  // drawn in the script as toy2d.cpp draws it
    }
    const title = `Gradient Lab run ${run.id}: ${run.name}`;
    const json = {
      title, run_id: run.id, config: shownConfig,
      // a run stopped early replays the steps it ran (the schedule still spans its configured steps)
      stopped_at: run.status === 'stopped' ? run.steps : null,
      data, ...settings, optimizer,
      changes: events.map((e) => ({ step: e.step, field: e.field, new: e.new })),
    };
    const weights = labInitialWeights(ganLab, config);
    const where = payload ? payload.where : `${String(data.name)}, drawn in this script as the lab draws it`;
    const text = fillTemplate(readTemplate('gan.py'), {
      TITLE: title, RUN_ID: String(run.id), RUN_JSON: JSON.stringify(json, null, 2),
      DATA_WHERE: where,
      WEIGHTS_B64: pythonLines(weights.toString('base64')),
      DATA_B64: payload?.b64 ?? '',
    });
    return { script: text, files: payload?.files ?? [] };
  },
};
