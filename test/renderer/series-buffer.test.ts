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
