// The playground's pure logic (no DOM), compiled by the main tsconfig straight from the renderer's
// folder: the log colour scale, contour levels and marching squares, axis ticks, number formatting,
// the trajectory store and the chart feed, the map geometry.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appendChartRows, rebuildChartRows } from '../../app/renderer/src/views/playground/chartRows.js';
import { paintHeatmap, rampColor, shade, shadeScale, unshade } from '../../app/renderer/src/views/playground/colormap.js';
import { contourLevels, contourSegments } from '../../app/renderer/src/views/playground/contour.js';
import { fromPx, mapGeometry, roundToView, toPx } from '../../app/renderer/src/views/playground/mapGeometry.js';
import { MAX_SPAN, MIN_SPAN, panBy, rangeText, readRange, zoomAbout } from '../../app/renderer/src/views/playground/mapView.js';
import { niceTicks, tickLabel, tickStep } from '../../app/renderer/src/views/playground/ticks.js';
import { divergedAt, Track, TrajectoryStore } from '../../app/renderer/src/views/playground/TrajectoryStore.js';
import { fixedSignificant as formatNumber, parseShown } from '../../src/format/number.js';

test('the colour scale is log1p of f − min over a low quantile, 0 at the minimum and 1 at the maximum', () => {
  // f = 0, 1, …, 99: min 0, max 99; the 5% quantile is 5
  const values = Float64Array.from({ length: 100 }, (_, i) => i);
  const s = shadeScale(values);
  assert.equal(s.min, 0);
  assert.equal(s.scale, 5);
  assert.equal(s.top, Math.log1p(99 / 5));
  assert.equal(shade(0, s), 0);
  assert.equal(shade(99, s), 1);
  assert.equal(shade(5, s), Math.log(2) / Math.log1p(99 / 5));
  assert.ok(Number.isNaN(shade(NaN, s)) && Number.isNaN(shade(Infinity, s)));
  for (const f of [0.5, 3, 42]) assert.ok(Math.abs(unshade(shade(f, s), s) - f) < 1e-12, 'unshade inverts shade');
  // log scale: the valley floor gets most of the colours (half the ramp below f = 17.2, a sixth of the range)
  assert.ok(shade(17.2, s) > 0.49 && shade(17.2, s) < 0.51);
  // non-finite values are ignored
  const withHoles = shadeScale(Float64Array.from([NaN, 2, Infinity, 4]));
  assert.equal(withHoles.min, 2);
});

test('the heatmap flips rows (grid row 0 = ymin at the bottom) and paints holes grey', () => {
  const values = Float64Array.from([0, 1, 2, NaN]); // 2×2: row 0 = [0, 1], row 1 = [2, NaN]
  const s = shadeScale(values);
  const px = new Uint8ClampedArray(16);
  paintHeatmap(values, 2, 2, s, px);
  assert.deepEqual([...px.subarray(8, 11)], rampColor(0), 'grid (0,0) is the bottom-left pixel');
  assert.deepEqual([...px.subarray(0, 4)], [...rampColor(1), 255], 'grid row 1 col 0 (the max) is the top-left pixel');
  assert.deepEqual([...px.subarray(4, 8)], [128, 128, 128, 255], 'NaN is a grey hole');
  assert.deepEqual(rampColor(0), [13, 22, 64]);
  assert.deepEqual(rampColor(1), [246, 236, 200]);
});

test('contour levels are evenly spaced in shade; marching squares finds the level line where it crosses', () => {
  const s = shadeScale(Float64Array.from({ length: 100 }, (_, i) => i));
  const levels = contourLevels(s, 4);
  assert.equal(levels.length, 4);
  levels.forEach((f, i) => assert.ok(Math.abs(shade(f, s) - (i + 1) / 5) < 1e-12));
  // f = x on a 3×2 grid: the line f = 0.5 is the vertical segment x = 0.5 from row 0 to row 1
  assert.deepEqual([...contourSegments(Float64Array.from([0, 1, 2, 0, 1, 2]), 3, 2, 0.5)], [0.5, 0, 0.5, 1]);
  // a bowl f = x² + y² on a 5×5 grid over [−2, 2]²: the circle f = 2 passes through (±1, ±1) (grid 1 and 3)
  const bowl = new Float64Array(25);
  for (let r = 0; r < 5; r++) for (let c = 0; c < 5; c++) bowl[r * 5 + c] = (c - 2) ** 2 + (r - 2) ** 2;
  const seg = contourSegments(bowl, 5, 5, 2);
  assert.ok(seg.length > 0 && seg.length % 4 === 0);
  for (let i = 0; i < seg.length; i += 2) {
    const x = seg[i]! - 2;
    const y = seg[i + 1]! - 2;
    assert.ok(Math.abs(Math.hypot(x, y) - Math.SQRT2) < 0.45, `(${x}, ${y}) near the circle of radius √2`);
  }
  // a NaN corner: the cell is skipped
  assert.equal(contourSegments(Float64Array.from([0, 1, NaN, 1]), 2, 2, 0.5).length, 0);
  // a saddle cell: bottom-left and top-right high (values are row-major: [(0,0), (1,0), (0,1), (1,1)]).
  // A centre above the level joins the high corners, so the lines cut off the low ones; below, the high ones.
  const near = (a: Float64Array, b: number[]) => a.length === b.length && b.every((v, i) => Math.abs(a[i]! - v) < 1e-12);
  const cutLow = contourSegments(Float64Array.from([1, 0, 0, 1]), 2, 2, 0.4);
  assert.ok(near(cutLow, [0, 0.6, 0.4, 1, 0.6, 0, 1, 0.4]), `centre high: ${[...cutLow].join(', ')}`);
  const cutHigh = contourSegments(Float64Array.from([1, 0, 0, 1]), 2, 2, 0.6);
  assert.ok(near(cutHigh, [0, 0.4, 0.4, 0, 1, 0.6, 0.6, 1]), `centre low: ${[...cutHigh].join(', ')}`);
});

