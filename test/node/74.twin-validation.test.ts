// Twin validation as a property: for every lab, random configs — valid ones and ones broken in one field
// (out of range, the wrong type, not an integer, an unknown field) — go both to the lab's zod schema (its
// descriptor's) and straight to the engine. Both must accept, or both refuse naming the same field.
// Checks that need the data (a loss that does not fit the data set, a batch larger than its training
// rows) are the engine's alone and are left out of the draws.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LABS, type LabDescriptor } from '../../src/labs/index.js';
import { LabSession } from '../../src/native/session.js';
import { parseOrThrow } from '../../src/native/validate.js';
import { Rng } from './rng.js';

type Json = Record<string, unknown>;

/** A deep copy of `base` with `value` at `path` ("optimizer.lr", "optimizers.0.beta"). */
function withValue(base: Json, path: string, value: unknown): Json {
  const copy = structuredClone(base) as Json;
  const keys = path.split('.');
  let at = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return copy;
}

/** The field a message names: "train.optimizer.lr: expected …" → "train.optimizer.lr". */
const fieldOf = (message: string) => message.slice(0, message.indexOf(':'));

async function engineVerdict(lab: string, config: Json): Promise<string | null> {
  let s: LabSession<unknown>;
  try {
    s = new LabSession(lab, config, { steps_per_second: 1 });
  } catch (e) {
    return (e as Error).message;
  }
  void s.stop();
  await s.done.catch(() => undefined);
  return null;
}

