// The GAN lab as a stored run (the lab kit: its descriptor is all the store needs): every step's losses,
// the evaluations with their best, the latest frame whose parts add up; and the live session's controls:
// a paused run stepped with D only (the generator's loss is NaN in that row, its fakes unchanged).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { RunManager } from '../../src/experiments/manager.js';
import { startGan, type GanFrameMeta } from '../../src/native/gan.js';
import type { Frame } from '../../src/native/events.js';
import { tempStore } from './store-helpers.js';

test('a GAN run: every step stored, evaluations with their best, the latest frame', async () => {
  const store = await tempStore();
  const runs = new RunManager(store);
  const id = await runs.submit('gan', { data: 'ring8', steps: 300, eval_every: 100, g_hidden: [32, 32], d_hidden: [32, 32], frames: { every_ms: 0, grid: 8, fakes: 16, manifold: 4 } });
  await runs.finished(id);
  const run = await store.getRun(id);
  const summary = run.summary as { steps: number; final: { modes: number; js: number } };
  assert.equal(run.status, 'completed');
  assert.equal(summary.steps, 300);
  const d = await store.readRaw(id, 'batch_d_loss');
  assert.deepEqual([...d.steps], Array.from({ length: 300 }, (_, i) => i + 1));
  const modes = await store.readRaw(id, 'eval_modes');
  assert.deepEqual([...modes.values].length, 4); // steps 0, 100, 200, 300
  assert.equal(run.best.eval_modes, Math.max(...modes.values));
  assert.equal(run.final.eval_modes, summary.final.modes);
  assert.equal(run.best.eval_js, Math.min(...(await store.readRaw(id, 'eval_js')).values));
  const [latest] = await store.readFrames(id, 'gan', 'latest');
  assert.equal(latest!.step, 300);
  const meta = latest!.meta as GanFrameMeta;
  assert.equal(latest!.shape[0], 2 * meta.real + 4 * meta.fakes + meta.grid ** 2 + 2 * meta.manifold[0] * meta.manifold[1]);
  assert.deepEqual([meta.fakes, meta.grid, meta.manifold.join()], [16, 8, '4,4']);
  await runs.close();
  await store.close();
});

test('live: paused, a D-only step trains D alone (g_loss NaN, the fakes unchanged); G-only the reverse; a bad change is refused by name', async () => {
  const s = startGan({ data: 'moons', steps: 1000, frames: { every_ms: 0, grid: 4, fakes: 8 } }, { steps_per_second: 1e-3 });
  const rows: { d: number; g: number }[] = [];
  s.on('batch', (b) => {
    if (b.stream === 'batch') for (let i = 0; i < b.rows; i++) rows.push({ d: b.columns.d_loss![i]!, g: b.columns.g_loss![i]! });
  });
  const frames: Frame<GanFrameMeta>[] = [];
  s.on('frame', (f) => frames.push(f));
  await s.pause();
  const before = rows.length;
  assert.throws(() => s.update({ nets: 'both_nets' }), /update\.nets/);
  s.update({ nets: 'd' });
  await s.step();
  assert.equal(rows.length, before + 1);
  assert.ok(Number.isFinite(rows.at(-1)!.d) && Number.isNaN(rows.at(-1)!.g));
  const fakes = (f: Frame<GanFrameMeta>) => Array.from(f.data.subarray(2 * f.meta.real, 2 * f.meta.real + 2 * f.meta.fakes));
  const [a, b] = frames.slice(-2);
  assert.deepEqual(fakes(b!), fakes(a!));
  assert.equal(b!.meta.nets, 'd');
  s.update({ nets: 'g' });
  await s.step();
  assert.ok(Number.isNaN(rows.at(-1)!.d) && Number.isFinite(rows.at(-1)!.g));
  assert.notDeepEqual(fakes(frames.at(-1)!), fakes(b!));
  void s.stop();
  const summary = await s.done;
  assert.equal(summary.status, 'stopped');
});
