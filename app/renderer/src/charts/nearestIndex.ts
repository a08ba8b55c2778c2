/**
 * The row a chart's legend shows for one series under the pointer: the hovered row when the series has
 * a value there, else the nearest row that has one (series of different lengths or rates share one x
 * column, with gaps as null) — so the legend never reads "--" while the pointer is over the plot
 * (#11). Null only when the series has no value at all. Pure.
 */
export function nearestIndex(values: ArrayLike<number | null | undefined>, hovered: number): number | null {
  const n = values.length;
  if (n === 0 || hovered < 0) return null;
  const at = Math.min(hovered, n - 1);
  const has = (i: number) => values[i] !== null && values[i] !== undefined;
  if (has(at)) return at;
  for (let d = 1; d < n; d++) {
    if (at - d >= 0 && has(at - d)) return at - d;
    if (at + d < n && has(at + d)) return at + d;
    if (at - d < 0 && at + d >= n) break;
  }
  return null;
}
