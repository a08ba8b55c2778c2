// What the charts draw: min/max buckets keep a one-point spike and mark a NaN among 100k points; log y
// marks values ≤ 0 at the bottom; log x leaves out x ≤ 0; a zoom reads only its rows (plus one each
// side); absent points are gaps without marks; smoothing is a bias-corrected EMA, by hand; tick labels
// stay short and distinct.
import { describe, expect, it } from 'vitest';

import { buildDisplay, visibleRows } from '../../app/renderer/src/charts/displayData';
import { ema } from '../../app/renderer/src/charts/smoothing';
import { SeriesBuffer } from '../../app/renderer/src/charts/SeriesBuffer';
import { tickTexts } from '../../app/renderer/src/charts/tickTexts';

const opts = { logX: false, logY: false, range: null, pixels: 500 };

describe('buildDisplay', () => {
  it('keeps a spike and marks a NaN when it buckets 100k rows', () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => 1 + 0.001 * Math.sin(i));
    y[61_234] = 1e6;
    y[70_001] = NaN;
    const d = buildDisplay(x, [y], [null], opts);
    expect(d.bucketed).toBe(true);
    expect(d.data[0].length).toBe(1000); // two points per pixel
    expect(Math.max(...(d.data[1] as number[]).filter((v) => v !== null))).toBe(1e6);
    expect(d.nanMarks[0]).toEqual([70_001]);
  });
  it('passes few rows through, NaN as a gap with a mark', () => {
    const d = buildDisplay([0, 1, 2, 3], [[4, NaN, 2, 1]], [null], opts);
    expect(d.bucketed).toBe(false);
    expect(d.data).toEqual([[0, 1, 2, 3], [4, null, 2, 1]]);
    expect(d.nanMarks).toEqual([[1]]);
  });
  it('on log y, marks values ≤ 0 at the bottom instead of dropping them silently', () => {
    const d = buildDisplay([1, 2, 3], [[1, 0, -2]], [null], { ...opts, logY: true });
    expect(d.data[1]).toEqual([1, null, null]);
    expect(d.lowMarks).toEqual([[2, 3]]);
  });
  it('on log x, leaves out rows with x ≤ 0', () => {
    const d = buildDisplay([0, 1, 10], [[5, 4, 3]], [null], { ...opts, logX: true });
    expect(d.data).toEqual([[1, 10], [4, 3]]);
  });
  it('reads the zoomed range with one row beyond each edge', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(visibleRows(x, { logX: false, range: { min: 3.5, max: 6.2 } })).toEqual([3, 8]);
    expect(visibleRows(x, { logX: false, range: null })).toEqual([0, 10]);
  });
  it('leaves absent points as plain gaps (no NaN mark)', () => {
    const b = new SeriesBuffer(2);
    b.appendWithGaps([0, 1, 2], [
      [1, null, 3],
      [NaN, 2, null],
    ]);
    const [x, ...ys] = b.view();
    const d = buildDisplay(x, ys, [b.absentMask(0), b.absentMask(1)], opts);
    expect(d.data.slice(1)).toEqual([
      [1, null, 3],
      [null, 2, null],
    ]);
    expect(d.nanMarks).toEqual([[], [0]]);
  });
});

describe('ema', () => {
  it('is bias-corrected: a constant stays constant from the first point', () => {
    expect(Array.from(ema([5, 5, 5], 0.9))).toEqual([5, 5, 5].map((v) => expect.closeTo(v, 12)));
  });
  it('matches the formula by hand, skipping NaN', () => {
    // w = 0.5: s1 = 0.5·1 = 0.5 → 0.5/0.5 = 1; s2 = 0.25 + 0.5·3 = 1.75 → 1.75/0.75; NaN passes; s3 = 0.875 + 0.5·5 = 3.375 → /0.875
    const out = Array.from(ema([1, 3, NaN, 5], 0.5));
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeCloseTo(1.75 / 0.75, 12);
    expect(out[2]).toBeNaN();
    expect(out[3]).toBeCloseTo(3.375 / 0.875, 12);
  });
  it('with weight 0 is the raw series', () => {
    expect(Array.from(ema([3, 1, 2], 0))).toEqual([3, 1, 2]);
  });
});

describe('tickTexts', () => {
  it('labels decades of a log axis in exponent form with a real minus, blank where uPlot skips', () => {
    expect(tickTexts([1e-8, null, 1e-6, 0.001, 0.01, 1, 1000, 1e5, 2.5e5])).toEqual(['1e−8', '', '1e−6', '0.001', '0.01', '1', '1000', '1e5', '2.5e5']);
  });
  it('takes as many digits as keep close ticks apart (a zoomed-in axis), and no more', () => {
    expect(tickTexts([1.2344, 1.2346, 1.2348])).toEqual(['1.2344', '1.2346', '1.2348']);
    expect(tickTexts([0, 0.5, 1, 1.5])).toEqual(['0', '0.5', '1', '1.5']);
    expect(tickTexts([-2, -1, 0])).toEqual(['−2', '−1', '0']);
  });
});
