/**
 * Canvas drawing of the landscape map, layer by layer: the base (heatmap, contour lines, axes with
 * ticks), the trails (drawn incrementally as points stream in) and the markers (start, known minima,
 * the optimizers' current points). Sizes are in device pixels; `unit` is one CSS pixel.
 */
import { paintHeatmap, shadeScale } from './colormap';
import { contourSegments, shadeGrid } from './contour';
import { toPx, type MapGeometry } from './mapGeometry';
import { niceTicks, tickLabel } from './ticks';
import type { Track } from './TrajectoryStore';

export interface GridLike {
  values: Float64Array;
  width: number;
  height: number;
  bounds: { xmin: number; xmax: number; ymin: number; ymax: number };
}

export interface Theme {
  text: string;
  muted: string;
  line: string;
  panel: string;
  font: string;
}

export const CONTOUR_LEVELS = 12;

/** The heatmap as a small canvas (one pixel per grid point) and the contour segments, per level. */
export interface Prepared {
  image: HTMLCanvasElement;
  contours: Float64Array[];
}

export function prepareGrid(grid: GridLike): Prepared {
  const s = shadeScale(grid.values);
  const image = document.createElement('canvas');
  image.width = grid.width;
  image.height = grid.height;
  const ctx = image.getContext('2d')!;
  const data = ctx.createImageData(grid.width, grid.height);
  paintHeatmap(grid.values, grid.width, grid.height, s, data.data);
  ctx.putImageData(data, 0, 0);
  const u = shadeGrid(grid.values, s);
  const contours: Float64Array[] = [];
  for (let i = 1; i <= CONTOUR_LEVELS; i++) contours.push(contourSegments(u, grid.width, grid.height, i / (CONTOUR_LEVELS + 1)));
  return { image, contours };
}

