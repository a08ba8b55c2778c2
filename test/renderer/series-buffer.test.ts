// SeriesBuffer: columns grow past their capacity keeping every value; NaN and ±Infinity become NaN (the
// chart marks them); a series missing from a batch holds NaN there.
import { describe, expect, it } from 'vitest';

import { SeriesBuffer } from '../../app/renderer/src/charts/SeriesBuffer';

describe('SeriesBuffer', () => {
  it('keeps every appended row across growth', () => {
    const b = new SeriesBuffer(2, 4);
    for (let k = 0; k < 5; k++) {
      const xs = [3 * k, 3 * k + 1, 3 * k + 2];
      b.append(xs, [xs.map((x) => x * x), xs.map((x) => -x)]);
    }
    expect(b.length).toBe(15);
    const [x, y0, y1] = b.view();
    expect(Array.from(x!)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(y0![14]).toBe(196);
    expect(y1![7]).toBe(-7);
    expect(b.version).toBe(5);
  });
  it('turns non-finite values and missing series into NaN', () => {
    const b = new SeriesBuffer(2);
    b.append([0, 1, 2], [[1, Infinity, NaN], undefined]);
    const [, y0, y1] = b.view();
    expect(Array.from(y0!)).toEqual([1, NaN, NaN]);
    expect(Array.from(y1!)).toEqual([NaN, NaN, NaN]);
    b.clear();
    expect(b.length).toBe(0);
  });
});

// Bounded: a run of any length keeps at most `limit` rows; the latest `window` rows exact; every NaN
// run, the largest and smallest value of each stretch, and x in order.
describe('SeriesBuffer, bounded', () => {
  const LIMIT = 1024;
  const WINDOW = 64;
  const loss = (k: number) => (k === 77_777 ? 1e6 : k === 123_456 ? NaN : k === 150_001 ? -5 : 1 / (1 + k) + 0.001 * Math.sin(k));

  it('keeps a million rows in at most limit rows, with the spike, the dip, the NaN and the latest rows', () => {
    const b = new SeriesBuffer(1, 16, { limit: LIMIT, window: WINDOW });
    const N = 1_000_000;
    let maxLength = 0;
    for (let k0 = 0; k0 < N; k0 += 500) {
      const xs = Array.from({ length: 500 }, (_, i) => k0 + i);
      b.append(xs, [xs.map(loss)]);
      maxLength = Math.max(maxLength, b.length);
    }
    expect(maxLength).toBeLessThanOrEqual(LIMIT);
    const [x, y] = b.view();
    // x strictly in order, and each row a real row (one series: exact x with its value)
    for (let i = 1; i < x!.length; i++) expect(x![i]!).toBeGreaterThan(x![i - 1]!);
    for (let i = 0; i < x!.length; i++) {
      const want = loss(x![i]!);
      if (Number.isNaN(want)) expect(y![i]).toBeNaN();
      else expect(y![i]).toBe(want);
    }
    const xsKept = Array.from(x!);
    expect(xsKept).toContain(77_777); // the spike
    expect(xsKept).toContain(123_456); // the NaN
    expect(xsKept).toContain(150_001); // the dip
    expect(xsKept.slice(-WINDOW)).toEqual(Array.from({ length: WINDOW }, (_, i) => N - WINDOW + i)); // the latest, exact
    expect(b.compactedRows()).toBeGreaterThan(0);
    expect(b.bucketSize).toBeGreaterThanOrEqual(2048); // ~N / (LIMIT / 8) rows per bucket at the end
    expect(xsKept[0]).toBe(0);
  });

  it('keeps each series’ extremes when several share x, and counts buckets alike', () => {
    const b = new SeriesBuffer(2, 16, { limit: LIMIT, window: WINDOW });
    const N = 100_000;
    const xs = Array.from({ length: N }, (_, i) => i);
    const a = xs.map((k) => (k === 5_000 ? 99 : k === 6_000 ? NaN : Math.cos(k / 1000)));
    const c = xs.map((k) => (k === 40_000 ? -99 : Math.sin(k / 1000)));
    b.append(xs, [a, c]); // one batch larger than the limit
    expect(b.length).toBeLessThanOrEqual(LIMIT);
    const [x, y0, y1] = b.view();
    const v0 = Array.from(y0!);
    const v1 = Array.from(y1!);
    expect(v0).toContain(99);
    expect(v0.some(Number.isNaN)).toBe(true);
    expect(v1).toContain(-99);
    // the whole range of each series is still spanned (largest and smallest of each bucket kept)
    expect(Math.max(...v1)).toBe(Math.max(...c));
    expect(Math.min(...v0.filter((v) => !Number.isNaN(v)))).toBe(Math.min(...a.filter((v) => !Number.isNaN(v))));
    for (let i = 1; i < x!.length; i++) expect(x![i]!).toBeGreaterThanOrEqual(x![i - 1]!);
    expect(Array.from(x!.subarray(x!.length - WINDOW))).toEqual(xs.slice(-WINDOW));
    expect(Array.from(y1!.subarray(y1!.length - WINDOW))).toEqual(c.slice(-WINDOW));
    expect(b.generation).toBeGreaterThan(0); // smoothing starts over on the compacted rows
    b.clear();
    expect(b.compactedRows()).toBe(0);
    expect(b.bucketSize).toBe(1);
  });

  it('keeps a sparse series present where it had points (overlays with gaps)', () => {
    const b = new SeriesBuffer(2, 16, { limit: LIMIT, window: WINDOW });
    const N = 50_000;
    const xs = Array.from({ length: N }, (_, i) => i);
    const dense = xs.map((k) => k);
    const sparse = xs.map((k) => (k % 1000 === 0 ? k / 1000 : null));
    b.appendWithGaps(xs, [dense, sparse]);
    const mask = b.absentMask(1)!;
    const [, , y1] = b.view();
    const kept = new Set<number>();
    for (let i = 0; i < mask.length; i++) if (!mask[i]) kept.add(y1![i]!);
    // every bucket spans fewer than 1000 rows here, so every sparse point survives
    expect(b.bucketSize).toBeLessThan(1000);
    expect([...kept].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('refuses bounds that cannot work', () => {
    expect(() => new SeriesBuffer(1, 16, { limit: 32 })).toThrow(/limit ≥ 64/);
    expect(() => new SeriesBuffer(1, 16, { limit: 1024, window: 512 })).toThrow(/window ≤ limit \/ 8/);
  });
});
