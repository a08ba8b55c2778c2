// The store's value codec is lossless bit for bit: random bit patterns (NaN payloads), smooth series,
// constants (NaN and −0 among them), float32-valued series, ±Inf and −0 mixed in; each takes the
// encoding meant for it; series crossing chunk borders read back whole through the recorder and both
// read paths; a raw chunk of an older store reads as before; a saved run takes a fraction of its raw size.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { decodeValues, encodeValues } from '../../src/experiments/chunk-codec.js';
import { thinIndices } from '../../src/experiments/thin.js';
import { encodeF64 } from '../../src/experiments/codec.js';
import { batchOf, tempStore } from './store-helpers.js';

const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function fromWords(n: number, word: (i: number) => [number, number]): Float64Array {
  const out = new Float64Array(n);
  const w = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) [w[2 * i], w[2 * i + 1]] = word(i);
  return out;
}

let seed = 12345;
const rand32 = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);

const CASES: [string, Float64Array, number[]][] = [
  ['random bit patterns (NaN payloads, subnormals)', fromWords(4096, () => [rand32(), rand32()]), [0]],
  ['a smooth trajectory', Float64Array.from({ length: 4096 }, (_, i) => 1.5 - Math.exp(-i / 900) + 1e-3 * Math.sin(i / 7)), [0, 2]],
  ['float32-valued losses', Float64Array.from({ length: 4096 }, (_, i) => Math.fround(2 / (1 + i / 100) + 0.01 * Math.sin(i))), [4]],
  ['float32-valued with one NaN (kept as float64: a NaN payload widens as the CPU likes)', Float64Array.from({ length: 4096 }, (_, i) => (i === 77 ? NaN : Math.fround(1 / (1 + i)))), [2]],
  ['±Inf, −0 and small integers: float32-valued', Float64Array.from({ length: 2000 }, (_, i) => [Infinity, -Infinity, -0, 0, i][i % 5]!), [4]],
  ['one value off float32 among float32s', Float64Array.from({ length: 4096 }, (_, i) => (i === 4000 ? 0.1 : Math.fround(1 / (1 + i)))), [2]],
  ['a constant', new Float64Array(4096).fill(0.001), [1]],
  ['a constant NaN with a payload', fromWords(1000, () => [0x1234, 0x7ff80000 | 0x55]), [1]],
  ['a constant −0', new Float64Array(300).fill(-0), [1]],
  ['NaN, ±Inf, −0 and 0 mixed', Float64Array.from({ length: 2000 }, (_, i) => [NaN, Infinity, -Infinity, -0, 0, i][i % 6]!), [2]],
  ['one value', new Float64Array([Math.PI]), [0, 1]],
  ['two values that differ only in the NaN payload', fromWords(2, (i) => [i, 0x7ff80000]), [0, 2]],
];

test('encodeValues / decodeValues: every value back bit for bit, with the encoding meant for the series', async () => {
  for (const [name, values, encs] of CASES) {
    const { vals, vals_enc } = await encodeValues(values);
    assert.ok(encs.includes(vals_enc), `${name}: encoding ${vals_enc}, expected one of ${encs.join(', ')}`);
    assert.ok(vals.length <= values.length * 8, name);
    const back = decodeValues(vals, vals_enc, values.length);
    assert.equal(back.length, values.length, name);
    assert.ok(bits(back).equals(bits(values)), `${name}: not the same bits`);
  }
  // raw values (schema ≤ 4) read as before
  const v = Float64Array.from([1, -0, NaN, 7]);
  assert.ok(bits(decodeValues(encodeF64(v), 0, 4)).equals(bits(v)));
  assert.throws(() => decodeValues(Buffer.alloc(16), 1, 4), /constant value blob of 16 bytes/);
  assert.throws(() => decodeValues(Buffer.alloc(8), 9, 1), /unknown value encoding 9/);
});