test('ticks are round numbers inside the range, labelled with a true minus sign', () => {
  assert.deepEqual(niceTicks(-2, 2, 5), [-2, -1, 0, 1, 2]);
  assert.deepEqual(niceTicks(-1, 3, 8), [-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3]);
  assert.deepEqual(niceTicks(-5.12, 5.12, 5), [-4, -2, 0, 2, 4]);
  assert.deepEqual(niceTicks(0, 0.3, 3), [0, 0.1, 0.2, 0.3], 'no 0.30000000000000004');
  assert.equal(tickStep(0, 1000, 4), 200);
  assert.equal(tickLabel(-1.5), '−1.5');
  assert.equal(tickLabel(-0), '0');
});

test('numbers show 6 significant digits and read back within that precision', () => {
  assert.equal(formatNumber(-1.0201812345), '−1.02018');
  assert.equal(formatNumber(0.001), '0.00100000');
  assert.equal(formatNumber(1.2345678e-7), '1.23457e-7');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatNumber(-Infinity), '−∞');
  for (const v of [Math.PI, -2.718281828e-9, 123456.789, 9.99999949e5]) {
    const back = parseShown(formatNumber(v));
    assert.ok(Math.abs(back - v) <= 5e-6 * Math.abs(v), `${v} → ${formatNumber(v)} → ${back}`);
  }
});

test('the trajectory store keeps every row per optimizer in growing columns', () => {
  const store = new TrajectoryStore();
  store.reset(2);
  const epoch = store.epoch;
  const batch = (from: number, n: number) => ({
    step: Float64Array.from({ length: n }, (_, i) => from + i),
    x: Float64Array.from({ length: n }, (_, i) => (from + i) / 10),
    y: Float64Array.from({ length: n }, () => 1),
    f: Float64Array.from({ length: n }, (_, i) => 100 - from - i),
    gx: new Float64Array(n),
    gy: new Float64Array(n),
    m_hat_x: Float64Array.from({ length: n }, (_, i) => -(from + i)),
    m_hat_y: new Float64Array(n),
  });
  store.append(0, batch(0, 300), 300);
  store.append(0, batch(300, 5000), 5000); // grows past the first capacity
  store.append(1, batch(0, 10), 10);
  const t = store.tracks[0]!;
  assert.equal(t.length, 5300);
  assert.equal(t.value('x', 4321), 432.1);
  assert.equal(t.value('m_hat_x', 5299), -5299);
  assert.ok(Number.isNaN(t.value('x', 5300)) && Number.isNaN(t.value('nope', 0)));
  assert.deepEqual(t.stateNames(), ['m_hat']);
  assert.equal(store.lastStep(), 5299);
  assert.equal(store.points(), 5310);
  assert.equal(store.epoch, epoch, 'appends keep the epoch');
  store.reset(1);
  assert.equal(store.epoch, epoch + 1);
  assert.equal(store.points(), 0);
  // divergence as the engine defines it: a non-finite value, or |θ| beyond the bound
  store.append(0, { x: Float64Array.from([1, 2e6]), y: Float64Array.from([0, 0]), f: Float64Array.from([1, 1]), gx: new Float64Array(2), gy: new Float64Array(2) }, 2);
  assert.equal(divergedAt(store.tracks[0]!), true);
  store.reset(1);
  store.append(0, { x: Float64Array.from([1]), y: Float64Array.from([NaN]), f: Float64Array.from([1]), gx: new Float64Array(1), gy: new Float64Array(1) }, 1);
  assert.equal(divergedAt(store.tracks[0]!), true);
  store.reset(1);
  store.append(0, { x: Float64Array.from([1]), y: Float64Array.from([1]), f: Float64Array.from([1]), gx: new Float64Array(1), gy: new Float64Array(1) }, 1);
  assert.equal(divergedAt(store.tracks[0]!), false);
});

