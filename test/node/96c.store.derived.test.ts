// Derived series (#15, derived.ts): a race's ‖∇f‖, Adam's m, v, m̂ and v̂ stored as their rule plus the
// values it misses. Each rule against numbers worked by hand; exceptions keep NaN payloads and −0; a
// blob whose recomputation differs fails loudly; a saved race reads back bit for bit what the engine
// streamed (also with weight decay, noise and a β changed live, where rules miss), through both read
// paths, after thinning, re-encoding, and a recovery that lost the source chunks.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { VALS_DERIVED } from '../../src/experiments/chunk-codec.js';
import { decodeDerived, derivationOf, encodeDerived, norm2, type Derivation } from '../../src/experiments/derived.js';
import { RunManager } from '../../src/experiments/manager.js';
import { decimateSegments } from '../../src/experiments/decimate.js';
import type { Store } from '../../src/experiments/store.js';
import { thinIndices } from '../../src/experiments/thin.js';
import { raceLab } from '../../src/labs/race.js';
import { tempStore } from './store-helpers.js';

const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const f64 = (...v: number[]) => Float64Array.from(v);
const steps = (n: number, from = 0) => Float64Array.from({ length: n }, (_, i) => from + i);
/** the number of exceptions a blob holds */
const misses = (blob: Buffer) => blob.readUInt32LE(3 + blob.readUInt16LE(1) + 4);

test('each rule against numbers worked by hand: one exception where the rule has no value, none elsewhere', () => {
  // bias, β = 0.5: y = s/(1 − 0.5ᵗ), t = 0 → y = s
  const bias: Derivation = { op: 'bias', src: ['m'], beta: 0.5 };
  const m = f64(3, 1, 3, 7);
  const hat = f64(3, 2, 4, 8); // 1/(1 − 0.5), 3/(1 − 0.25), 7/(1 − 0.125)
  let blob = encodeDerived(bias, hat, steps(4), [m], Infinity)!;
  assert.equal(misses(blob), 0);
  assert.ok(bits(decodeDerived(blob, 4, steps(4), [m])).equals(bits(hat)));
  // ema, β = 0.5: y[i] = 0.5·y[i−1] + 0.5·g[i−1]; y[0] is kept as an exception
  const ema: Derivation = { op: 'ema', src: ['gx'], beta: 0.5 };
  const g = f64(2, 6, -4, 0);
  const y = f64(4, 3, 4.5, 0.25);
  blob = encodeDerived(ema, y, steps(4), [g], Infinity)!;
  assert.equal(misses(blob), 1);
  assert.ok(bits(decodeDerived(blob, 4, steps(4), [g])).equals(bits(y)));
  // ema_sq, β = 0.5: y[i] = 0.5·y[i−1] + (0.5·g)·g
  const sq: Derivation = { op: 'ema_sq', src: ['gx'], beta: 0.5 };
  const v = f64(0, 2, 19, 17.5); // 0 + 0.5·4, 1 + 0.5·36, 9.5 + 0.5·16
  blob = encodeDerived(sq, v, steps(4), [g], Infinity)!;
  assert.equal(misses(blob), 1);
  assert.ok(bits(decodeDerived(blob, 4, steps(4), [g])).equals(bits(v)));
  // norm2: 3-4-5 and 5-12-13
  const nb: Derivation = { op: 'norm2', src: ['gx', 'gy'] };
  blob = encodeDerived(nb, f64(5, 13, 0), steps(3), [f64(3, -5, 0), f64(-4, 12, -0)], Infinity)!;
  assert.equal(misses(blob), 0);
  assert.deepEqual(derivationOf(blob), nb);
  assert.equal(encodeDerived(nb, f64(5, 13, 0), steps(3), [f64(3, -5, 0), f64(-4, 12, -0)]), null, 'three values are smaller raw than with a header');
  assert.equal(norm2(3e300, 4e300), 5e300);
  assert.equal(norm2(Infinity, NaN), Infinity);
});

test('exceptions keep every bit (NaN payloads, −0, ±Inf); a rule that misses too often is refused; a wrong recomputation fails loudly', () => {
  const n = 4096;
  const src = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 10);
  const d: Derivation = { op: 'bias', src: ['m'], beta: 0.9 };
  const want = Float64Array.from(src, (s, t) => (t === 0 ? s : s / (1 - Math.pow(0.9, t))));
  const w = new Uint32Array(want.buffer);
  [w[200], w[201]] = [0xdead, 0x7ff80000 | 0x123]; // a NaN with a payload
  want[300] = -0;
  want[301] = Infinity;
  want[302] = want[302]! * (1 + 2 ** -52); // one bit off the rule
  const blob = encodeDerived(d, want, steps(n), [src])!;
  assert.equal(misses(blob), 4);
  assert.ok(bits(decodeDerived(blob, n, steps(n), [src])).equals(bits(want)));
  assert.ok(blob.length < 200, `${blob.length} bytes for ${n} values`);
  // a quarter of the values off the rule: stored as a plain series instead
  const noisy = Float64Array.from(want, (v, i) => (i % 4 === 0 ? v + 1 : v));
  assert.equal(encodeDerived(d, noisy, steps(n), [src]), null);
  // recomputed from other sources than it was written with: the checksum says so
  const other = Float64Array.from(src, (s, i) => (i === 10 ? s + 1 : s));
  assert.throws(() => decodeDerived(blob, n, steps(n), [other]), /recomputed bias values differ from the ones written/);
  assert.throws(() => derivationOf(Buffer.from([9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])), /version 9, expected 1/);
});

