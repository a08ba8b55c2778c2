// `--save` on the commands that train in one engine call (gradlab seq, attention, gan, vae, rl train):
// the lab's session runs through the experiment store, so the run is listed, its series and weights
// kept, and its summary.final holds the same numbers as the command without --save (the same engine
// code trains both). Bad combinations are refused naming the flag.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Store } from '../../src/experiments/store.js';
import { gradlabIn, jsonIn } from './cli-store-helpers.js';
import { tempHome } from './store-helpers.js';

interface Saved { run_id: number; config: Record<string, unknown>; summary: { status: string; final: Record<string, number | null> } }
interface Plain { summary: { final: Record<string, number | null> } }

const CASES: { lab: string; args: string[]; same: string[] }[] = [
  { lab: 'seq', args: ['seq', '--task', 'parity', '--steps', '40', '--seed', '3'], same: ['train_loss', 'val_loss', 'acc'] },
  { lab: 'attention', args: ['attention', '--task', 'copy', '--steps', '15', '--dim', '16', '--heads', '2', '--layers', '1'], same: ['train_loss', 'val_loss', 'token_acc', 'seq_acc'] },
  // the GAN lab scores its samples as it goes, so its noise draws (and numbers) part from gradlab gan's
  { lab: 'gan', args: ['gan', '--data', 'ring8', '--steps', '150'], same: [] },
  { lab: 'vae', args: ['vae', '--set', 'train=300', '--set', 'test=100', '--epochs', '1', '--hidden', '32'], same: ['train_loss', 'test_loss', 'test_recon', 'test_kl'] },
  { lab: 'cartpole', args: ['rl', 'train', '--algo', 'a2c', '--episodes', '12', '--seed', '2'], same: ['mean_return_100'] },
];

test('--save stores the run with the numbers the command prints without it', async () => {
  const home = tempHome();
  const ids: number[] = [];
  for (const c of CASES) {
    const plain = jsonIn<Plain>(home, ...c.args);
    const saved = jsonIn<Saved>(home, ...c.args, '--save', '--name', `saved ${c.lab}`, '--tag', 'cli');
    assert.equal(saved.summary.status, 'completed', c.lab);
    for (const k of Object.keys(plain.summary.final)) assert.ok(k in saved.summary.final, `${c.lab}: summary.final.${k} with --save too`);
    for (const k of c.same) {
      assert.equal(saved.summary.final[k], plain.summary.final[k], `${c.lab}: ${k} with and without --save`);
    }
    ids.push(saved.run_id);
  }
  const store = await Store.open({ home });
  try {
    for (const [i, c] of CASES.entries()) {
      const run = await store.getRun(ids[i]!);
      assert.equal(run.lab, c.lab);
      assert.equal(run.status, 'completed');
      assert.equal(run.name, `saved ${c.lab}`);
      assert.deepEqual(run.tags, ['cli']);
      assert.ok((await store.listSeries(run.id)).length > 0, `${c.lab}: series stored`);
    }
  } finally {
    await store.close();
  }
});

test('--save prints the run id (stderr for a table) and refuses flags the stored run replaces', () => {
  const home = tempHome();
  const t = gradlabIn(home, 'rl', 'train', '--episodes', '3', '--save');
  assert.equal(t.code, 0, t.err);
  assert.match(t.err, /saved as run 1/);
  assert.match(t.out, /mean_return_100/);
  const s = gradlabIn(home, 'gan', '--steps', '5', '--samples', '10', '--save');
  assert.equal(s.code, 2);
  assert.match(s.err, /--samples: not with --save/);
  const w = gradlabIn(home, 'vae', '--epochs', '1', '--save-weights', '/tmp/never.glw', '--save');
  assert.equal(w.code, 2);
  assert.match(w.err, /--save-weights: not with --save/);
});