test('series across chunk borders, constant stretches ending mid-chunk: both read paths give every point back', async () => {
  const store = await tempStore();
  const id = await store.createRun({ lab: 'train', config: {}, seed: 1 });
  const rec = store.recorder(id);
  const n = 10_000;
  // lr: constant for 5000 steps then another constant; loss: float32-valued; raw: random words
  const words = fromWords(n, () => [rand32(), rand32() & 0x7fefffff]);
  const f = (s: number) => (s <= 5000 ? 0.01 : 0.001);
  for (let first = 1; first <= n; first += 777) {
    const rows = Math.min(777, n - first + 1);
    rec.push(batchOf('train', 0, first, rows, { lr: f, loss: (s) => Math.fround(1 / s), raw: (s) => words[s - 1]! }));
  }
  await rec.close();
  for (const [name, want] of [
    ['train_lr', Float64Array.from({ length: n }, (_, i) => f(i + 1))],
    ['train_loss', Float64Array.from({ length: n }, (_, i) => Math.fround(1 / (i + 1)))],
    ['train_raw', words],
  ] as const) {
    const raw = await store.readRaw(id, name);
    assert.ok(bits(raw.values).equals(bits(want)), name);
    const chart = await store.readForChart(id, name, n + 10);
    assert.ok(chart.raw && bits(chart.values).equals(bits(want)), `${name} (chart read)`);
  }
  const encs = await store.db.all<{ vals_enc: number }>('SELECT vals_enc FROM chunks c JOIN series s ON s.id = c.series_id WHERE s.name = ? ORDER BY seq', ['train_lr']);
  assert.deepEqual(encs.map((e) => e.vals_enc), [1, 2, 1], 'lr: constant, the chunk where it changes packed, constant');
  await store.close();
});

test('a chunk written raw by an older store (vals_enc 0) reads as before', async () => {
  const store = await tempStore();
  const id = await store.createRun({ lab: 'train', config: {}, seed: 1 });
  const rec = store.recorder(id);
  rec.push(batchOf('train', 0, 1, 100, { loss: (s) => Math.fround(1 / s) }));
  await rec.close();
  const values = Float64Array.from({ length: 100 }, (_, i) => Math.sin(i));
  await store.db.run('UPDATE chunks SET vals = ?, vals_enc = 0, crc = NULL', [encodeF64(values)]);
  assert.ok(bits((await store.readRaw(id, 'train_loss')).values).equals(bits(values)));
  await store.close();
});

test('store usage: each run\'s bytes are its chunks\' blobs and artifacts; the file total holds them; a deleted run leaves the list', async () => {
  const store = await tempStore();
  const ids: number[] = [];
  for (let r = 0; r < 2; r++) {
    const id = await store.createRun({ lab: 'train', config: {}, seed: r });
    const rec = store.recorder(id);
    rec.push(batchOf('train', 0, 1, 5000 * (r + 1), { loss: (s) => Math.sin(s) }));
    await rec.close();
    ids.push(id);
  }
  await store.storeWeights(ids[0]!, 'final', 10, Buffer.alloc(1234, 7));
  const u = await store.usage();
  for (const id of ids) {
    const blobs = (await store.db.get<{ b: number }>('SELECT SUM(length(c.steps) + length(c.times) + length(c.vals)) AS b FROM chunks c JOIN series s ON s.id = c.series_id WHERE s.run_id = ?', [id]))!.b;
    assert.equal(u.runs[id], blobs + (id === ids[0] ? 1234 : 0), `run ${id}`);
  }
  assert.ok(u.runs[ids[1]!]! > u.runs[ids[0]!]! - 1234, 'twice the points, more bytes');
  assert.ok(u.fileBytes >= u.runs[ids[0]!]! + u.runs[ids[1]!]!);
  await store.deleteRun(ids[1]!);
  assert.equal((await store.usage()).runs[ids[1]!], undefined);
  await store.close();
});

