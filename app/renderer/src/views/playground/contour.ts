/**
 * Contour lines of the landscape by marching squares over the grid, at levels evenly spaced on the
 * log shading scale (colormap.ts), so every band of the heatmap gets a line. Segments come out in grid
 * coordinates (col, row: row 0 = ymin); the canvas maps them to pixels. Pure (no DOM).
 */
import { shade, unshade, type ShadeScale } from './colormap.js';

/** `count` f levels, evenly spaced in shade u over (0, 1) (so none sits exactly on the minimum). */
export function contourLevels(s: ShadeScale, count: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= count; i++) out.push(unshade(i / (count + 1), s));
  return out;
}

/** The grid shaded to u (NaN where f is not finite), for contouring in u-space. */
export function shadeGrid(values: ArrayLike<number>, s: ShadeScale): Float64Array {
  const u = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) u[i] = shade(values[i]!, s);
  return u;
}

/**
 * Segments of the level line f = level: a flat array x0, y0, x1, y1, … in grid coordinates. Cells with a
 * non-finite corner are skipped; the two saddle cases are split by the cell's centre value.
 */
export function contourSegments(values: ArrayLike<number>, width: number, height: number, level: number): Float64Array {
  const out: number[] = [];
  const at = (c: number, r: number) => values[r * width + c]!;
  // where along an edge from a to b (values va, vb) the level is crossed: 0…1
  const t = (va: number, vb: number) => (va === vb ? 0.5 : (level - va) / (vb - va));
  for (let r = 0; r + 1 < height; r++) {
    for (let c = 0; c + 1 < width; c++) {
      const v0 = at(c, r); // bottom-left
      const v1 = at(c + 1, r); // bottom-right
      const v2 = at(c + 1, r + 1); // top-right
      const v3 = at(c, r + 1); // top-left
      if (!(Number.isFinite(v0) && Number.isFinite(v1) && Number.isFinite(v2) && Number.isFinite(v3))) continue;
      const idx = (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) | (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0);
      if (idx === 0 || idx === 15) continue;
      // crossing points on the four edges: bottom (0-1), right (1-2), top (3-2), left (0-3)
      const bottom = () => [c + t(v0, v1), r];
      const right = () => [c + 1, r + t(v1, v2)];
      const top = () => [c + t(v3, v2), r + 1];
      const left = () => [c, r + t(v0, v3)];
      const seg = (a: number[], b: number[]) => out.push(a[0]!, a[1]!, b[0]!, b[1]!);
      switch (idx) {
        case 1:
        case 14:
          seg(left(), bottom());
          break;
        case 2:
        case 13:
          seg(bottom(), right());
          break;
        case 3:
        case 12:
          seg(left(), right());
          break;
        case 4:
        case 11:
          seg(right(), top());
          break;
        case 6:
        case 9:
          seg(bottom(), top());
          break;
        case 7:
        case 8:
          seg(left(), top());
          break;
        case 5:
        case 10: {
          const centreHigh = (v0 + v1 + v2 + v3) / 4 > level;
          // 5: bottom-left and top-right high. A high centre joins them, so the lines cut off the low corners.
          if ((idx === 5) === centreHigh) {
            seg(left(), top());
            seg(bottom(), right());
          } else {
            seg(left(), bottom());
            seg(right(), top());
          }
          break;
        }
      }
    }
  }
  return Float64Array.from(out);
}
