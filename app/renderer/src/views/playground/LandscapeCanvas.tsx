/**
 * The landscape map: three stacked, device-pixel-ratio aware canvases — the base (heatmap and contours
 * of the engine's grid, axes; redrawn only when the grid, the size or the theme changes), the trails
 * (only the new points are added, at most once per animation frame, straight from the TrajectoryStore:
 * no React render per point) and the markers (known minima, the start point — click to move it — and
 * the optimizers' current points, and rings where they were at the step the numbers panel shows). The
 * wheel zooms about the cursor, a drag pans (a click without a drag still moves the start), and with the
 * map focused + − zoom, the arrows pan and 0 goes back to the landscape's own range (mapView.ts): the
 * view asks for a new grid over that range. The wrapper exposes data-points (points drawn), data-step
 * (the latest step) and data-bounds (the range drawn) for tests.
 */
import { useEffect, useRef } from 'react';

import { drawBase, drawMarkers, extendTrail, freshTrail, prepareGrid, type GridLike, type Prepared, type Theme, type TrailState } from './mapDrawing';
import { fromPx, mapGeometry, roundToView, type Bounds, type MapGeometry } from './mapGeometry';
import { panBy, zoomAbout } from './mapView';
import { tickLabel } from './ticks';
import type { TrajectoryStore } from './TrajectoryStore';

export interface LandscapeCanvasProps {
  grid: GridLike | null;
  minima: { x: number; y: number }[];
  start: [number, number];
  store: TrajectoryStore;
  colors: string[];
  selected: number;
  onPick: (x: number, y: number) => void;
  label: string;
  /** the step the numbers panel is set to (rings on the map), null while it follows the latest */
  mark: number | null;
  markLabel: string;
  /** optimizer i's x and y at a step its track no longer keeps, if read from the store; `exactVersion` changes when more are read */
  exact?: (i: number, step: number) => { x: number; y: number } | null;
  exactVersion?: () => number;
  /** a new range to show (zoomed or panned), or null for the landscape's own */
  onView: (bounds: Bounds | null) => void;
}

/** How much one wheel notch (or a + − key) zooms. */
const ZOOM_STEP = 1.25;
/** Pointer travel (CSS px) that makes a press a drag rather than a click. */
const DRAG_PX = 4;

/** Redraws per second of the trails while points stream in. */
const MAP_HZ = 30;

/** f at the grid point nearest to (x, y) (the readout under the cursor). */
function gridValueAt(grid: GridLike, x: number, y: number): number {
  const b = grid.bounds;
  const col = Math.round(((x - b.xmin) / (b.xmax - b.xmin)) * (grid.width - 1));
  const row = Math.round(((y - b.ymin) / (b.ymax - b.ymin)) * (grid.height - 1));
  if (col < 0 || row < 0 || col >= grid.width || row >= grid.height) return NaN;
  return grid.values[row * grid.width + col]!;
}

function readTheme(el: Element): Theme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { text: v('--text', '#000'), muted: v('--muted', '#555'), line: v('--line', '#ccc'), panel: v('--panel', '#fff'), font: v('--font', 'sans-serif') };
}