test('the chart takes a row once every streaming optimizer has it; an ended one gets NaN past its end', () => {
  const store = new TrajectoryStore();
  store.reset(2);
  const rows = (fs: number[]) => ({ f: Float64Array.from(fs), x: new Float64Array(fs.length), y: new Float64Array(fs.length) });
  store.append(0, rows([10, 9, 8, 7]), 4);
  store.append(1, rows([20, 19]), 2);
  const sink = { length: 0, xs: [] as number[], ys: [[], []] as number[][], append(xs: ArrayLike<number>, ys: (ArrayLike<number> | undefined)[]) {
    for (let i = 0; i < xs.length; i++) { this.xs.push(xs[i]!); this.ys[0]!.push(ys[0]![i]!); this.ys[1]!.push(ys[1]![i]!); }
    this.length += xs.length;
  } };
  assert.equal(appendChartRows(sink, store.tracks, [false, false]), 2);
  assert.deepEqual(sink.xs, [0, 1]);
  assert.deepEqual(sink.ys, [[10, 9], [20, 19]]);
  assert.equal(appendChartRows(sink, store.tracks, [false, false]), 0, 'waits for optimizer 1');
  assert.equal(appendChartRows(sink, store.tracks, [false, true], 5), 2, 'optimizer 1 has ended: the rest goes in');
  assert.deepEqual(sink.ys[0], [10, 9, 3, 2], 'with the offset');
  assert.ok(Number.isNaN(sink.ys[1]![2]!) && Number.isNaN(sink.ys[1]![3]!));
});

test('the map keeps x and y at one scale, and pixels map back to the landscape', () => {
  const g = mapGeometry({ xmin: -2, xmax: 2, ymin: -1, ymax: 3 }, 600, 500, [10, 10, 30, 40]);
  assert.equal(g.width, g.height, 'a square view stays square');
  assert.equal(g.height, 460);
  assert.deepEqual(toPx(g, -2, 3), [g.left, g.top]);
  assert.deepEqual(toPx(g, 2, -1), [g.left + g.width, g.top + g.height]);
  const back = fromPx(g, ...toPx(g, 0.25, 1.75))!;
  assert.ok(Math.abs(back[0] - 0.25) < 1e-12 && Math.abs(back[1] - 1.75) < 1e-12);
  assert.equal(fromPx(g, 0, 0), null, 'outside the plot');
  const wide = mapGeometry({ xmin: 0, xmax: 4, ymin: 0, ymax: 1 }, 400, 400, [0, 0, 0, 0]);
  assert.deepEqual([wide.width, wide.height], [400, 100]);
  assert.equal(roundToView(1.234567, 4), 1.235);
  assert.equal(roundToView(-1.5004, 20), -1.5);
});

// #11 defect 10: the formula help left out functions the parser accepts (atan, sinh, cosh, ln).
test('the view zooms about a point that stays put, pans by landscape units, and reads a typed range', () => {
  const b = { xmin: -2, xmax: 2, ymin: -1, ymax: 3 };
  // zoom ×2 about (1, 2): (1, 2) keeps its place (3/4 across, 3/4 up), both spans halve
  const z = zoomAbout(b, 1, 2, 2);
  assert.deepEqual(z, { xmin: -0.5, xmax: 1.5, ymin: 0.5, ymax: 2.5 });
  assert.equal((1 - z.xmin) / (z.xmax - z.xmin), (1 - b.xmin) / (b.xmax - b.xmin));
  // zooming out by the same factor comes back
  assert.deepEqual(zoomAbout(z, 1, 2, 0.5), b);
  // the spans stop at MIN_SPAN and MAX_SPAN, both axes alike (the aspect stays)
  const tiny = zoomAbout(b, 0, 0, 1e12);
  assert.ok(Math.abs(tiny.xmax - tiny.xmin - MIN_SPAN) < 1e-18 && Math.abs(tiny.ymax - tiny.ymin - MIN_SPAN) < 1e-18);
  const huge = zoomAbout(b, 0, 0, 1e-12);
  assert.ok(Math.abs(huge.xmax - huge.xmin - MAX_SPAN) < 1e-6 && Math.abs(huge.ymax - huge.ymin - MAX_SPAN) < 1e-6);
  assert.deepEqual(panBy(b, 0.5, -1), { xmin: -1.5, xmax: 2.5, ymin: -2, ymax: 2 });
  assert.deepEqual(readRange({ xmin: '-1', xmax: '1.5', ymin: '0', ymax: '2e-1' }), { bounds: { xmin: -1, xmax: 1.5, ymin: 0, ymax: 0.2 } });
  assert.deepEqual(readRange({ xmin: 'a', xmax: '1', ymin: '2', ymax: '1' }), { errors: { xmin: 'number', y: 'order' } });
  assert.deepEqual(readRange({ xmin: '0', xmax: '1e-7', ymin: '-2e7', ymax: '1' }), { errors: { x: 'span', ymin: 'coord' } });
  assert.deepEqual(rangeText({ xmin: -0.1 - 0.2, xmax: 1 / 3, ymin: 0, ymax: 2 }), { xmin: '-0.3', xmax: '0.333333', ymin: '0', ymax: '2' });
});

