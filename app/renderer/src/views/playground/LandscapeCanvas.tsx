/**
 * The landscape map: three stacked, device-pixel-ratio aware canvases — the base (heatmap and contours
 * of the engine's grid, axes; redrawn only when the grid, the size or the theme changes), the trails
 * (only the new points are added, at most once per animation frame, straight from the TrajectoryStore:
 * no React render per point) and the markers (known minima, the start point — click to move it — and
 * the optimizers' current points). The wrapper exposes data-points (points drawn) and data-step (the
 * latest step) for tests.
 */
import { useEffect, useRef } from 'react';

import { drawBase, drawMarkers, extendTrail, freshTrail, prepareGrid, type GridLike, type Prepared, type Theme, type TrailState } from './mapDrawing';
import { fromPx, mapGeometry, roundToView, type MapGeometry } from './mapGeometry';
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
    let seen = { grid: null as GridLike | null, version: -1, epoch: -1, start: '', selected: -1, colors: '', minima: null as unknown, size: '', theme: 0 };
    let themeTick = 0;
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

    let frame = requestAnimationFrame(function draw() {
      frame = requestAnimationFrame(draw);
      const p = latest.current;
      const { store } = p;
      const grid = p.grid;
      const startKey = p.start.join(',');
      const colorKey = p.colors.join(',');
      const baseChanged = grid !== seen.grid || sizeKey !== seen.size || themeTick !== seen.theme;
      if (!baseChanged && store.version === seen.version && startKey === seen.start && p.selected === seen.selected && colorKey === seen.colors && p.minima === seen.minima)
        return;
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
        if (prepared?.grid !== grid) prepared = { grid, prep: prepareGrid(grid) };
        drawBase(base.getContext('2d')!, g, grid, prepared.prep, readTheme(el), dpr, rem);
      }
      const tctx = trail.getContext('2d')!;
      if (baseChanged || store.epoch !== seen.epoch || colorKey !== seen.colors || trails.length !== store.tracks.length) {
        tctx.clearRect(0, 0, trail.width, trail.height);
        trails = store.tracks.map(freshTrail);
      }
      store.tracks.forEach((t, i) => extendTrail(tctx, g, t, trails[i]!, p.colors[i] ?? '#fff', dpr));
      ctx.clearRect(0, 0, cv.width, cv.height);
      drawMarkers(ctx, g, { minima: p.minima, start: p.start, tracks: store.tracks, colors: p.colors, selected: p.selected, unit: dpr });
      el.dataset.points = String(store.points());
      el.dataset.step = String(store.lastStep());
      seen = { grid, version: store.version, epoch: store.epoch, start: startKey, selected: p.selected, colors: colorKey, minima: p.minima, size: sizeKey, theme: themeTick };
    });
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      mo.disconnect();
    };
  }, []);

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
        aria-label={props.label}
        onClick={(e) => {
          const pt = at(e);
          const g = geometry.current;
          if (!pt || !g) return;
          const b = g.bounds;
          props.onPick(roundToView(pt[0], b.xmax - b.xmin), roundToView(pt[1], b.ymax - b.ymin));
        }}
        onMouseMove={(e) => {
          const pt = at(e);
          if (readout.current) readout.current.textContent = pt ? `x = ${tickLabel(Number(pt[0].toPrecision(3)))}   y = ${tickLabel(Number(pt[1].toPrecision(3)))}` : '';
        }}
        onMouseLeave={() => {
          if (readout.current) readout.current.textContent = '';
        }}
      />
      <div ref={readout} className="pg-map-readout" aria-hidden="true" />
    </div>
  );
}