test('thinning a run keeps every k-th point, each block\'s extremes, NaN/±Inf and the ends; is recorded; refuses a going run', async () => {
  // indices by hand: k = 4 over 10 values; blocks [0,4) [4,8) [8,10)
  const v = Float64Array.from([5, 1, 9, 5, 5, NaN, 7, 3, 2, 2]);
  assert.deepEqual(thinIndices(v, 4), [0, 1, 2, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(thinIndices(Float64Array.from([3, 3, 3, 3, 3]), 2), [0, 2, 4]); // equal values: the first of a block is its min and max
  assert.deepEqual(thinIndices(new Float64Array(0), 3), []);

  const store = await tempStore();
  const id = await store.createRun({ lab: 'train', config: {}, seed: 1, status: 'running' });
  const rec = store.recorder(id);
  const f = (s: number) => (s === 777 ? Infinity : s === 778 ? NaN : Math.sin(s / 50) + (s === 4321 ? 10 : 0));
  rec.push(batchOf('train', 0, 1, 10_000, { loss: f }));
  await rec.close();
  await assert.rejects(store.thin(id, 10), (e: unknown) => (e as { code?: string }).code === 'RUN_STATE');
  await store.finish(id, 'completed', { summary: {}, at: Date.now() });
  await assert.rejects(store.thin(id, 1), /every: expected an integer in \[2, 1000000\], got 1/);
  const before = await store.getRun(id);
  const r = await store.thin(id, 10);
  assert.equal(r.of, 10_000);
  assert.ok(r.kept < 3_100 && r.kept >= 1_000, `kept ${r.kept}`);
  const p = await store.readRaw(id, 'train_loss');
  assert.equal(p.values.length, r.kept);
  const steps = new Set(Array.from(p.steps));
  for (const s of [1, 11, 9991, 10_000, 777, 778, 4321]) assert.ok(steps.has(s), `step ${s} kept`);
  for (let i = 0; i < p.values.length; i++) assert.ok(Object.is(p.values[i], f(p.steps[i]!)) || (Number.isNaN(p.values[i]) && Number.isNaN(f(p.steps[i]!))), `the kept points are the original values (step ${p.steps[i]})`);
  const after = await store.getRun(id);
  assert.deepEqual(after.final, before.final);
  assert.deepEqual(after.best, before.best);
  assert.deepEqual((await store.events(id)).map((e) => [e.field, e.step, e.new]), [['thinned', r.kept, 10]]);
  await store.close();
});

test('an old store re-encoded on request: every finished run\'s points come back bit for bit in today\'s encodings, smaller; a going run is left alone', async () => {
  const store = await tempStore();
  const done = await store.createRun({ lab: 'train', config: {}, seed: 1, status: 'completed' });
  const going = await store.createRun({ lab: 'train', config: {}, seed: 2, status: 'running' });
  const n = 4000;
  for (const id of [done, going]) {
    const rec = store.recorder(id);
    rec.push(batchOf('train', 0, 1, n, { loss: (s) => Math.fround(Math.exp(-s / 900) + 0.01 * Math.sin(s)), lr: () => 0.01 }));
    await rec.close();
  }
  // write every chunk as a schema-3 store did: raw steps, raw times, raw values, no CRC
  const before: Record<string, { steps: Float64Array; times: Float64Array; values: Float64Array }> = {};
  for (const id of [done, going])
    for (const name of ['train_loss', 'train_lr']) {
      const r = await store.readRaw(id, name);
      before[`${id}/${name}`] = r;
      await store.db.run(
        'UPDATE chunks SET steps = ?, steps_enc = 0, times = ?, times_enc = 0, vals = ?, vals_enc = 0, crc = NULL WHERE series_id = (SELECT id FROM series WHERE run_id = ? AND name = ?)',
        [encodeF64(r.steps), encodeF64(r.times), encodeF64(r.values), id, name],
      );
    }
  const report = await store.reencode();
  assert.equal(report.chunks, 2, 'the finished run\'s two chunks looked at');
  assert.equal(report.reencoded, 2);
  assert.equal(report.blobBytesBefore, 2 * 3 * 8 * n);
  assert.ok(report.blobBytesAfter < report.blobBytesBefore / 4, `${report.blobBytesAfter} bytes after, ${report.blobBytesBefore} before`);
  assert.ok(report.fileBytesAfter! < report.fileBytesBefore!, `the file shrinks: ${report.fileBytesBefore} → ${report.fileBytesAfter}`);
  for (const id of [done, going])
    for (const name of ['train_loss', 'train_lr']) {
      const r = await store.readRaw(id, name);
      const b = before[`${id}/${name}`]!;
      for (const k of ['steps', 'times', 'values'] as const) assert.ok(bits(r[k]).equals(bits(b[k])), `${id} ${name} ${k} bit for bit`);
    }
  const encs = await store.db.all<{ run_id: number; name: string; steps_enc: number; times_enc: number; vals_enc: number; crc: number | null }>(
    'SELECT s.run_id, s.name, c.steps_enc, c.times_enc, c.vals_enc, c.crc FROM chunks c JOIN series s ON s.id = c.series_id ORDER BY s.run_id, s.name',
  );
  assert.deepEqual(
    encs.map((e) => [e.run_id, e.name, e.steps_enc, e.times_enc, e.vals_enc, e.crc !== null]),
    [
      [done, 'train_loss', 1, 1, 4, true],
      [done, 'train_lr', 1, 1, 1, true],
      [going, 'train_loss', 0, 0, 0, false],
      [going, 'train_lr', 0, 0, 0, false],
    ],
  );
  // a second pass finds nothing to do
  assert.equal((await store.reencode({ vacuum: false })).reencoded, 0);
  await store.close();
});
