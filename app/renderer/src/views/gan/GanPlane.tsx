/**
 * The GAN lab's plane, as GAN Lab draws it and more: the discriminator's field as a background (green
 * where D says "real", purple where it says "generated"; white where it cannot tell), the real points,
 * the generator's fakes, each fake's pull as an arrow (where the generator's loss pushes it, the
 * longest a fixed length), and the generator's manifold (its image of a grid of noise) as a mesh. Each
 * layer can be hidden. While drawing (no run yet), a press or drag sprays points of the user's own
 * distribution. Redrawn once per animation frame, only when the frame, the drawing, the size, the layers
 * or the theme changed; the canvas carries data-frame-step for tests.
 */
import { useRef, type PointerEvent } from 'react';

import { useSquareCanvas } from '../../components/useSquareCanvas';
import { parseColor } from '../training/palette';
import { fieldShare, longestPull, type GanPicture } from './ganFrame';
import type { GanLive } from './ganLive';

export interface Layers {
  field: boolean;
  real: boolean;
  fakes: boolean;
  pull: boolean;
  manifold: boolean;
}

export interface Bounds {
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

/** The square a drawing is made in (data units), before a run has bounds of its own. */
export const DRAW_BOUNDS: Bounds = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };

export interface GanPlaneProps {
  live: GanLive;
  layers: Layers;
  /** the user's points (x, y, …), shown while there is no frame */
  drawn: readonly number[];
  /** whether a press adds points */
  drawing: boolean;
  onDraw?: (xy: number[]) => void;
  label: string;
}

interface Theme {
  panel: string;
  text: string;
  line: string;
  real: string;
  fake: string;
  dark: boolean;
}

function readTheme(): Theme {
  const cs = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const dark = document.documentElement.dataset.theme === 'dark';
  return {
    panel: v('--panel', '#ffffff'),
    text: v('--text', '#16181d'),
    line: v('--line', '#d9dde5'),
    real: dark ? '#4cc38a' : '#1b8a4c',
    fake: dark ? '#c58cff' : '#8a3ccf',
    dark,
  };
}

const REAL_TINT: [number, number, number] = [46, 170, 100];
const FAKE_TINT: [number, number, number] = [150, 80, 220];

function mix(a: [number, number, number], b: [number, number, number], w: number): [number, number, number] {
  return [a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w, a[2] + (b[2] - a[2]) * w];
}

function paintField(ctx: CanvasRenderingContext2D, p: GanPicture, toPx: (x: number, y: number) => [number, number], theme: Theme, scratch: { canvas: HTMLCanvasElement | null }): void {
  const n = p.meta.grid;
  const off = (scratch.canvas ??= document.createElement('canvas'));
  if (off.width !== n || off.height !== n) {
    off.width = n;
    off.height = n;
  }
  const octx = off.getContext('2d')!;
  const img = octx.createImageData(n, n);
  const base = parseColor(theme.panel);
  const strength = theme.dark ? 0.45 : 0.55;
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const s = fieldShare(p, p.field[r * n + c]!);
      const rgb = s >= 0.5 ? mix(base, REAL_TINT, (s - 0.5) * 2 * strength) : mix(base, FAKE_TINT, (0.5 - s) * 2 * strength);
      const at = ((n - 1 - r) * n + c) * 4; // row 0 of the field is the bottom of the plot
      img.data[at] = rgb[0];
      img.data[at + 1] = rgb[1];
      img.data[at + 2] = rgb[2];
      img.data[at + 3] = 255;
    }
  octx.putImageData(img, 0, 0);
  const b = p.meta.bounds;
  const [x0, y0] = toPx(b.xmin, b.ymax);
  const [x1, y1] = toPx(b.xmax, b.ymin);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(off, x0, y0, x1 - x0, y1 - y0);
}

function dots(ctx: CanvasRenderingContext2D, xy: ArrayLike<number>, toPx: (x: number, y: number) => [number, number], r: number, fill: string, ring: string | null): void {
  ctx.fillStyle = fill;
  if (ring) {
    ctx.strokeStyle = ring;
    ctx.lineWidth = 1;
  }
  for (let i = 0; i + 1 < xy.length; i += 2) {
    const [px, py] = toPx(xy[i]!, xy[i + 1]!);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    ctx.beginPath();
    ctx.arc(px, py, r, 0, 2 * Math.PI);
    ctx.fill();
    if (ring) ctx.stroke();
  }
}

function arrows(ctx: CanvasRenderingContext2D, p: GanPicture, toPx: (x: number, y: number) => [number, number], longest: number, px: number, color: string): void {
  const top = longestPull(p);
  if (!(top > 0)) return;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.2;
  ctx.beginPath();
  for (let i = 0; i + 1 < p.fakes.length; i += 2) {
    const [x0, y0] = toPx(p.fakes[i]!, p.fakes[i + 1]!);
    const gx = p.pull[i]!;
    const gy = p.pull[i + 1]!;
    if (!Number.isFinite(x0) || !Number.isFinite(y0) || !Number.isFinite(gx) || !Number.isFinite(gy)) continue;
    const len = (Math.hypot(gx, gy) / top) * longest;
    if (len < 1.5) continue;
    // screen y grows downwards
    const ux = gx / Math.hypot(gx, gy);
    const uy = -gy / Math.hypot(gx, gy);
    const x1 = x0 + ux * len;
    const y1 = y0 + uy * len;
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    const head = Math.min(px, len * 0.45);
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * (ux * 0.87 - uy * 0.5), y1 - head * (uy * 0.87 + ux * 0.5));
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * (ux * 0.87 + uy * 0.5), y1 - head * (uy * 0.87 - ux * 0.5));
  }
  ctx.stroke();
}

