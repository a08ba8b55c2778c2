/**
 * A cart-pole run (REINFORCE with a baseline, A2C or DQN; the lab "cartpole") as a PyTorch script
 * (cartpole.py is the template): CartPole-v1's physics as the engine steps it, the nets with the run's
 * initial weights, the learner written out with Adam, γ, the episodes, the target, the seed and the
 * live changes of lr at their episodes. The script draws the engine's random numbers in the lab's order
 * and computes its float32 nets as the engine does (its sums in order, fused multiply-adds or not, its
 * tanh), so it replays the run: every episode's return equal, solved at the same episode; with --fast
 * (torch's kernels) it plays our first few dozen episodes, then a run of its own. `python3 out.py
 * --json` prints the keys of `gradlab rl train --format json` (test/node/E12d.pytorch-export-rl.test.ts). */
import { readFileSync } from 'node:fs';

import { cartpoleLab } from '../../labs/cartpole.js';
import { labInitialWeights } from '../../native/initial-weights.js';
import type { Run } from '../../experiments/run-types.js';
import type { RunEvent } from '../../experiments/runs.js';
import { optimizerSpec, pythonLines } from './train.js';
import { fillTemplate, readTemplate, type ExportFiles, type ScriptExporter } from './script.js';

type Json = Record<string, unknown>;

/** The engine's defaults for what a stored config may leave out (rl/cartpole_learn.hpp read_pg_config). */
function learnerSettings(config: Json) {
  const algo = String(config.algo ?? 'reinforce');
  return {
    algo,
    episodes: Number(config.episodes ?? 1000),
    target: Number(config.target ?? 475),
    seed: Number(config.seed ?? 1),
    gamma: Number(config.gamma ?? 0.99),
    lr: Number(config.lr ?? (algo === 'dqn' ? 5e-4 : 0.01)),
    hidden: Number(config.hidden ?? 64),
  };
}

/** Whether this machine's engine sums its products with fused multiply-adds: GCC on x86-64 Linux builds
 * them twice and runs the x86-64-v3 build (AVX2 + FMA) where the CPU has it (autograd/ops/gemm.hpp).
 * Elsewhere the build has one plain kernel. A wrong answer costs the replay to the last bit only: the
 * script's episodes then part from ours after some dozens, as with --fast. */
function engineFusesMultiplyAdds(): boolean {
  if (process.platform !== 'linux' || process.arch !== 'x64') return false;
  let flags: Set<string>;
  try {
    flags = new Set(/^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim().split(/\s+/) ?? []);
  } catch {
    return false;
  }
  return ['avx', 'avx2', 'bmi1', 'bmi2', 'f16c', 'fma', 'movbe', 'xsave'].every((f) => flags.has(f));
}

export const cartpoleExporter: ScriptExporter = {
  template: 'cartpole.py',
  script(run: Run, events: RunEvent[]): ExportFiles {
    const config = run.config as Json;
    const { lr, ...settings } = learnerSettings(config);
    const title = `Gradient Lab run ${run.id}: ${run.name}`;
    const data = {
      title, run_id: run.id, config: run.config,
      ...settings,
      // one Adam per net, all with the run's lr (the lab's {set: {lr}} changes every one of them)
      optimizer: optimizerSpec({ type: 'adam', lr }),
      fused_multiply_add: engineFusesMultiplyAdds(),
      // the episodes already played when lr changed: the change applies from the next one
      changes: events.filter((e) => e.field === 'lr' && typeof e.new === 'number').map((e) => ({ episode: e.step, lr: e.new })),
    };
    const weights = labInitialWeights(cartpoleLab, run.config);
    const text = fillTemplate(readTemplate('cartpole.py'), {
      TITLE: title, RUN_ID: String(run.id), RUN_JSON: JSON.stringify(data, null, 2),
      WEIGHTS_B64: pythonLines(weights.toString('base64')),
    });
    return { script: text, files: [] };
  },
};
