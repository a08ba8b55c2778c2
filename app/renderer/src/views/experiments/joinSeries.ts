/**
 * Several runs' series (each with its own x values, ascending) on one shared x column for a chart: the
 * sorted union of the x values, each series holding its value where it has a point and null (absent)
 * elsewhere — a k-way merge, so it costs one pass over the points.
 */
export interface XY {
  x: ArrayLike<number>;
  values: ArrayLike<number>;
}

export function joinSeries(series: XY[]): { x: Float64Array; ys: (number | null)[][] } {
  const k = series.length;
  const at = new Array<number>(k).fill(0);
  const xs: number[] = [];
  const ys: (number | null)[][] = series.map(() => []);
  for (;;) {
    let next = Infinity;
    for (let s = 0; s < k; s++) {
      const p = at[s]!;
      if (p < series[s]!.x.length && series[s]!.x[p]! < next) next = series[s]!.x[p]!;
    }
    if (next === Infinity) break;
    xs.push(next);
    // a series with several points at one x (decimation keeps a bucket's min and max) gives extra rows
    let more = true;
    let first = true;
    while (more) {
      more = false;
      if (!first) xs.push(next);
      for (let s = 0; s < k; s++) {
        const p = at[s]!;
        const sx = series[s]!;
        if (p < sx.x.length && sx.x[p] === next) {
          ys[s]!.push(sx.values[p]!);
          at[s] = p + 1;
          if (at[s]! < sx.x.length && sx.x[at[s]!] === next) more = true;
        } else ys[s]!.push(null);
      }
      first = false;
    }
  }
  return { x: Float64Array.from(xs), ys };
}
