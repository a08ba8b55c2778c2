// A damaged store never strands the user: a truncated file, zeroed pages, random bytes and a
// write-ahead log copied in from another store are each
// named (STORE_DAMAGED, the file, what is wrong, the two ways out) instead of SQLite's raw errors; the
// damaged file is never changed, deleted or overwritten; `salvage` copies every readable row into a
// new store (the points it keeps are the original bits) and keeps the damaged file aside; the CLI
// offers the same as `gradlab store check | recover | set-aside`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, openSync, readFileSync, closeSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { checkStore, salvage, StoreDamagedError } from '../../src/experiments/health.js';
import { Store } from '../../src/experiments/store.js';
import { batchOf, tempHome } from './store-helpers.js';

const cli = new URL('../../../bin/gradlab.js', import.meta.url).pathname;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A closed store with three finished runs of 20 000 points each (several chunks per series). */
async function healthyStore(): Promise<{ home: string; file: string; points: Map<string, Float64Array> }> {
  const home = tempHome();
  const store = await Store.open({ home });
  const points = new Map<string, Float64Array>();
  for (let r = 0; r < 3; r++) {
    const id = await store.createRun({ lab: 'train', config: { epochs: r + 1 }, seed: r, name: `run ${r}` });
    await store.claim(id);
    const rec = store.recorder(id);
    for (let first = 1; first <= 20_000; first += 1000) rec.push(batchOf('train', 0, first, 1000, { loss: (s) => Math.sin(s * (r + 1)) / s }));
    await rec.close();
    await store.finish(id, 'completed', { summary: { steps: 20_000 }, at: Date.now() });
    points.set(`run ${r}`, (await store.readRaw(id, 'train_loss')).values);
  }
  const file = store.file;
  await store.close();
  return { home, file, points };
}

/** A copy of the healthy store in a new folder, damaged by `harm`. */
function damagedCopy(src: string, harm: (file: string) => void): { home: string; file: string } {
  const home = tempHome();
  const file = path.join(home, path.basename(src));
  mkdirSync(home, { recursive: true });
  copyFileSync(src, file);
  harm(file);
  return { home, file };
}

async function openError(home: string): Promise<unknown> {
  try {
    const s = await Store.open({ home });
    await s.close();
    return null;
  } catch (e) {
    return e;
  }
}

/** Every run salvage kept, and for each series it kept whole, the original bits. */
async function recoveredRuns(home: string, original: Map<string, Float64Array>): Promise<{ runs: number; wholeSeries: number; points: number }> {
  const store = await Store.open({ home });
  try {
    let wholeSeries = 0;
    let points = 0;
    const runs = await store.listRuns();
    for (const run of runs) {
      const want = original.get(run.name)!;
      assert.ok(want, `a recovered run is one of the originals: ${run.name}`);
      const got = (await store.readRaw(run.id, 'train_loss')).values;
      points += got.length;
      if (got.length === want.length) {
        assert.deepEqual(Buffer.from(got.buffer, got.byteOffset, got.byteLength), Buffer.from(want.buffer, want.byteOffset, want.byteLength));
        wholeSeries++;
      }
    }
    return { runs: runs.length, wholeSeries, points };
  } finally {
    await store.close();
  }
}