test('a long race\'s track stays bounded: spikes, NaN and the latest rows exact are kept, the rest coarser', () => {
  const limit = 64,
    window = 8;
  const t = new Track(16, limit, window);
  const f = (s: number) => (s === 500 ? 1e6 : s === 700 ? NaN : s === 300 ? -5 : 1 / (s + 1));
  for (let first = 0; first < 1000; first += 10) {
    const steps = Float64Array.from({ length: 10 }, (_, i) => first + i);
    t.append({ step: steps, x: steps.map((s) => s / 1000), y: steps.map((s) => -s), f: steps.map(f) }, 10);
    assert.ok(t.length <= limit, `${t.length} rows kept at step ${first + 9}`);
  }
  assert.ok(t.generation > 0);
  assert.equal(t.lastStep, 999);
  const kept = Array.from({ length: t.length }, (_, r) => t.stepAt(r));
  assert.deepEqual(kept, [...kept].sort((a, b) => a - b), 'steps in order');
  assert.equal(new Set(kept).size, kept.length, 'no step twice');
  assert.deepEqual(kept.slice(-window), [992, 993, 994, 995, 996, 997, 998, 999], 'the latest rows exact');
  for (const s of [0, 300, 500, 700]) assert.ok(t.rowOfStep(s) >= 0, `step ${s} kept (first, the lowest f, the spike, the NaN)`);
  assert.equal(t.value('f', t.rowOfStep(500)), 1e6);
  assert.ok(Number.isNaN(t.value('f', t.rowOfStep(700))));
  for (let r = 0; r < t.length; r++) assert.equal(t.value('y', r), -t.stepAt(r), 'each kept row whole');
  assert.equal(t.rowOfStep(501), -1, 'a step left out is said so');
  // the past stays covered evenly, however often the track compacts (no stride doubling at each)
  const gaps = kept.slice(1).map((s, i) => s - kept[i]!);
  assert.ok(Math.max(...gaps) <= 256, `largest gap between kept steps: ${Math.max(...gaps)}`);
  // the chart from two tracks that keep different steps: their union, each without a point where it has none
  const u = new Track(16, limit, window);
  for (let first = 0; first < 1000; first += 10) {
    const steps = Float64Array.from({ length: 10 }, (_, i) => first + i);
    u.append({ step: steps, x: steps, y: steps, f: steps.map((s) => (s === 650 ? 9 : 1)) }, 10);
  }
  const sink = { xs: [] as number[], ys: [] as (number | null)[][], clear() { this.xs = []; this.ys = []; }, appendWithGaps(xs: ArrayLike<number>, ys: ArrayLike<number | null>[]) { this.xs = Array.from(xs); this.ys = ys.map((y) => Array.from(y)); } };
  rebuildChartRows(sink, [t, u], [false, false]);
  const union = [...new Set([...kept, ...Array.from({ length: u.length }, (_, r) => u.stepAt(r))])].sort((a, b) => a - b);
  assert.deepEqual(sink.xs, union);
  assert.equal(sink.ys[0]![sink.xs.indexOf(500)], 1e6);
  assert.equal(sink.ys[1]![sink.xs.indexOf(650)], 9);
  assert.equal(sink.ys[1]![sink.xs.indexOf(500)], u.rowOfStep(500) >= 0 ? 1 : null);
});

test('the formula help names every function the engine\'s parser accepts, in both languages, and each works', async () => {
  const { readFileSync } = await import('node:fs');
  const { playgroundStrings } = await import('../../app/renderer/src/views/playground/strings.js');
  const { describeFunction } = await import('../../src/native/index.js');
  const source = readFileSync(new URL('../../../native/core/landscape/formula_parse.cpp', import.meta.url), 'utf8');
  const names = [...source.matchAll(/\{"([a-z]+)", Op::\w+\}/g)].map((m) => m[1]!);
  assert.ok(names.length >= 12, `${names.length} functions in the parser's table`);
  for (const lang of ['en', 'zh'] as const) {
    const help = playgroundStrings[lang]['playground.formula.help'];
    for (const name of names) assert.match(help, new RegExp(`\\b${name}\\b`), `${lang} help names ${name}`);
  }
  for (const name of names) assert.ok(describeFunction({ formula: `${name}(x/3 + 1.5) + y^2` }), name);
});
