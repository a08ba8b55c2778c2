/**
 * The training view's plot: the data set's points (one colour per class; training points filled, test
 * points as rings) over the network's prediction — the decision boundary painted from the latest
 * "prediction" frame (boundary.ts), or for a 1-D regression set the fitted curve. Redrawn at most once
 * per animation frame, and only when the frame, the points, the size or the theme changed. While
 * drawing, a click adds a point of the chosen class at that place.
 * The canvas carries data-frame-step / data-frame-epoch of the frame it shows (for tests).
 */
import { useEffect, useRef, type PointerEvent } from 'react';

import type { DatasetPoints } from '../../../../../src/protocol/methods';
import { isGridFrame, paintBoundary, type PredictionFrameData } from './boundary';
import type { FrameSlot } from './liveRun';
import { classColor, parseColor, REGRESSION_POINTS } from './palette';
import { plotView, type Bounds, type PlotView } from './plotView';
import type { DrawnPoint } from './drawnData';

export interface PointsCanvasProps {
  /** the engine's points of the data set (training rows first), or null while none */
  points: DatasetPoints | null;
  /** points drawn by the user that the engine has not sent back yet (shown as training points) */
  pending?: readonly DrawnPoint[];
  bounds: Bounds;
  regression: boolean;
  frame: FrameSlot;
  /** paint the frame (false when it belongs to another data set) */
  showFrame: boolean;
  /** while drawing: the class a click adds */
  drawClass: number | null;
  onAdd?: (p: DrawnPoint) => void;
  label: string;
}

interface Theme {
  panel: string;
  text: string;
  line: string;
  accent: string;
}

function readTheme(): Theme {
  const cs = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return { panel: v('--panel', '#ffffff'), text: v('--text', '#16181d'), line: v('--line', '#d9dde5'), accent: v('--accent', '#2f6fde') };
}

function drawGrid(ctx: CanvasRenderingContext2D, view: PlotView, theme: Theme): void {
  const [ox, oy] = view.toPx(0, 0);
  ctx.strokeStyle = theme.line;
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (ox >= 0 && ox <= view.width) {
    ctx.moveTo(ox, 0);
    ctx.lineTo(ox, view.height);
  }
  if (oy >= 0 && oy <= view.height) {
    ctx.moveTo(0, oy);
    ctx.lineTo(view.width, oy);
  }
  ctx.stroke();
}

function drawBoundary(ctx: CanvasRenderingContext2D, view: PlotView, f: PredictionFrameData, theme: Theme, scratch: { canvas: HTMLCanvasElement | null }): void {
  const size = f.shape[0]!;
  const off = (scratch.canvas ??= document.createElement('canvas'));
  if (off.width !== size || off.height !== size) {
    off.width = size;
    off.height = size;
  }
  const octx = off.getContext('2d')!;
  const img = octx.createImageData(size, size);
  paintBoundary(f, parseColor(theme.panel), img.data);
  octx.putImageData(img, 0, 0);
  // pixel c is centred on x = lerp(xmin, xmax, c/(size−1)): the image reaches half a cell past the bounds
  const b = f.meta.bounds;
  const hx = (b.xmax - b.xmin) / (size - 1) / 2;
  const hy = (b.ymax - b.ymin) / (size - 1) / 2;
  const [x0, y0] = view.toPx(b.xmin - hx, b.ymax + hy);
  const [x1, y1] = view.toPx(b.xmax + hx, b.ymin - hy);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(off, x0, y0, x1 - x0, y1 - y0);
}

function drawCurve(ctx: CanvasRenderingContext2D, view: PlotView, f: PredictionFrameData, theme: Theme): void {
  const size = f.shape[0]!;
  const b = f.meta.bounds;
  ctx.strokeStyle = theme.accent;
  ctx.lineWidth = 3;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  let pen = false;
  for (let c = 0; c < size; c++) {
    const y = f.data[c]!;
    if (!Number.isFinite(y)) {
      pen = false;
      continue;
    }
    const [px, py] = view.toPx(b.xmin + ((b.xmax - b.xmin) * c) / (size - 1), y);
    if (pen) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    pen = true;
  }
  ctx.stroke();
}

/** Points grow with the plot (readable on a projector) but stay small beside the boundary's detail. */
const pointRadius = (side: number) => Math.max(3, Math.min(8, side / 115));