test('a truncated store: named when opened, the file untouched; recovered with every run and the original bits of what was readable', async () => {
  const good = await healthyStore();
  const { home, file } = damagedCopy(good.file, (f) => truncateSync(f, Math.floor(statSync(f).size * 0.6)));
  const before = sha(file);
  const e = await openError(home);
  assert.ok(e instanceof StoreDamagedError, String(e));
  assert.equal(e.code, 'STORE_DAMAGED');
  assert.match(e.message, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\(it is truncated: \\d+ bytes where its header says \\d+ pages`));
  assert.match(e.message, /gradlab store recover.*gradlab store set-aside/);
  assert.equal(sha(file), before, 'a failed open changes nothing');
  assert.equal((await checkStore(file)).ok, false);

  const report = await salvage(file);
  assert.equal(sha(report.setAsideAs), before, 'the damaged file is kept, byte for byte');
  assert.equal(report.tables.runs!.copied, 3);
  const got = await recoveredRuns(home, good.points);
  assert.equal(got.runs, 3);
  assert.ok(got.points > 0, 'some points were readable');
  assert.ok((await checkStore(file)).ok, 'the new store passes its check');
});

test('zeroed pages: the check names them; salvage keeps every run and the bits of every series it could read whole', async () => {
  const good = await healthyStore();
  const pageSize = readFileSync(good.file).readUInt16BE(16);
  const pages = statSync(good.file).size / pageSize;
  const { home, file } = damagedCopy(good.file, (f) => {
    const fd = openSync(f, 'r+');
    // two pages in the last third, where the points' blobs lie
    for (const p of [Math.floor(pages * 0.7), Math.floor(pages * 0.9)]) writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, p * pageSize);
    closeSync(fd);
  });
  const check = await checkStore(file);
  assert.equal(check.ok, false);
  assert.ok(check.problems.length > 0 && check.problems.every((p) => p.length > 0));
  const report = await salvage(file);
  assert.equal(report.tables.runs!.copied, 3);
  assert.ok(report.tables.chunks!.copied > 0 && report.unreadable.length > 0, JSON.stringify(report));
  const got = await recoveredRuns(home, good.points);
  assert.equal(got.runs, 3);
  assert.ok(got.wholeSeries >= 1, 'a series whose chunks all survived comes back whole');
});

test('random bytes: named as not a database; set aside, a new empty store opens; the CLI says the same', async () => {
  const { home, file } = damagedCopy((await healthyStore()).file, (f) => writeFileSync(f, Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919 + 13) % 251))));
  const before = sha(file);
  const e = await openError(home);
  assert.ok(e instanceof StoreDamagedError);
  assert.match(e.message, /is damaged \(it is not an SQLite database/);

  const env = { ...process.env, GRADLAB_HOME: home };
  const list = spawnSync(process.execPath, [cli, 'runs', 'list'], { env, encoding: 'utf8' });
  assert.equal(list.status, 1);
  assert.match(list.stderr, /is damaged \(it is not an SQLite database.*\[STORE_DAMAGED\]/);
  assert.doesNotMatch(list.stderr, /SQLITE_NOTADB|at .*\.js:/);
  const check = spawnSync(process.execPath, [cli, 'store', 'check'], { env, encoding: 'utf8' });
  assert.equal(check.status, 1);
  assert.ok(check.stderr.includes(file), check.stderr);

  const aside = spawnSync(process.execPath, [cli, 'store', 'set-aside', '--format', 'json'], { env, encoding: 'utf8' });
  assert.equal(aside.status, 0, aside.stderr);
  const moved = JSON.parse(aside.stdout) as { file: string; setAsideAs: string };
  assert.equal(moved.file, file);
  assert.equal(sha(moved.setAsideAs), before);
  assert.ok(!existsSync(file));
  const fresh = await Store.open({ home });
  assert.deepEqual(await fresh.listRuns(), []);
  await fresh.close();
});

test('the CLI: store check passes a healthy store; recover refuses it without --force; recover of a truncated one prints what it kept', async () => {
  const good = await healthyStore();
  const env = { ...process.env, GRADLAB_HOME: good.home };
  const ok = spawnSync(process.execPath, [cli, 'store', 'check'], { env, encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, `${good.file}: ok\n`);
  // reencode on a store written today: every chunk looked at, none needs writing; the runs stay
  const re = spawnSync(process.execPath, [cli, 'store', 'reencode', '--format', 'json'], { env, encoding: 'utf8' });
  assert.equal(re.status, 0, re.stderr);
  const report = JSON.parse(re.stdout) as { chunks: number; reencoded: number; blobBytesBefore: number; blobBytesAfter: number };
  assert.ok(report.chunks > 0 && report.reencoded === 0 && report.blobBytesAfter === report.blobBytesBefore, re.stdout);
  const refused = spawnSync(process.execPath, [cli, 'store', 'recover'], { env, encoding: 'utf8' });
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /passes its integrity check; recover copies only a damaged store \(or add --force\)/);

  truncateSync(good.file, Math.floor(statSync(good.file).size * 0.6));
  const rec = spawnSync(process.execPath, [cli, 'store', 'recover'], { env, encoding: 'utf8' });
  assert.equal(rec.status, 0, rec.stderr);
  assert.match(rec.stdout, /recovered into a new store: .*\nthe damaged file is kept as: .*experiments\.damaged-\d{8}-\d{6}\.db\n/);
  assert.match(rec.stdout, /runs\s+3\s+0/);
  const list = spawnSync(process.execPath, [cli, 'runs', 'list', '--format', 'json'], { env, encoding: 'utf8' });
  assert.equal(list.status, 0, list.stderr);
  assert.equal((JSON.parse(list.stdout) as unknown[]).length, 3);
});

/** A store open in this process with a run written since its last checkpoint: its -wal holds the run's pages. */
async function storeWithLog(name: string): Promise<{ home: string; file: string; store: Store }> {
  const home = tempHome();
  const store = await Store.open({ home });
  const id = await store.createRun({ lab: 'train', config: {}, seed: 1, name });
  await store.claim(id);
  const rec = store.recorder(id);
  rec.push(batchOf('train', 0, 1, 5000, { loss: (s) => 1 / s }));
  await rec.close();
  await store.finish(id, 'completed', { summary: { steps: 5000 }, at: Date.now() });
  return { home, file: store.file, store };
}

test('a write-ahead log copied in from another store is named, never applied; recover sets it aside and keeps the store; the store\'s own log still opens', async () => {
  const a = await healthyStore();
  const ida = await (async () => {
    const s = await Store.open({ home: a.home });
    const id = await s.storeId();
    await s.close();
    return id;
  })();
  assert.ok(ida !== 0, 'every store gets an id');
  assert.ok(!existsSync(`${a.file}-wal`) || statSync(`${a.file}-wal`).size === 0, 'closed cleanly: no log left');
  const b = await storeWithLog('from the other store');
  assert.notEqual(await b.store.storeId(), ida);
  assert.ok(statSync(`${b.file}-wal`).size > 32768, 'the other store has pages in its log');
  copyFileSync(`${b.file}-wal`, `${a.file}-wal`);
  const foreign = sha(`${a.file}-wal`);
  const before = sha(a.file);

  const e = await openError(a.home);
  assert.ok(e instanceof StoreDamagedError, String(e));
  assert.match(e.message, new RegExp(`write-ahead log .*experiments\\.db-wal is another store's: it names store [0-9a-f]+, the file is store ${ida.toString(16)}\\); run \`gradlab store recover\``));
  assert.equal(sha(a.file), before, 'the file is untouched');
  assert.equal(sha(`${a.file}-wal`), foreign, 'the log is untouched');
  const check = await checkStore(a.file);
  assert.equal(check.ok, false);
  assert.match(check.problems[0]!, /is another store's/);

  const r = await salvage(a.file);
  assert.ok(r.foreignWalAs && existsSync(r.foreignWalAs), 'the foreign log is kept');
  assert.equal(sha(r.foreignWalAs!), foreign, 'byte for byte');
  assert.deepEqual(await recoveredRuns(a.home, a.points), { runs: 3, wholeSeries: 3, points: 60_000 });

  // a store's own log (a crash before its checkpoint) opens and brings its last run
  const own = damagedCopy(b.file, (file) => copyFileSync(`${b.file}-wal`, `${file}-wal`));
  await b.store.close();
  const s = await Store.open({ home: own.home });
  assert.deepEqual((await s.listRuns()).map((x) => x.name), ['from the other store']);
  await s.close();
});