interface Streamed {
  [series: string]: number[];
}

/** Runs a race through RunManager (saved), keeping every value the engine streamed, by series name. */
async function savedRace(store: Store, config: Record<string, unknown>, onFirstBatch?: (runs: RunManager, id: number) => void): Promise<{ id: number; streamed: Streamed }> {
  const runs = new RunManager(store);
  const streamed: Streamed = {};
  let first = true;
  let runId = -1;
  runs.on('batch', (e: { id: number; batch: { index: number; rows: number; columns: Record<string, ArrayLike<number>> } }) => {
    const b = e.batch;
    for (const [col, v] of Object.entries(b.columns)) {
      if (col === 'step') continue;
      const name = `race${b.index === 0 ? '' : b.index}_${col}`;
      (streamed[name] ??= []).push(...Array.from({ length: b.rows }, (_, i) => v[i]!));
    }
    if (first && onFirstBatch) onFirstBatch(runs, e.id);
    first = false;
  });
  const id = await runs.submit('race', config, { onId: (i) => (runId = i), stepsPerSecond: onFirstBatch ? 20_000 : 0 });
  assert.equal(id, runId);
  await runs.finished(id);
  await runs.close();
  return { id, streamed };
}

async function encodings(store: Store, id: number): Promise<Map<string, Set<number>>> {
  const rows = await store.db.all<{ name: string; vals_enc: number }>(
    'SELECT DISTINCT s.name, c.vals_enc FROM chunks c JOIN series s ON s.id = c.series_id WHERE s.run_id = ?',
    [id],
  );
  const out = new Map<string, Set<number>>();
  for (const r of rows) out.set(r.name, (out.get(r.name) ?? new Set()).add(r.vals_enc));
  return out;
}

async function assertSameAsStreamed(store: Store, id: number, streamed: Streamed): Promise<void> {
  for (const [name, values] of Object.entries(streamed)) {
    const p = await store.readRaw(id, name);
    assert.ok(bits(p.values).equals(bits(Float64Array.from(values))), `${name}: the stored values are not what the engine streamed`);
  }
}

test('a saved race reads back bit for bit what the engine streamed, its Adam state and ‖∇f‖ stored as rules', async () => {
  const store = await tempStore();
  const config = {
    function: 'rosenbrock',
    steps: 10_000,
    optimizers: [{ type: 'adam', lr: 0.001 }, { type: 'amsgrad', lr: 0.01 }, { type: 'adam', lr: 0.01, weight_decay: 0.1, bias_correction: false }, { type: 'momentum', lr: 1e-4 }],
  };
  const { id, streamed } = await savedRace(store, config);
  assert.equal(streamed.race_m_x!.length, 10_001);
  await assertSameAsStreamed(store, id, streamed);
  const enc = await encodings(store, id);
  // plain Adam: every derived series is stored as its rule, every chunk of it
  for (const s of ['gnorm', 'm_x', 'm_y', 'v_x', 'v_y', 'm_hat_x', 'm_hat_y', 'v_hat_x', 'v_hat_y']) assert.deepEqual([...enc.get(`race_${s}`)!], [VALS_DERIVED], s);
  // AMSGrad's v̂ comes from its running maximum, not from v: stored as values; its m̂ still a rule
  assert.ok(!enc.get('race1_v_hat_x')!.has(VALS_DERIVED));
  assert.deepEqual([...enc.get('race1_m_hat_x')!], [VALS_DERIVED]);
  // weight decay changes the gradient m is made from: values; without bias correction m̂ = m: a rule
  assert.ok(!enc.get('race2_m_x')!.has(VALS_DERIVED));
  assert.deepEqual([...enc.get('race2_m_hat_x')!], [VALS_DERIVED]);
  assert.deepEqual([...enc.get('race3_gnorm')!], [VALS_DERIVED]);
  // the chart read of a derived series = the raw read decimated
  const raw = await store.readRaw(id, 'race_m_hat_x');
  const chart = await store.readForChart(id, 'race_m_hat_x', 500, { from: 1234, to: 9876 });
  const from = raw.steps.indexOf(1234),
    to = raw.steps.indexOf(9876) + 1;
  const want = decimateSegments([{ steps: raw.steps.subarray(from, to), values: raw.values.subarray(from, to), times: raw.times.subarray(from, to) }], 500);
  assert.ok(bits(chart.values).equals(bits(want.values)));
  assert.deepEqual([...chart.steps], [...want.steps]);
  // the whole run takes a fraction of what the 9 derived series took before (4 096 points ≈ 32 KiB each)
  const derivedBytes = await store.db.get<{ b: number }>(
    "SELECT sum(length(c.vals)) AS b FROM chunks c JOIN series s ON s.id = c.series_id WHERE s.run_id = ? AND s.name LIKE 'race\\_%' ESCAPE '\\' AND c.vals_enc = 3",
    [id],
  );
  assert.ok(derivedBytes!.b < 9 * 3 * 400, `${derivedBytes!.b} bytes for 9 derived series of 10 001 points`);
  await store.close();
});

