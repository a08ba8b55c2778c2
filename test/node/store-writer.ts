/**
 * A child process for the crash test (97.store.recovery.test.ts): opens the store in GRADLAB_HOME,
 * creates and claims a run, then records batches forever, printing "flushed <points>" after each flush,
 * until it is killed. Does nothing unless GRADLAB_STORE_WRITER=1 (the test runner also loads this file).
 */
import { Store } from '../../src/experiments/store.js';
import { batchOf } from './store-helpers.js';

async function main(): Promise<void> {
  const store = await Store.open();
  const id = await store.createRun({ lab: 'race', config: { writer: true } });
  await store.claim(id);
  await store.markStarted(id);
  process.stdout.write(`run ${id}\n`);
  const rec = store.recorder(id, { flushMs: 1e9 });
  let step = 1;
  for (;;) {
    rec.push(batchOf('race', 0, step, 500, { f: (s) => s * 2 }));
    step += 500;
    await rec.flush();
    process.stdout.write(`flushed ${step - 1}\n`);
  }
}

if (process.env.GRADLAB_STORE_WRITER === '1') void main();
