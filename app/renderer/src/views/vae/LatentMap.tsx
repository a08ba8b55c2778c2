/**
 * The VAE's latent map: the scored images' means μ as dots coloured by class, on the plane of z's first
 * two coordinates over [−range, range]². A click decodes that z (onDecode); a drag from one dot to
 * another interpolates between those two images (onInterpolate), drawn as a line while dragging. The
 * decoded point and the interpolation's ends are marked. Redrawn once per animation frame when the frame,
 * the marks, the size or the theme changed; dots beyond the map's range sit on its edge. The canvas
 * carries data-frame-step, data-range and data-dots (the first two dots' places) for tests.
 */
import { useRef, useState, type PointerEvent } from 'react';

import { useSquareCanvas } from '../../components/useSquareCanvas';
import { classColor } from '../training/palette';
import type { VaeLive } from './vaeLive';

export interface LatentMapProps {
  live: VaeLive;
  /** the decoded z (its first two coordinates), marked with a cross */
  decodedAt: [number, number] | null;
  /** the interpolation's two images, joined by a line */
  between: [number, number] | null;
  onDecode: (z: [number, number]) => void;
  onInterpolate: (from: number, to: number) => void;
  disabled: boolean;
  label: string;
}

interface Theme {
  panel: string;
  line: string;
  text: string;
}

function readTheme(): Theme {
  const cs = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return { panel: v('--panel', '#ffffff'), line: v('--line', '#d9dde5'), text: v('--text', '#16181d') };
}

/** the pointer's reach to a dot, in CSS pixels */
const REACH = 10;

export function LatentMap(props: LatentMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const drag = useRef<{ from: number; x0: number; y0: number; x: number; y: number; moved: boolean } | null>(null);
  const [, setRedraw] = useState(0); // a drag moves the line: a render, so the canvas redraws

  const geometry = () => {
    const el = canvas.current!;
    const f = latest.current.live.frames.get('latent');
    const r = typeof f?.meta.range === 'number' ? f.meta.range : 3;
    const side = el.clientWidth || 1;
    return {
      f,
      side,
      /** a point's place on the map; one beyond the range sits on the edge */
      toPx: (x: number, y: number): [number, number] => [(Math.min(r, Math.max(-r, x)) + r) / (2 * r) * side, (r - Math.min(r, Math.max(-r, y))) / (2 * r) * side],
      toZ: (px: number, py: number): [number, number] => [(px / side) * 2 * r - r, r - (py / side) * 2 * r],
    };
  };

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
      const g = geometry();
      const [ox, oy] = g.toPx(0, 0);
      ctx.strokeStyle = theme.line;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(ox, 0);
      ctx.lineTo(ox, side);
      ctx.moveTo(0, oy);
      ctx.lineTo(side, oy);
      ctx.stroke();
      const f = g.f;
      if (f) {
        const n = f.shape[0]!;
        const r = Math.max(2, Math.min(3.5, side / 160));
        for (let i = 0; i < n; i++) {
          const [px, py] = g.toPx(f.data[3 * i]!, f.data[3 * i + 1]!);
          if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
          const label = f.data[3 * i + 2]!;
          ctx.fillStyle = label >= 0 ? classColor(label) : theme.text;
          ctx.globalAlpha = 0.75;
          ctx.beginPath();
          ctx.arc(px, py, r, 0, 2 * Math.PI);
          ctx.fill();
        }
        ctx.globalAlpha = 1;
        const d = drag.current;
        const at = (i: number) => g.toPx(f.data[3 * i]!, f.data[3 * i + 1]!);
        const line = d && d.moved ? ([at(d.from), [d.x, d.y]] as const) : p.between && p.between[0] < n && p.between[1] < n ? ([at(p.between[0]), at(p.between[1])] as const) : null;
        if (line) {
          ctx.strokeStyle = theme.text;
          ctx.lineWidth = 2;
          ctx.setLineDash([6, 4]);
          ctx.beginPath();
          ctx.moveTo(line[0][0], line[0][1]);
          ctx.lineTo(line[1][0], line[1][1]);
          ctx.stroke();
          ctx.setLineDash([]);
        }
      }
      if (p.decodedAt) {
        const [px, py] = g.toPx(p.decodedAt[0], p.decodedAt[1]);
        ctx.strokeStyle = theme.text;
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(px - 7, py - 7);
        ctx.lineTo(px + 7, py + 7);
        ctx.moveTo(px + 7, py - 7);
        ctx.lineTo(px - 7, py + 7);
        ctx.stroke();
      }
      el.dataset.frameStep = f ? String(f.step) : '';
      // for tests: where the first two dots are, in CSS pixels
      el.dataset.dots = f && f.shape[0]! >= 2 ? [0, 1].map((i) => g.toPx(f.data[3 * i]!, f.data[3 * i + 1]!).map((v) => v.toFixed(1)).join(',')).join(';') : '';
      el.dataset.range = f ? String(f.meta.range) : '';
    },
    (wrap) => wrap.clientWidth,
  );

  /** the dot nearest to a pointer position, within REACH */
  const nearest = (px: number, py: number): number | null => {
    const g = geometry();
    if (!g.f) return null;
    let best: number | null = null;
    let dist = REACH;
    for (let i = 0; i < g.f.shape[0]!; i++) {
      const [x, y] = g.toPx(g.f.data[3 * i]!, g.f.data[3 * i + 1]!);
      const d = Math.hypot(x - px, y - py);
      if (d < dist) [best, dist] = [i, d];
    }
    return best;
  };
  const local = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top] as const;
  };

  return (
    <div ref={box} className="vae-latent">
      <canvas
        ref={canvas}
        data-testid="vae-latent-map"
        role="img"
        aria-label={props.label}
        className={props.disabled ? 'disabled' : undefined}
        onPointerDown={(e) => {
          if (latest.current.disabled) return;
          const [x, y] = local(e);
          e.currentTarget.setPointerCapture(e.pointerId);
          const from = nearest(x, y);
          drag.current = { from: from ?? -1, x0: x, y0: y, x, y, moved: false };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d || d.from < 0) return;
          const [x, y] = local(e);
          d.moved ||= Math.hypot(x - d.x0, y - d.y0) > 4;
          d.x = x;
          d.y = y;
          setRedraw((v) => v + 1);
        }}
        onPointerUp={(e) => {
          const d = drag.current;
          drag.current = null;
          setRedraw((v) => v + 1);
          if (!d || latest.current.disabled) return;
          const [x, y] = local(e);
          const to = d.moved ? nearest(x, y) : null;
          if (d.from >= 0 && to !== null && to !== d.from) latest.current.onInterpolate(d.from, to);
          else latest.current.onDecode(geometry().toZ(x, y));
        }}
      />
    </div>
  );
}