function drawPoint(ctx: CanvasRenderingContext2D, px: number, py: number, r: number, color: string, test: boolean, theme: Theme): void {
  ctx.beginPath();
  ctx.arc(px, py, r, 0, 2 * Math.PI);
  if (test) {
    ctx.fillStyle = theme.panel;
    ctx.fill();
    ctx.lineWidth = Math.max(2, r * 0.55);
    ctx.strokeStyle = color;
    ctx.stroke();
  } else {
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = Math.max(1, r * 0.3);
    ctx.strokeStyle = theme.panel;
    ctx.stroke();
  }
}

function drawPoints(ctx: CanvasRenderingContext2D, view: PlotView, p: DatasetPoints, regression: boolean, theme: Theme): void {
  const n = p.d > 0 ? p.x.length / p.d : 0;
  const r = pointRadius(view.width) * (n > 3000 ? 0.6 : 1);
  for (let i = 0; i < n; i++) {
    const x = p.x[i * p.d]!;
    const y = regression ? p.y![i]! : p.x[i * p.d + 1]!;
    const [px, py] = view.toPx(x, y);
    const color = regression ? REGRESSION_POINTS : classColor(p.labels?.[i] ?? 0);
    drawPoint(ctx, px, py, r, color, i >= p.nTrain, theme);
  }
}

export function PointsCanvas(props: PointsCanvasProps) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const dirty = useRef(true);
  dirty.current = true; // every render may bring new points, bounds or a new draw mode

  useEffect(() => {
    const el = canvas.current!;
    const wrap = box.current!;
    const scratch: { canvas: HTMLCanvasElement | null } = { canvas: null };
    let seenFrame = -1;
    let theme = readTheme();
    const resize = new ResizeObserver(() => (dirty.current = true));
    resize.observe(wrap);
    const themeWatch = new MutationObserver(() => {
      theme = readTheme();
      dirty.current = true;
    });
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

    let raf = requestAnimationFrame(function tick() {
      raf = requestAnimationFrame(tick);
      const p = latest.current;
      const frameChanged = p.showFrame && p.frame.version !== seenFrame;
      if (!dirty.current && !frameChanged) return;
      dirty.current = false;
      seenFrame = p.frame.version;
      const side = Math.max(120, Math.floor(Math.min(wrap.clientWidth, wrap.clientHeight)));
      const dpr = window.devicePixelRatio || 1;
      if (el.width !== Math.round(side * dpr)) {
        el.width = Math.round(side * dpr);
        el.height = Math.round(side * dpr);
        el.style.width = `${side}px`;
        el.style.height = `${side}px`;
      }
      const ctx = el.getContext('2d')!;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const view = plotView(p.bounds, side, side);
      ctx.fillStyle = theme.panel;
      ctx.fillRect(0, 0, side, side);
      const f = p.showFrame ? p.frame.frame : null;
      if (f && !p.regression && isGridFrame(f)) drawBoundary(ctx, view, f, theme, scratch);
      drawGrid(ctx, view, theme);
      if (p.points) drawPoints(ctx, view, p.points, p.regression, theme);
      const r = pointRadius(side);
      for (const d of p.pending ?? []) {
        const [px, py] = view.toPx(d.x, d.y);
        drawPoint(ctx, px, py, r, classColor(d.label), false, theme);
      }
      if (f && p.regression && f.shape.length === 1) drawCurve(ctx, view, f, theme);
      el.dataset.frameStep = f ? String(f.step) : '';
      el.dataset.frameEpoch = f ? String(f.meta.epoch ?? '') : '';
    });
    return () => {
      cancelAnimationFrame(raf);
      resize.disconnect();
      themeWatch.disconnect();
    };
  }, []);

  const onPointer = (e: PointerEvent<HTMLCanvasElement>) => {
    const p = latest.current;
    if (p.drawClass === null || !p.onAdd) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const view = plotView(p.bounds, rect.width, rect.height);
    const [x, y] = view.toData(e.clientX - rect.left, e.clientY - rect.top);
    p.onAdd({ x, y, label: p.drawClass });
  };

  return (
    <div ref={box} className={props.drawClass !== null ? 'points-canvas drawing' : 'points-canvas'}>
      <canvas ref={canvas} data-testid="training-canvas" role="img" aria-label={props.label} onPointerDown={onPointer} />
    </div>
  );
}
