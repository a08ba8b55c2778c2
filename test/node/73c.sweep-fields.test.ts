// What a sweep may vary (src/labs/sweep-fields.ts): for every lab, from its defaults and each preset,
// every sweep field is a path the lab's `sweepable` allows; a value of the field's kind set there is
// accepted by the lab's config schema, and a value out of range is refused with the field's path in the
// error; optimizer fields follow the optimizer's type (the catalog's hyper-parameters).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { setConfigValue } from '../../src/experiments/config-path.js';
import { pointConfig } from '../../src/experiments/sweep-point.js';
import { LABS } from '../../src/labs/index.js';
import { explicitBase, fieldValue, optimizerFields } from '../../src/labs/sweep-fields.js';

const sample = (kind: string, def: unknown, choices?: readonly string[]) => def ?? choices?.[0] ?? (kind === 'integer' ? 2 : kind === 'boolean' ? true : 0.5);
const pathOf = (issue: { path: PropertyKey[] }) => issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');

/** The error names the field's path, or the union that holds it (train's model: an MLP or a layer stack). */
const named = (issue: { path: PropertyKey[]; code: string }, path: string) => pathOf(issue) === path || (issue.code === 'invalid_union' && path.startsWith(`${pathOf(issue)}.`));

test('every lab: its sweep fields are sweepable paths its schema checks', () => {
  for (const d of LABS) {
    const starts = d.sweepFields({ ...d.defaults, start: [0.5, 1] }).some((f) => f.path === 'start[1]') ? [{ ...d.defaults, start: [0.5, 1] }] : [];
    for (const given of [d.defaults, ...d.presets.map((p) => p.config), ...starts]) {
      const fields = d.sweepFields(given);
      const base = explicitBase(given, fields);
      assert.ok(fields.length >= 3, `${d.id}: ${fields.length} fields`);
      assert.equal(new Set(fields.map((f) => f.path)).size, fields.length, `${d.id}: a path twice`);
      for (const f of fields) {
        const where = `${d.id} ${f.path}`;
        assert.match(f.path, d.sweepable, `${where}: not in sweepable`);
        assert.ok(f.label.en && f.label.zh, `${where}: unnamed`);
        const ok = setConfigValue(base, f.path, f.kind === 'choice' ? fieldValue(base, f) : sample(f.kind, f.default, f.choices));
        const r = d.configSchema.safeParse(ok);
        assert.ok(r.success, `${where}: ${r.success ? '' : JSON.stringify(r.error.issues[0])}`);
        if (f.kind === 'choice') {
          // every choice from the lab's defaults (a preset may tune what another choice refuses: ε of a learner)
          if (given === d.defaults) for (const c of f.choices!) assert.ok(d.configSchema.safeParse(pointConfig(base, { [f.path]: c })).success, `${where} = ${c}`);
          const bad = d.configSchema.safeParse(setConfigValue(base, f.path, 'no-such-choice'));
          assert.ok(!bad.success && named(bad.error.issues[0]!, f.path), `${where}: a bad choice not refused by path`);
        } else if (f.kind !== 'boolean' && !['start[0]', 'start[1]', 'step_reward', 'target'].includes(f.path)) {
          // -1.5 is out of every numeric field's range except a start point's, a reward's and a target return's
          const bad = d.configSchema.safeParse(setConfigValue(base, f.path, -1.5));
          assert.ok(!bad.success, `${where}: -1.5 accepted`);
          assert.ok(named(bad.error.issues[0]!, f.path), `${where}: error names ${pathOf(bad.error.issues[0]!)}`);
        }
      }
    }
  }
});

test('optimizer fields follow its type, with the catalog defaults', () => {
  const adam = optimizerFields({ optimizer: { type: 'adam', lr: 0.003 } }, 'optimizer', 'sgd');
  assert.deepEqual(adam.map((f) => f.path), ['optimizer.type', 'optimizer.lr', 'optimizer.beta1', 'optimizer.beta2', 'optimizer.eps', 'optimizer.weight_decay', 'optimizer.bias_correction']);
  const config = { optimizer: { type: 'adam', lr: 0.003 } };
  assert.equal(fieldValue(config, adam[1]!), 0.003); // set in the config
  assert.equal(fieldValue(config, adam[2]!), 0.9); // the catalog's default
  assert.equal(adam[1]!.log, true);
  assert.equal(adam[6]!.kind, 'boolean');
  const mom = optimizerFields({}, 'optimizer', 'momentum');
  assert.deepEqual(mom.map((f) => f.path.slice('optimizer.'.length)), ['type', 'lr', 'beta', 'weight_decay']);
  // a race names each optimizer: one set of fields per member
  const race = LABS.find((d) => d.sweepFields({ optimizers: [{ type: 'adam' }, { type: 'momentum' }] }).some((f) => f.path === 'optimizers[1].beta'));
  assert.ok(race, 'a lab with optimizers[i] fields');
  const labels = race.sweepFields({ optimizers: [{ type: 'adam' }, { type: 'momentum' }] }).filter((f) => f.path.startsWith('optimizers[1].'));
  assert.equal(labels.find((f) => f.path === 'optimizers[1].lr')?.label.en, 'momentum 2 · learning rate');
  assert.equal(labels.find((f) => f.path === 'optimizers[1].lr')?.label.zh, 'momentum 2 · 学习率');
});

test('a sweep point that changes an optimizer type drops the hyper-parameters the new type lacks', () => {
  const base = { optimizers: [{ type: 'momentum', lr: 0.001, beta: 0.95, name: 'mine' }, { type: 'rmsprop', beta: 0.9 }] };
  assert.deepEqual(pointConfig(base, { 'optimizers[0].type': 'adam' }), { optimizers: [{ type: 'adam', lr: 0.001, name: 'mine' }, { type: 'rmsprop', beta: 0.9 }] });
  // set by the point itself: kept (the schema then names it if the type has no such hyper-parameter)
  assert.deepEqual(pointConfig(base, { 'optimizers[0].type': 'sgd', 'optimizers[0].beta': 0.5 }), { optimizers: [{ type: 'sgd', lr: 0.001, beta: 0.5, name: 'mine' }, { type: 'rmsprop', beta: 0.9 }] });
  // not an optimizer type: untouched
  assert.deepEqual(pointConfig({ a: { type: 'x', k: 1 } }, { 'a.type': 'y' }), { a: { type: 'y', k: 1 } });
  assert.deepEqual(base.optimizers[0], { type: 'momentum', lr: 0.001, beta: 0.95, name: 'mine' }); // the base unchanged
});

test('the base of a sweep writes out the optimizer type the engine would pick', () => {
  const fields = optimizerFields({}, 'optimizer', 'adam');
  assert.deepEqual(explicitBase({ steps: 5 }, fields), { steps: 5, optimizer: { type: 'adam' } });
  assert.deepEqual(explicitBase({ optimizer: { type: 'sgd', lr: 1 } }, fields), { optimizer: { type: 'sgd', lr: 1 } });
});