test('gradient noise and a β changed live: the rules miss where they should, and every value still reads back', async () => {
  const store = await tempStore();
  const config = { function: 'rosenbrock', steps: 12_000, noise: { sigma: 0.5 }, optimizers: [{ type: 'adam', lr: 0.001 }] };
  const { id, streamed } = await savedRace(store, config, (runs, runId) => runs.update(runId, { optimizer: 0, set: { beta1: 0.5 } }));
  await assertSameAsStreamed(store, id, streamed);
  const enc = await encodings(store, id);
  assert.ok(!enc.get('race_gnorm')!.has(VALS_DERIVED), '‖∇f‖ is noise-free, gx and gy are not');
  assert.ok(!enc.get('race_m_x')!.has(VALS_DERIVED), 'β1 = 0.5 after the first batch, the rule says 0.9');
  assert.deepEqual([...enc.get('race_v_x')!], [VALS_DERIVED], 'v is made from the noisy gradient, as stored');
  const events = await store.events(id);
  assert.ok(events.some((e) => e.field.endsWith('beta1')), 'the change was applied');
  await store.close();
});

test('thinning, re-encoding and a recovery that lost source chunks keep derived series readable or say what went', async () => {
  const store = await tempStore();
  const { id, streamed } = await savedRace(store, { function: 'rosenbrock', steps: 9000, optimizers: [{ type: 'adam', lr: 0.001 }] });
  await store.reencode();
  await assertSameAsStreamed(store, id, streamed);
  const { kept } = await store.thin(id, 10);
  for (const name of ['race_gx', 'race_m_x', 'race_m_hat_x', 'race_gnorm']) {
    const all = Float64Array.from(streamed[name]!);
    const idx = thinIndices(all, 10);
    const p = await store.readRaw(id, name);
    assert.ok(bits(p.values).equals(bits(Float64Array.from(idx, (i) => all[i]!))), `${name} thinned`);
  }
  assert.ok(kept > 0);
  await store.close();
  // derived chunks whose gradient chunks are gone: a read names both; recovery drops them and says so
  const s2 = await tempStore();
  const r2 = await savedRace(s2, { function: 'rosenbrock', steps: 5000, optimizers: [{ type: 'adam', lr: 0.001 }] });
  await s2.db.run("DELETE FROM chunks WHERE seq = 0 AND series_id = (SELECT id FROM series WHERE run_id = ? AND name = 'race_gx')", [r2.id]);
  await assert.rejects(s2.readRaw(r2.id, 'race_m_hat_x'), /points 0–4095 of race_m_x are derived from race_gx, whose points there are missing/);
  const { orphanDerivedChunks } = await import('../../src/experiments/derived-read.js');
  const orphans = await orphanDerivedChunks(s2.db);
  // m_x, v_x (from gx) and m̂_x, v̂_x (from those), chunk 0 of each; gnorm needs gx too
  assert.equal(orphans.length, 5, orphans.map((o) => o.why).join('\n'));
  assert.ok(orphans.some((o) => /race_m_hat_x are derived from race_m_x, whose points there were lost/.test(o.why)));
  await s2.close();
});

test('the race descriptor names the rules with the engine defaults where the config has none', () => {
  const rules = raceLab.derivedSeries!({ optimizers: [{ type: 'nadam' }, { type: 'adam', beta1: 0.8, bias_correction: false }, { type: 'sgd' }] });
  assert.deepEqual(rules.race_m_x, { op: 'ema', src: ['race_gx'], beta: 0.9 });
  assert.deepEqual(rules.race_v_hat_y, { op: 'bias', src: ['race_v_y'], beta: 0.999 });
  assert.equal(rules.race_m_hat_x, undefined, 'NAdam has no m̂');
  assert.deepEqual(rules.race1_m_hat_x, { op: 'bias', src: ['race1_m_x'], beta: 0 });
  assert.deepEqual(rules.race1_m_y, { op: 'ema', src: ['race1_gy'], beta: 0.8 });
  assert.deepEqual(rules.race2_gnorm, { op: 'norm2', src: ['race2_gx', 'race2_gy'] });
  assert.equal(rules.race2_m_x, undefined);
});