export function drawBase(ctx: CanvasRenderingContext2D, g: MapGeometry, grid: GridLike, prep: Prepared, theme: Theme, unit: number, rem: number): void {
  const { width: w, height: h } = ctx.canvas;
  ctx.clearRect(0, 0, w, h);
  const b = grid.bounds;
  const dx = (b.xmax - b.xmin) / (grid.width - 1);
  const dy = (b.ymax - b.ymin) / (grid.height - 1);
  // grid points sit at pixel centres: the image reaches half a cell beyond the bounds, clipped
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.left, g.top, g.width, g.height);
  ctx.clip();
  ctx.imageSmoothingEnabled = true;
  const [ix, iy] = toPx(g, b.xmin - dx / 2, b.ymax + dy / 2);
  const [jx, jy] = toPx(g, b.xmax + dx / 2, b.ymin - dy / 2);
  ctx.drawImage(prep.image, ix, iy, jx - ix, jy - iy);
  ctx.lineWidth = unit;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.42)';
  const sx = g.width / (grid.width - 1);
  const sy = g.height / (grid.height - 1);
  for (const seg of prep.contours) {
    ctx.beginPath();
    for (let i = 0; i + 3 < seg.length; i += 4) {
      ctx.moveTo(g.left + seg[i]! * sx, g.top + g.height - seg[i + 1]! * sy);
      ctx.lineTo(g.left + seg[i + 2]! * sx, g.top + g.height - seg[i + 3]! * sy);
    }
    ctx.stroke();
  }
  ctx.restore();
  // frame and axes
  ctx.strokeStyle = theme.line;
  ctx.lineWidth = unit;
  ctx.strokeRect(g.left, g.top, g.width, g.height);
  ctx.fillStyle = theme.muted;
  ctx.strokeStyle = theme.muted;
  ctx.font = `${0.78 * rem}px ${theme.font}`;
  const tick = 0.35 * rem;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const x of niceTicks(b.xmin, b.xmax, Math.max(2, Math.round(g.width / (4.5 * rem))))) {
    const [px] = toPx(g, x, b.ymin);
    ctx.beginPath();
    ctx.moveTo(px, g.top + g.height);
    ctx.lineTo(px, g.top + g.height + tick);
    ctx.stroke();
    ctx.fillText(tickLabel(x), px, g.top + g.height + tick * 1.4);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const y of niceTicks(b.ymin, b.ymax, Math.max(2, Math.round(g.height / (3.5 * rem))))) {
    const [, py] = toPx(g, b.xmin, y);
    ctx.beginPath();
    ctx.moveTo(g.left - tick, py);
    ctx.lineTo(g.left, py);
    ctx.stroke();
    ctx.fillText(tickLabel(y), g.left - tick * 1.6, py);
  }
  ctx.fillStyle = theme.text;
  ctx.font = `italic ${0.9 * rem}px ${theme.font}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText('x', g.left + g.width + 0.75 * rem, g.top + g.height + tick * 1.2);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText('y', g.left, g.top - 0.3 * rem);
}

/** Per-track progress of the incremental trail drawing. */
export interface TrailState {
  drawn: number;
  lastX: number;
  lastY: number;
  dotX: number;
  dotY: number;
}

export const freshTrail = (): TrailState => ({ drawn: 0, lastX: NaN, lastY: NaN, dotX: NaN, dotY: NaN });

/**
 * Adds the points that came in since the last call to the trail canvas: a line through them (points
 * closer than half a pixel to the last drawn one are skipped) and a dot wherever the path has moved at
 * least 4 px since the last dot, so single steps stay visible.
 */
export function extendTrail(ctx: CanvasRenderingContext2D, g: MapGeometry, track: Track, st: TrailState, color: string, unit: number): void {
  const n = track.length;
  if (st.drawn >= n) return;
  const xs = track.column('x')!;
  const ys = track.column('y')!;
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.left, g.top, g.width, g.height);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2 * unit;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.beginPath();
  let open = Number.isFinite(st.lastX);
  if (open) ctx.moveTo(st.lastX, st.lastY);
  const dots: number[] = [];
  const minMove = 0.5 * unit;
  const dotGap = 4 * unit;
  for (let k = st.drawn; k < n; k++) {
    const x = xs[k]!;
    const y = ys[k]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      open = false;
      continue;
    }
    const [px, py] = toPx(g, x, y);
    if (!open) {
      ctx.moveTo(px, py);
      open = true;
    } else if (k < n - 1 && Math.abs(px - st.lastX) < minMove && Math.abs(py - st.lastY) < minMove) {
      continue;
    } else {
      ctx.lineTo(px, py);
    }
    st.lastX = px;
    st.lastY = py;
    if (!(Math.hypot(px - st.dotX, py - st.dotY) < dotGap)) {
      dots.push(px, py);
      st.dotX = px;
      st.dotY = py;
    }
  }
  ctx.stroke();
  for (let i = 0; i < dots.length; i += 2) {
    ctx.beginPath();
    ctx.arc(dots[i]!, dots[i + 1]!, 2.2 * unit, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.restore();
  st.drawn = n;
}

function star(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r : r * 0.45;
    ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
  }
  ctx.closePath();
}

export function drawMarkers(
  ctx: CanvasRenderingContext2D,
  g: MapGeometry,
  opts: {
    minima: { x: number; y: number }[];
    start: [number, number];
    tracks: Track[];
    colors: string[];
    selected: number;
    unit: number;
    /** the step the numbers panel shows (a ring where each optimizer was then), null when it follows the latest */
    mark?: number | null;
    /** the label beside the selected optimizer's ring ("step 120") and its font */
    markLabel?: string;
    /** optimizer i's x and y at a step its track no longer keeps (read from the store), if known */
    exact?: (i: number, step: number) => { x: number; y: number } | null;
    font?: string;
  },
): void {
  const { unit } = opts;
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.left, g.top, g.width, g.height);
  ctx.clip();
  for (const m of opts.minima) {
    const [px, py] = toPx(g, m.x, m.y);
    star(ctx, px, py, 8 * unit);
    ctx.fillStyle = '#ffd54a';
    ctx.fill();
    ctx.lineWidth = 1.5 * unit;
    ctx.strokeStyle = '#1b1b1b';
    ctx.stroke();
  }
  const [sx, sy] = toPx(g, opts.start[0], opts.start[1]);
  ctx.beginPath();
  ctx.arc(sx, sy, 7 * unit, 0, 2 * Math.PI);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.lineWidth = 2 * unit;
  ctx.strokeStyle = '#1b1b1b';
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(sx, sy, 2.5 * unit, 0, 2 * Math.PI);
  ctx.fillStyle = '#1b1b1b';
  ctx.fill();
  opts.tracks.forEach((t, i) => {
    for (let k = t.length - 1; k >= 0; k--) {
      const x = t.value('x', k);
      const y = t.value('y', k);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const [px, py] = toPx(g, x, y);
      ctx.beginPath();
      ctx.arc(px, py, (i === opts.selected ? 6.5 : 5) * unit, 0, 2 * Math.PI);
      ctx.fillStyle = opts.colors[i] ?? '#fff';
      ctx.fill();
      ctx.lineWidth = 2 * unit;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
      break;
    }
  });
  const mark = opts.mark ?? null;
  if (mark !== null)
    opts.tracks.forEach((t, i) => {
      // the step's row where the track keeps it, else the exact row read from the store (NumbersPanel)
      const row = t.rowOfStep(mark);
      const exact = opts.exact?.(i, mark) ?? null;
      const x = row >= 0 ? t.value('x', row) : (exact?.x ?? NaN);
      const y = row >= 0 ? t.value('y', row) : (exact?.y ?? NaN);
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      const [px, py] = toPx(g, x, y);
      // a ring in the optimizer's colour over a dark halo, so it shows on light and dark shading alike
      ctx.beginPath();
      ctx.arc(px, py, 10 * unit, 0, 2 * Math.PI);
      ctx.lineWidth = 5 * unit;
      ctx.strokeStyle = 'rgba(20, 20, 20, 0.75)';
      ctx.stroke();
      ctx.lineWidth = 2.5 * unit;
      ctx.strokeStyle = opts.colors[i] ?? '#fff';
      ctx.stroke();
      if (i === opts.selected && opts.markLabel) {
        ctx.font = `600 ${12 * unit}px ${opts.font ?? 'sans-serif'}`;
        ctx.textBaseline = 'middle';
        ctx.lineWidth = 3 * unit;
        ctx.strokeStyle = 'rgba(20, 20, 20, 0.8)';
        ctx.strokeText(opts.markLabel, px + 14 * unit, py);
        ctx.fillStyle = '#ffffff';
        ctx.fillText(opts.markLabel, px + 14 * unit, py);
      }
    });
  ctx.restore();
}