function mesh(ctx: CanvasRenderingContext2D, p: GanPicture, toPx: (x: number, y: number) => [number, number], color: string): void {
  const [rows, cols] = p.meta.manifold;
  const at = (r: number, c: number) => toPx(p.manifold[(r * cols + c) * 2]!, p.manifold[(r * cols + c) * 2 + 1]!);
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.globalAlpha = 0.55;
  ctx.beginPath();
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const [x, y] = at(r, c);
      if (c + 1 < cols) {
        const [x2, y2] = at(r, c + 1);
        ctx.moveTo(x, y);
        ctx.lineTo(x2, y2);
      }
      if (r + 1 < rows) {
        const [x2, y2] = at(r + 1, c);
        ctx.moveTo(x, y);
        ctx.lineTo(x2, y2);
      }
    }
  ctx.stroke();
  ctx.globalAlpha = 1;
}

function withAlpha(color: string, a: number): string {
  const [r, g, b] = parseColor(color);
  return `rgba(${r}, ${g}, ${b}, ${a})`;
}

export function GanPlane(props: GanPlaneProps) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const scratch = useRef<{ canvas: HTMLCanvasElement | null }>({ canvas: null });

  useSquareCanvas(
    box,
    canvas,
    () => props.live.framesVersion,
    (ctx, side) => {
      const p = latest.current;
      const el = canvas.current!;
      const theme = readTheme();
      ctx.fillStyle = theme.panel;
      ctx.fillRect(0, 0, side, side);
      const pic = p.drawing ? null : p.live.picture;
      const b = pic ? pic.meta.bounds : DRAW_BOUNDS;
      const toPx = (x: number, y: number): [number, number] => [((x - b.xmin) / (b.xmax - b.xmin)) * side, ((b.ymax - y) / (b.ymax - b.ymin)) * side];
      // the axes through 0
      const [ox, oy] = toPx(0, 0);
      if (pic && p.layers.field) paintField(ctx, pic, toPx, theme, scratch.current);
      ctx.strokeStyle = theme.line;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(ox, 0);
      ctx.lineTo(ox, side);
      ctx.moveTo(0, oy);
      ctx.lineTo(side, oy);
      ctx.stroke();
      const r = Math.max(2, Math.min(4, side / 200));
      if (!pic) {
        dots(ctx, p.drawn, toPx, r + 0.5, theme.real, null);
      } else {
        if (p.layers.manifold) mesh(ctx, pic, toPx, theme.fake);
        if (p.layers.real) dots(ctx, pic.real, toPx, r, withAlpha(theme.real, 0.8), null);
        if (p.layers.fakes) dots(ctx, pic.fakes, toPx, r + 0.5, theme.fake, theme.panel);
        if (p.layers.pull) arrows(ctx, pic, toPx, side / 14, Math.max(4, side / 110), withAlpha(theme.text, 0.7));
      }
      el.dataset.frameStep = pic ? String(pic.step) : '';
      el.dataset.drawn = String(p.drawn.length / 2);
    },
    (wrap) => Math.min(wrap.clientWidth, wrap.clientHeight || wrap.clientWidth),
  );

  const spray = (e: PointerEvent<HTMLCanvasElement>) => {
    const p = latest.current;
    if (!p.drawing || !p.onDraw) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const b = DRAW_BOUNDS;
    const x = b.xmin + ((e.clientX - rect.left) / rect.width) * (b.xmax - b.xmin);
    const y = b.ymax - ((e.clientY - rect.top) / rect.height) * (b.ymax - b.ymin);
    const xy: number[] = [];
    for (let k = 0; k < 3; k++) {
      // a small Gaussian puff (Box–Muller) around the pointer, 0.06 data units wide
      const u = Math.max(1e-9, Math.random());
      const a = 2 * Math.PI * Math.random();
      const s = 0.06 * Math.sqrt(-2 * Math.log(u));
      xy.push(Number((x + s * Math.cos(a)).toFixed(4)), Number((y + s * Math.sin(a)).toFixed(4)));
    }
    p.onDraw(xy);
  };

  return (
    <div ref={box} className={props.drawing ? 'gan-plane drawing' : 'gan-plane'}>
      <canvas
        ref={canvas}
        data-testid="gan-plane"
        role="img"
        aria-label={props.label}
        onPointerDown={(e) => {
          if (!latest.current.drawing) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          spray(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons === 1) spray(e);
        }}
      />
    </div>
  );
}
