// Twin validation for the one-shot engines the CLI drives (issue #10's property, extended to #12 and
// #13): random configs, valid ones and ones broken in a field, go both to the zod schema and straight to
// the engine; both accept or both refuse, and with one broken field both name the same one. Valid
// configs are kept tiny (one step) so the engine's answer costs little.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { z } from 'zod';

import { AttentionConfigSchema } from '../../src/native/attention.js';
import { native } from '../../src/native/binding.js';
import { GanConfigSchema } from '../../src/native/gan.js';
import { SeqConfigSchema } from '../../src/native/seq.js';
import { VaeConfigSchema } from '../../src/native/vae.js';
import { parseOrThrow } from '../../src/native/validate.js';
import { Rng } from './rng.js';

type Json = Record<string, unknown>;

function withValue(base: Json, path: string, value: unknown): Json {
  const copy = structuredClone(base);
  const keys = path.split('.');
  let at = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return copy;
}

const fieldOf = (message: string) => message.slice(0, message.indexOf(':'));

interface Case {
  name: string;
  schema: z.ZodType;
  engine: (config: unknown) => unknown;
  base: Json;
  fields: Record<string, unknown[]>;
}

const CASES: Case[] = [
  {
    name: 'seq',
    schema: SeqConfigSchema,
    engine: (c) => native().trainSeq(c),
    base: { task: 'copy', seq_len: 3, vocab: 3, hidden: 4, steps: 1, batch_size: 2 },
    fields: {
      cell: ['rnn', 'gru', 'transformer', 3],
      hidden: [2, 0, -1, 1.5, 'big'],
      seq_len: [2, 4, 1, 0, 2.5],
      vocab: [2, 5, 1, 'many'],
      steps: [1, 2, 0, -5],
      clip: [0, 1, -1],
      task: ['reverse', 'parity', 'sort', 7],
      seed: [0, 9, -1, 0.5],
      unknown_field: [1],
    },
  },
  {
    name: 'attention',
    schema: AttentionConfigSchema,
    engine: (c) => native().trainAttention(c),
    base: { task: 'copy', length: 2, vocab: 3, layers: 1, heads: 1, dim: 8, steps: 1, batch_size: 2, eval_every: 1 },
    fields: {
      task: ['reverse', 'sort', 'repeat', 'translate'],
      length: [2, 3, 1, 0, 2.5],
      layers: [1, 2, 0, 30],
      heads: [1, 2, 0, 3],
      dim: [8, 16, 6, 0],
      positions: ['learned', 'sinusoidal', 'rotary'],
      dropout: [0, 0.1, 1, -0.5],
      clip: [0, 2, -1],
      unknown_field: [1],
    },
  },
  {
    name: 'gan',
    schema: GanConfigSchema,
    engine: (c) => native().trainGan(c),
    base: { data: 'ring8', steps: 1, batch_size: 8, samples: 10, g_hidden: [4], d_hidden: [4] },
    fields: {
      data: ['moons', 'line', 'ring9', 4],
      steps: [1, 2, 0, 1.5],
      batch_size: [4, 8, 0, -2],
      loss: ['minimax', 'least-squares', 'wgan-gp', 'hinge'],
      pack: [1, 2, 0, 100],
      g_lr: [1e-3, 0, -1],
      beta1: [0.5, 1, -0.1],
      schedule: ['constant', 'cosine', 'step'],
      'g_hidden.0': [8, 0, 1.5],
      unknown_field: [1],
    },
  },
  {
    name: 'vae',
    schema: VaeConfigSchema,
    engine: (c) => native().trainVae(c),
    base: { dataset: { name: 'digits', train: 40, test: 10 }, hidden: [4], latent: 2, epochs: 1, batch_size: 20 },
    fields: {
      latent: [1, 3, 0, 600, 1.5],
      'hidden.0': [8, 0, 2.5],
      decoder: ['gaussian', 'bernoulli', 'poisson'],
      beta: [0, 2, -1],
      epochs: [1, 0, 'one'],
      batch_size: [10, 0, -1],
      'optimizer': [{ type: 'sgd', lr: 0.1 }, { type: 'adam', lr: -1 }, { type: 'nadamx' }],
      unknown_field: [1],
    },
  },
];

for (const c of CASES) {
  test(`twin validation (${c.name}): 60 random configs, the schema and the engine agree on accepting and on the field named`, () => {
    const rng = new Rng(c.name.length * 11 + 3);
    const fields = Object.keys(c.fields);
    let refused = 0;
    for (let k = 0; k < 60; k++) {
      let config = c.base;
      const f = fields[Math.floor(rng.uniform() * fields.length)]!;
      const values = c.fields[f]!;
      config = withValue(config, f, values[Math.floor(rng.uniform() * values.length)]);
      let zod: string | null = null, engine: string | null = null;
      try {
        parseOrThrow(c.schema, config, c.name);
      } catch (e) {
        zod = (e as Error).message;
      }
      try {
        c.engine(config);
      } catch (e) {
        engine = (e as Error).message;
      }
      const what = JSON.stringify(config);
      assert.equal(zod === null, engine === null, `${what}: schema says ${zod ?? 'ok'}, engine says ${engine ?? 'ok'}`);
      if (zod !== null && engine !== null) {
        refused++;
        assert.equal(fieldOf(zod), fieldOf(engine), `${what}: schema: ${zod} / engine: ${engine}`);
      }
    }
    assert.ok(refused > 10 && refused < 55, `${refused} of 60 refused: both kinds were tried`);
  });
}

test('a cross-field check that words its own reason reads once: "expected nothing…" and ", got" are not doubled', () => {
  const reason = (config: unknown) => {
    try {
      parseOrThrow(GanConfigSchema, config, 'gan');
    } catch (e) {
      return (e as Error).message;
    }
    return null;
  };
  assert.equal(reason({ loss: 'minimax', gp_lambda: 5 }), 'gan.gp_lambda: expected nothing: the penalty belongs to loss "wgan-gp", got 5');
  assert.equal(reason({ batch_size: 64, pack: 3 }), 'gan.pack: expected a divisor of the batch size (64), got 3');
  assert.equal(reason({ steps: 0 }), 'gan.steps: expected an integer in [1, 10000000], got 0');
});
