// RunManager re-emits what a plain session gives its listeners: the lab's notices (the model, status
// words) and, on the status event of a run that ended, the lab's summary (so `gradlab train --save`
// prints what it prints without --save).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { RunManager } from '../../src/experiments/manager.js';
import type { TrainNotice, TrainSummary } from '../../src/native/index.js';
import { tempStore } from './store-helpers.js';

test('notices and the summary reach RunManager listeners', async () => {
  const store = await tempStore();
  const runs = new RunManager(store);
  const notices: TrainNotice[] = [];
  let summary: TrainSummary | undefined;
  runs.on('notice', (e) => notices.push(e.notice as TrainNotice));
  runs.on('status', (e) => {
    if (e.status === 'completed') summary = e.summary as TrainSummary;
  });
  const id = await runs.submit('train', { dataset: { name: 'xor', n: 60 }, model: { hidden: [4] }, epochs: 2, prediction: false });
  await runs.finished(id);
  const model = notices.find((n) => n.type === 'model');
  assert.ok(model && model.type === 'model');
  assert.equal(model.layers.length, 2);
  assert.ok(summary);
  assert.deepEqual(summary, (await store.getRun(id)).summary);
  await runs.close();
  await store.close();
});
