// The legend's row for a series under the pointer (charts/nearestIndex.ts): the hovered row, else the
// nearest with a value — never none while the series has any value.
import { describe, expect, it } from 'vitest';

import { nearestIndex } from '../../app/renderer/src/charts/nearestIndex';

describe('nearestIndex', () => {
  it('takes the hovered row when it has a value, else the nearest one (the earlier on a tie)', () => {
    const v = [null, 1, null, null, 4, null];
    expect(nearestIndex(v, 1)).toBe(1);
    expect(nearestIndex(v, 2)).toBe(1);
    expect(nearestIndex(v, 3)).toBe(4);
    expect(nearestIndex(v, 0)).toBe(1);
    expect(nearestIndex(v, 5)).toBe(4);
    expect(nearestIndex(v, 99)).toBe(4);
  });
  it('gives null only for a series without values', () => {
    expect(nearestIndex([null, null], 0)).toBeNull();
    expect(nearestIndex([], 0)).toBeNull();
    expect(nearestIndex([NaN], 0)).toBe(0);  // NaN is a value (a diverged point), shown as such
  });
});
