// The RNN lab as a stored run (its descriptor is all the store needs): every step's loss and bits per
// character, the held-out scores with their best, the latest sample and hidden state; the shipped texts
// are what assets/texts/SOURCES.md says they are.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { RunManager } from '../../src/experiments/manager.js';
import { tempStore } from './store-helpers.js';

const texts = fileURLToPath(new URL('../../../assets/texts/', import.meta.url));

test('the shipped texts: their sizes and alphabets as recorded, plain UTF-8', () => {
  const en = readFileSync(`${texts}english-moby-dick.txt`, 'utf8');
  const zh = readFileSync(`${texts}chinese-lunyu-shijing.txt`, 'utf8');
  assert.equal(Array.from(en).length, 201646);
  assert.equal(new Set(Array.from(en)).size, 76);
  assert.ok(en.startsWith('CHAPTER 1. Loomings.\n\nCall me Ishmael.'));
  assert.equal(Array.from(zh).length, 61671);
  assert.equal(new Set(Array.from(zh)).size, 3150);
  assert.ok(zh.startsWith('论语\n\n学而篇\n子曰：“学而时习之'));
  const sources = readFileSync(`${texts}SOURCES.md`, 'utf8');
  for (const s of ['201 646 characters', '61 671 characters, 3 150 distinct', 'public domain', 'PDDL', 'MIT']) assert.ok(sources.includes(s), s);
});

test('an RNN run on a text: steps and evaluations stored with their best, the last sample and hidden state kept', async () => {
  const store = await tempStore();
  const runs = new RunManager(store);
  const text = readFileSync(`${texts}english-moby-dick.txt`, 'utf8').slice(0, 20000);
  const id = await runs.submit('seq', { text, steps: 40, hidden: 32, seq_len: 32, eval_every: 20, sample: 50, frames: { every_ms: 0, passage: 12, units: 8 } });
  await runs.finished(id);
  const run = await store.getRun(id);
  assert.equal(run.status, 'completed');
  const bpc = await store.readRaw(id, 'batch_bpc');
  const loss = await store.readRaw(id, 'batch_loss');
  assert.equal(bpc.values.length, 40);
  assert.ok(Math.abs(bpc.values[39]! - loss.values[39]! / Math.LN2) < 1e-9);
  const val = await store.readRaw(id, 'eval_val_bpc');
  assert.deepEqual([...val.steps], [0, 20, 40]);
  assert.equal(run.best.eval_val_bpc, Math.min(...val.values));
  assert.ok(val.values[2]! < val.values[0]!, 'it learned');
  const [sample] = await store.readFrames(id, 'sample', 'latest');
  assert.equal(Array.from(String((sample!.meta as { text: string }).text)).length, 50);
  const [hidden] = await store.readFrames(id, 'hidden', 'latest');
  assert.deepEqual(hidden!.shape, [12, 8]);
  await runs.close();
  await store.close();
});