export function LandscapeCanvas(props: LandscapeCanvasProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const baseCanvas = useRef<HTMLCanvasElement>(null);
  const trailCanvas = useRef<HTMLCanvasElement>(null);
  const readout = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const geometry = useRef<MapGeometry | null>(null);

  useEffect(() => {
    const el = wrap.current!;
    const cv = canvas.current!;
    const base = baseCanvas.current!;
    const trail = trailCanvas.current!;
    let prepared: { grid: GridLike; prep: Prepared } | null = null;
    let trails: TrailState[] = [];
    let seen = { grid: null as GridLike | null, version: -1, epoch: -1, start: '', selected: -1, colors: '', minima: null as unknown, size: '', theme: 0, mark: null as number | null, gens: '', exact: -1 };
    let themeTick = 0;
    let font = 'sans-serif'; // the theme's font, read when the base is drawn (not on every marker frame)
    let sizeKey = '';

    const resize = () => {
      const dpr = window.devicePixelRatio || 1;
      const w = Math.max(100, el.clientWidth);
      const h = Math.max(100, el.clientHeight);
      for (const c of [cv, base, trail]) {
        c.style.width = `${w}px`;
        c.style.height = `${h}px`;
        c.width = Math.round(w * dpr);
        c.height = Math.round(h * dpr);
      }
      sizeKey = `${cv.width}x${cv.height}`;
    };
    resize();
    const ro = new ResizeObserver(resize);
    ro.observe(el);
    const mo = new MutationObserver(() => themeTick++);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'lang'] });

    let lastDraw = -Infinity;
    let frame = requestAnimationFrame(function draw(now) {
      frame = requestAnimationFrame(draw);
      const p = latest.current;
      const { store } = p;
      const grid = p.grid;
      const startKey = p.start.join(',');
      const colorKey = p.colors.join(',');
      const baseChanged = grid !== seen.grid || sizeKey !== seen.size || themeTick !== seen.theme;
      const onlyNewPoints = !baseChanged && startKey === seen.start && p.selected === seen.selected && colorKey === seen.colors && p.minima === seen.minima && store.epoch === seen.epoch && p.mark === seen.mark && (p.exactVersion?.() ?? -1) === seen.exact;
      if (onlyNewPoints && store.version === seen.version) return;
      // streaming: the trails follow at most MAP_HZ times a second (each change re-uploads two full canvases)
      if (onlyNewPoints && now - lastDraw < 1000 / MAP_HZ) return;
      lastDraw = now;
      const dpr = window.devicePixelRatio || 1;
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) * dpr;
      const ctx = cv.getContext('2d')!;
      if (!grid) {
        for (const c of [cv, base, trail]) c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
        geometry.current = null;
        seen = { ...seen, grid, size: sizeKey, theme: themeTick };
        return;
      }
      const g = mapGeometry(grid.bounds, cv.width, cv.height, [1.4 * rem, 1.6 * rem, 2.1 * rem, 3.4 * rem]);
      geometry.current = g;
      if (baseChanged) {
        // a new grid (the view moved): drop the drag's preview offset
        if (grid !== seen.grid) for (const c of [cv, base, trail]) c.style.transform = '';
        el.dataset.bounds = [grid.bounds.xmin, grid.bounds.xmax, grid.bounds.ymin, grid.bounds.ymax].join(',');
        if (prepared?.grid !== grid) prepared = { grid, prep: prepareGrid(grid) };
        const theme = readTheme(el);
        font = theme.font;
        drawBase(base.getContext('2d')!, g, grid, prepared.prep, theme, dpr, rem);
      }
      const tctx = trail.getContext('2d')!;
      // a track that compacted (a long race) is drawn again from what it keeps
      const gens = store.generations();
      if (baseChanged || store.epoch !== seen.epoch || colorKey !== seen.colors || trails.length !== store.tracks.length || gens !== seen.gens) {
        tctx.clearRect(0, 0, trail.width, trail.height);
        trails = store.tracks.map(freshTrail);
      }
      store.tracks.forEach((t, i) => extendTrail(tctx, g, t, trails[i]!, p.colors[i] ?? '#fff', dpr));
      ctx.clearRect(0, 0, cv.width, cv.height);
      drawMarkers(ctx, g, { minima: p.minima, start: p.start, tracks: store.tracks, colors: p.colors, selected: p.selected, unit: dpr, mark: p.mark, markLabel: p.markLabel, font, ...(p.exact ? { exact: p.exact } : {}) });
      el.dataset.mark = p.mark === null ? '' : String(p.mark);
      el.dataset.points = String(store.points());
      el.dataset.step = String(store.lastStep());
      seen = { grid, version: store.version, epoch: store.epoch, start: startKey, selected: p.selected, colors: colorKey, minima: p.minima, size: sizeKey, theme: themeTick, mark: p.mark, gens, exact: p.exactVersion?.() ?? -1 };
    });

    // the wheel zooms about the point under the cursor (not passive: the page must not scroll meanwhile)
    const onWheel = (e: WheelEvent) => {
      const g = geometry.current;
      if (!g) return;
      const r = cv.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      const pt = fromPx(g, (e.clientX - r.left) * dpr, (e.clientY - r.top) * dpr);
      if (!pt) return;
      e.preventDefault();
      const notches = Math.max(-5, Math.min(5, -e.deltaY / (e.deltaMode === 1 ? 3 : 100)));
      latest.current.onView(zoomAbout(g.bounds, pt[0], pt[1], Math.pow(ZOOM_STEP, notches)));
    };
    cv.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      mo.disconnect();
      cv.removeEventListener('wheel', onWheel);
    };
  }, []);

  // a press that travels DRAG_PX pans: the canvases follow the pointer at once, the new grid comes on release
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const dragged = useRef(false); // the click that ends a drag moves nothing
  const shift = (dx: number, dy: number) => {
    for (const c of [canvas.current, baseCanvas.current, trailCanvas.current]) if (c) c.style.transform = dx || dy ? `translate(${dx}px, ${dy}px)` : '';
  };
  const endDrag = (e: React.PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    const g = geometry.current;
    if (!d?.moved || !g) return;
    dragged.current = true;
    const dpr = window.devicePixelRatio || 1;
    const b = g.bounds;
    const dx = ((e.clientX - d.x) * dpr * (b.xmax - b.xmin)) / g.width;
    const dy = ((e.clientY - d.y) * dpr * (b.ymax - b.ymin)) / g.height;
    props.onView(panBy(b, -dx, dy));
    // if no grid comes (the host is gone), the preview goes back after a while
    setTimeout(() => shift(0, 0), 1500);
  };
  const onKey = (e: React.KeyboardEvent) => {
    const g = geometry.current;
    if (!g) return;
    const b = g.bounds;
    const cx = (b.xmin + b.xmax) / 2,
      cy = (b.ymin + b.ymax) / 2;
    const w = b.xmax - b.xmin,
      h = b.ymax - b.ymin;
    const moves: Record<string, () => Bounds | null> = {
      '+': () => zoomAbout(b, cx, cy, ZOOM_STEP),
      '=': () => zoomAbout(b, cx, cy, ZOOM_STEP),
      '-': () => zoomAbout(b, cx, cy, 1 / ZOOM_STEP),
      ArrowLeft: () => panBy(b, -0.1 * w, 0),
      ArrowRight: () => panBy(b, 0.1 * w, 0),
      ArrowUp: () => panBy(b, 0, 0.1 * h),
      ArrowDown: () => panBy(b, 0, -0.1 * h),
      '0': () => null,
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    props.onView(move());
  };

  const at = (e: React.MouseEvent): [number, number] | null => {
    const g = geometry.current;
    if (!g) return null;
    const r = canvas.current!.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    return fromPx(g, (e.clientX - r.left) * dpr, (e.clientY - r.top) * dpr);
  };

  return (
    <div ref={wrap} className="pg-map" data-testid="pg-map" data-points="0" data-step="-1">
      <canvas ref={baseCanvas} aria-hidden="true" />
      <canvas ref={trailCanvas} aria-hidden="true" />
      <canvas
        ref={canvas}
        role="img"
        tabIndex={0}
        aria-label={props.label}
        onKeyDown={onKey}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          drag.current = { x: e.clientX, y: e.clientY, moved: false };
          dragged.current = false;
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d) return;
          if (!d.moved && Math.hypot(e.clientX - d.x, e.clientY - d.y) < DRAG_PX) return;
          d.moved = true;
          shift(e.clientX - d.x, e.clientY - d.y);
        }}
        onPointerUp={endDrag}
        onPointerCancel={() => {
          drag.current = null;
          shift(0, 0);
        }}
        onClick={(e) => {
          if (dragged.current) {
            dragged.current = false;
            return;
          }
          const pt = at(e);
          const g = geometry.current;
          if (!pt || !g) return;
          const b = g.bounds;
          props.onPick(roundToView(pt[0], b.xmax - b.xmin), roundToView(pt[1], b.ymax - b.ymin));
        }}
        onMouseMove={(e) => {
          const pt = at(e);
          if (!readout.current) return;
          const f = pt && props.grid ? gridValueAt(props.grid, pt[0], pt[1]) : NaN;
          const short = (v: number) => tickLabel(Number(v.toPrecision(3)));
          readout.current.textContent = pt ? `x = ${short(pt[0])}   y = ${short(pt[1])}${Number.isFinite(f) ? `   f ≈ ${short(f)}` : ''}` : '';
        }}
        onMouseLeave={() => {
          if (readout.current) readout.current.textContent = '';
        }}
      />
      <div ref={readout} className="pg-map-readout" aria-hidden="true" />
    </div>
  );
}
