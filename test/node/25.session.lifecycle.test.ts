// Sessions and the life of the process around them: a worker thread with a running race can be
// terminated, and a process can exit with sessions running or paused — no crash, no hang.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { test } from 'node:test';

const api = new URL('../../src/native/index.js', import.meta.url).href;

test('a worker thread running races can be terminated mid-run', async () => {
  const w = new Worker(
    `const { startRace } = await import(${JSON.stringify(api)});
     const { parentPort } = await import('node:worker_threads');
     const r = startRace({ function: 'rosenbrock', steps: 10000000, optimizers: [{ type: 'adam' }] });
     const p = startRace({ function: 'booth', steps: 10000000, optimizers: [{ type: 'sgd' }] });
     await p.pause();
     let rows = 0;
     r.on('batch', (b) => { rows += b.rows; if (rows > 1000) parentPort.postMessage(rows); });`,
    { eval: true },
  );
  const rows = await new Promise<number>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  assert.ok(rows > 1000);
  const code = await w.terminate();
  assert.equal(code, 1, 'terminated');
});

test('a process exits cleanly with one race running and one paused', () => {
  const script = `
    const { startRace } = await import(${JSON.stringify(api)});
    const a = startRace({ function: 'rosenbrock', steps: 10000000, optimizers: [{ type: 'adam' }] });
    const b = startRace({ function: 'booth', steps: 10000000, optimizers: [{ type: 'sgd' }] });
    await b.pause();
    setTimeout(() => process.exit(0), 30);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
});