function schemaVerdict(d: LabDescriptor, config: Json): string | null {
  try {
    parseOrThrow(d.configSchema, config, d.id);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Per lab: a valid base config and the fields to break, each with values that may or may not fit. */
const FIELDS: Record<string, { base: Json; fields: Record<string, unknown[]> }> = {
  race: {
    base: { function: 'rosenbrock', steps: 20, optimizers: [{ type: 'adam', lr: 0.01 }] },
    fields: {
      steps: [1, 50, 0, -3, 2.5, 'ten', 1e9],
      seed: [0, 7, -1, 0.5, 'x'],
      noise: [0, 0.1, -0.1, 'loud'],
      'optimizers.0.lr': [0.1, 1e-4, 0, -1, 'fast', Infinity],
      'optimizers.0.beta1': [0.5, 0.99, 1.5, -0.1],
      'optimizers.0.type': ['sgd', 'momentum', 'nadamx', 3],
      grad_tol: [1e-6, 0, -1],
      unknown_field: [1],
    },
  },
  gan: {
    base: { data: 'ring8', steps: 3, batch_size: 8, g_hidden: [4], d_hidden: [4], frames: { grid: 4, fakes: 4, manifold: 2 } },
    fields: {
      steps: [1, 5, 0, -2, 1.5, 'many'],
      batch_size: [4, 8, 0, 2.5, 7],
      pack: [1, 2, 0, 65, 3],
      loss: ['minimax', 'least-squares', 'wgan-gp', 'hinge'],
      gp_lambda: [1, -1],
      data: ['moons', 'grid25', 'circle', 4],
      g_lr: [0.01, 0, -1, 11],
      d_steps: [1, 3, 0, 101],
      'frames.grid': [2, 16, 1, 300, 2.5],
      'frames.every_ms': [0, 50, -1],
      'frames.fakes': [1, 64, 0],
      z_dim: [1, 3, 0],
      nets: ['both', 'd', 'g', 'gd'],
      unknown_field: [1],
    },
  },
  attention: {
    base: { task: 'copy', length: 3, vocab: 3, steps: 2, dim: 8, heads: 2, layers: 1, batch_size: 4, optimizer: { type: 'adam' }, frames: { every_ms: 0 } },
    fields: {
      task: ['reverse', 'sort', 'repeat', 'shuffle'],
      length: [2, 5, 1, 257],
      vocab: [2, 6, 1, 1001],
      heads: [1, 2, 3, 0],
      dim: [8, 12, 0],
      positions: ['learned', 'rotary'],
      dropout: [0, 0.1, 1, -0.1],
      seq_len: [4],
      'frames.every_ms': [0, -1],
      'optimizer.lr': [0.01, 0, -1],
      unknown_field: [1],
    },
  },
  seq: {
    base: { task: 'parity', seq_len: 4, steps: 2, hidden: 4, embed: 4, batch_size: 4, optimizer: { type: 'adam' }, frames: { passage: 4, units: 2 } },
    fields: {
      task: ['copy', 'adding', 'sort', 3],
      cell: ['rnn', 'gru', 'transformer'],
      seq_len: [2, 6, 1, 10_001, 2.5],
      hidden: [1, 8, 0, 5000],
      steps: [1, 0, 1.5],
      clip: [0, 1, -1],
      temperature: [0.5],
      sample: [10],
      'frames.units': [1, 0],
      'frames.every_ms': [0, -1],
      'optimizer.lr': [0.01, 0, -1],
      unknown_field: [1],
    },
  },
  vae: {
    base: { dataset: { name: 'digits', train: 200, test: 50 }, hidden: [8], epochs: 1, batch_size: 32, optimizer: { type: 'adam' }, frames: { grid: 2, points: 10, pairs: 2 } },
    fields: {
      latent: [1, 3, 0, 513, 2.5],
      hidden: [[4, 4], [0], 'wide', [1.5]],
      decoder: ['gaussian', 'poisson'],
      beta: [0, 4, -1, 'big'],
      epochs: [1, 0, 1.5],
      batch_size: [1, 100, 0, 2.5],
      'frames.grid': [2, 33, 1],
      'frames.every_ms': [0, -1],
      'frames.points': [5, 0],
      'optimizer.lr': [0.01, 0, -1],
      seed: [0, -1],
      unknown_field: [1],
    },
  },
  cartpole: {
    base: { algo: 'reinforce', episodes: 2, frames: { every_ms: 50 } },
    fields: {
      algo: ['a2c', 'dqn', 'ppo', 1],
      episodes: [1, 3, 0, 2.5],
      target: [100, -5, 'high'],
      seed: [0, 4, -1, 0.5],
      gamma: [0.9, 1, -0.1, 2],
      lr: [0.001, 0, -1],
      hidden: [8, 0, 5000, 1.5],
      'frames.every_ms': [0, -1],
      unknown_field: [1],
    },
  },
  mcts: {
    base: { game: 'tictactoe', board: 'x...o....', iterations: 30, per_step: 10, frames: { every_ms: 50 } },
    fields: {
      game: ['tictactoe', 'chess', 3],
      iterations: [1, 100, 0, 2.5, 'many'],
      per_step: [1, 5, 0, -1],
      seed: [0, 9, -1, 0.5],
      uct: [0.5, 2, 0, -1],
      rollout: ['random', 'heuristic', 'smart'],
      'frames.every_ms': [0, 20, -1],
      unknown_field: [1],
    },
  },
  gridworld: {
    base: { grid: 'S..G\n.#.X', algo: 'q-learning', episodes: 5, frames: { every_ms: 50 } },
    fields: {
      grid: ['S.G', '', 5],
      algo: ['sarsa', 'value-iteration', 'dyna-q', 'td', 3],
      gamma: [0.5, 1, 0, -0.1, 1.5, 'g'],
      slip: [0, 0.3, 1, 2],
      step_reward: [-1, 0, 'x'],
      epsilon: [0, 0.5, -1, 2],
      alpha: [0.1, 1, 0, 2],
      episodes: [1, 20, 0, 1.5],
      seed: [3, -1, 0.5],
      lambda: [0.5, 2],
      'frames.every_ms': [0, 100, -1],
      tol: [1e-6, 0, -1],
      unknown_field: [1],
    },
  },
  train: {
    base: { dataset: { name: 'moons', n: 40 }, model: { hidden: [4] }, epochs: 1, batch_size: 8, prediction: false, augment: {} },
    fields: {
      epochs: [1, 2, 0, -1, 1.5, 'two', 200_000],
      batch_size: [1, 8, -1, 2.5, 'big'],
      seed: [3, -1, 0.5],
      threads: [1, 2, 0, -1, 1.5, 300],
      l2: [0, 1e-4, -1, 'none'],
      l1: [1e-5, -0.1],
      'model.hidden': [[2, 3], [0], [5000], 'wide', [1.5]],
      'model.dropout': [0, 0.5, 1, -0.2],
      'augment.shift': [0, 2, 9, -1, 1.5],
      'augment.flip': [false, true, 'yes'],
      'dataset.n': [30, 40, 0, 2.5, 1e9],
      'dataset.noise': [0, 0.3, -1],
      'dataset.name': ['xor', 'spirals', 5],
      loss: ['cross_entropy', 'bce', 'hinge'],
      unknown_field: [1],
    },
  },
};

for (const d of LABS) {
  test(`twin validation (${d.id}): 120 random configs, the schema and the engine agree on accepting and on the field named`, async () => {
    const spec = FIELDS[d.id];
    assert.ok(spec, `a field table for lab ${d.id}`);
    const rng = new Rng(d.id.length * 7 + 1);
    const fields = Object.keys(spec.fields);
    let refused = 0;
    for (let k = 0; k < 120; k++) {
      let config: Json = spec.base;
      const changes = 1 + Math.floor(rng.uniform() * 2);
      for (let c = 0; c < changes; c++) {
        const f = fields[Math.floor(rng.uniform() * fields.length)]!;
        const values = spec.fields[f]!;
        config = withValue(config, f, values[Math.floor(rng.uniform() * values.length)]);
      }
      const zod = schemaVerdict(d, config);
      const engine = await engineVerdict(d.id, config);
      const what: string = JSON.stringify(config);
      assert.equal(zod === null, engine === null, `${what}: schema says ${zod ?? 'ok'}, engine says ${engine ?? 'ok'}`);
      if (zod !== null && engine !== null) {
        refused++;
        // with two broken fields each may name its own first; one broken field must be named alike
        if (changes === 1) assert.equal(fieldOf(zod), fieldOf(engine), `${what}: schema: ${zod} / engine: ${engine}`);
      }
    }
    assert.ok(refused > 20 && refused < 110, `${refused} of 120 refused: both kinds were tried`);
  });
}
