// Sessions and the life of the process around them: a process can exit with sessions running or
// paused — no crash, no hang. (Terminating a worker thread mid-run is not covered yet: see
// docs/engine.md.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const api = new URL('../../src/native/index.js', import.meta.url).href;

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
