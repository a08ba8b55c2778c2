// Crash recovery: a process that records a run is killed with SIGKILL mid-run; reopening the store
// finds a valid database, the run `interrupted`, and every point up to its last flush. Runs of live
// owners are never touched; runs owned on another host are judged by their heartbeat.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { STALE_MS } from '../../src/experiments/owner.js';
import { Store } from '../../src/experiments/store.js';
import { tempHome } from './store-helpers.js';

const writer = new URL('./store-writer.js', import.meta.url).pathname;

test('SIGKILL mid-run: the store opens, the run is interrupted, every flushed point is there', async () => {
  const home = tempHome();
  const child = spawn(process.execPath, [writer], { env: { ...process.env, GRADLAB_HOME: home, GRADLAB_STORE_WRITER: '1' } });
  let out = '';
  let runId = -1;
  let flushed = 0;
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      runId = Number(/run (\d+)/.exec(out)?.[1] ?? -1);
      const all = [...out.matchAll(/flushed (\d+)\n/g)];
      flushed = Number(all.at(-1)?.[1] ?? 0);
      if (flushed >= 20_000 && child.exitCode === null && !child.killed) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  await new Promise((r) => child.on('exit', r));
  out += child.stdout.read()?.toString() ?? '';
  flushed = Number([...out.matchAll(/flushed (\d+)\n/g)].at(-1)?.[1] ?? 0);
  assert.equal(child.signalCode, 'SIGKILL');

  const store = await Store.open({ home });
  assert.equal((await store.db.get<{ integrity_check: string }>('PRAGMA integrity_check'))!.integrity_check, 'ok');
  const run = await store.getRun(runId);
  assert.equal(run.status, 'interrupted');
  assert.ok(run.endedAt !== null && run.durationMs !== null);
  assert.match((await store.statusLog(runId)).at(-1)!.detail ?? '', /its process \(pid \d+ on .+\) ended while the run was running/);
  const points = await store.readRaw(runId, 'race_f');
  assert.ok(points.steps.length >= flushed, `${points.steps.length} points stored, ${flushed} reported flushed`);
  for (let i = 0; i < points.steps.length; i++) {
    assert.equal(points.steps[i], i + 1);
    assert.equal(points.values[i], 2 * (i + 1));
  }
  await store.close();
});

test('a live owner’s runs are never touched; a dead one’s are; another host’s by heartbeat', async () => {
  const home = tempHome();
  const setup = await Store.open({ home });
  const sleeper = spawn('sleep', ['30']);
  const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
  const now = Date.now();
  const mk = async (pid: number, host: string, heartbeat: number, status: 'running' | 'queued' | 'paused') => {
    const id = await setup.createRun({ lab: 'train', config: {}, status });
    await setup.db.run('UPDATE runs SET owner_pid = ?, owner_host = ?, owner_token = ?, heartbeat_at = ? WHERE id = ?', [pid, host, `t${id}`, heartbeat, id]);
    return id;
  };
  const host = setup.owner.host;
  const live = await mk(sleeper.pid!, host, now - 10 * STALE_MS, 'running'); // a stale heartbeat, but the process lives
  const gone = await mk(dead, host, now, 'paused');
  const queuedGone = await mk(dead, host, now, 'queued');
  const farFresh = await mk(1, 'another-host', now, 'running');
  const farStale = await mk(1, 'another-host', now - 2 * STALE_MS, 'running');
  await setup.close();
  const store = await Store.open({ home });
  const status = async (id: number) => (await store.getRun(id)).status;
  assert.equal(await status(live), 'running');
  assert.equal(await status(gone), 'interrupted');
  assert.equal(await status(queuedGone), 'interrupted');
  assert.equal(await status(farFresh), 'running');
  assert.equal(await status(farStale), 'interrupted');
  sleeper.kill();
  await new Promise((r) => sleeper.on('exit', r));
  assert.deepEqual(await store.recover(), [live]);
  await store.close();
});
