/**
 * A chart as a picture in vector form: what uPlot drew (the series in view, the grid, the ticks and
 * their labels, the axis labels) read back as lines, paths and text in CSS pixels, with an optional
 * title above and the legend below. One picture, two outputs: an SVG file (vector, for papers and
 * slides) and a canvas at any scale (the PNG at 2×, drawn with the app's fonts so Han characters
 * never turn into boxes).
 */
import type uPlot from 'uplot';

export interface LegendEntry {
  label: string;
  color: string;
}

type Item =
  | { kind: 'path'; points: number[]; stroke: string; width: number; dash: number[]; clip: boolean }
  | { kind: 'text'; x: number; y: number; text: string; size: number; weight: string; fill: string; anchor: 'start' | 'middle' | 'end'; rotate: boolean }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string };

export interface ChartPicture {
  width: number;
  height: number;
  /** the plotting area (series are clipped to it) */
  plot: { x: number; y: number; w: number; h: number };
  items: Item[];
  background: string;
  font: string;
}

const GRID = 'rgba(128,128,128,0.25)';

/** uPlot keeps the last drawn ticks on each axis (private fields in 1.6): positions and label texts. */
interface DrawnAxis {
  _splits?: number[] | null;
  _values?: (string | number | null)[] | null;
  label?: string;
  side?: number;
  scale?: string;
  show?: boolean;
}

function strokeOf(u: uPlot, s: uPlot.Series, i: number): string {
  const st = s.stroke as unknown;
  if (typeof st === 'function') return String((st as (u: uPlot, i: number) => unknown)(u, i));
  return typeof st === 'string' ? st : '#888';
}

export function chartPicture(u: uPlot, legend: LegendEntry[], title: string | undefined, textColor: string, background: string, font: string): ChartPicture {
  const ratio = u.ctx.canvas.width / Math.max(1, u.ctx.canvas.clientWidth || u.ctx.canvas.width);
  const w = u.ctx.canvas.width / ratio;
  const h = u.ctx.canvas.height / ratio;
  const plot = { x: u.bbox.left / ratio, y: u.bbox.top / ratio, w: u.bbox.width / ratio, h: u.bbox.height / ratio };
  const pad = 12;
  const line = 20;
  const top = title ? line + pad : pad / 2;
  const items: Item[] = [];
  const px = (v: number, scale: string) => u.valToPos(v, scale, true) / ratio;
  let xLabelled = false;

  // grid, ticks and their labels, axis labels
  (u.axes as DrawnAxis[]).forEach((axis, ai) => {
    if (axis.show === false) return;
    const horizontal = (axis.side ?? (ai === 0 ? 2 : 3)) % 2 === 0;
    const scale = axis.scale ?? (horizontal ? 'x' : 'y');
    const splits = axis._splits ?? [];
    const values = axis._values ?? [];
    splits.forEach((v, k) => {
      const at = px(v, scale);
      if (!Number.isFinite(at)) return;
      const text = values[k];
      if (horizontal) {
        if (at < plot.x - 0.5 || at > plot.x + plot.w + 0.5) return;
        items.push({ kind: 'path', points: [at, top + plot.y, at, top + plot.y + plot.h], stroke: GRID, width: 1, dash: [], clip: false });
        if (text !== null && text !== undefined) items.push({ kind: 'text', x: at, y: top + plot.y + plot.h + 16, text: String(text), size: 12, weight: '', fill: textColor, anchor: 'middle', rotate: false });
      } else {
        if (at < plot.y - 0.5 || at > plot.y + plot.h + 0.5) return;
        items.push({ kind: 'path', points: [plot.x, top + at, plot.x + plot.w, top + at], stroke: GRID, width: 1, dash: [], clip: false });
        if (text !== null && text !== undefined) items.push({ kind: 'text', x: plot.x - 8, y: top + at + 4, text: String(text), size: 12, weight: '', fill: textColor, anchor: 'end', rotate: false });
      }
    });
    if (axis.label) {
      xLabelled ||= horizontal;
      if (horizontal) items.push({ kind: 'text', x: plot.x + plot.w / 2, y: top + plot.y + plot.h + 36, text: axis.label, size: 12, weight: 'bold', fill: textColor, anchor: 'middle', rotate: false });
      else items.push({ kind: 'text', x: 14, y: top + plot.y + plot.h / 2, text: axis.label, size: 12, weight: 'bold', fill: textColor, anchor: 'middle', rotate: true });
    }
  });

  // the series in view, as uPlot drew them (a gap, null or not finite, breaks the line)
  const xs = u.data[0] as ArrayLike<number>;
  u.series.forEach((s, i) => {
    if (i === 0 || s.show === false) return;
    const ys = u.data[i] as ArrayLike<number | null>;
    const points: number[] = [];
    for (let k = 0; k < xs.length; k++) {
      const y = ys[k];
      const xp = px(xs[k]!, 'x');
      const yp = y === null || y === undefined || !Number.isFinite(y) ? NaN : px(y, s.scale ?? 'y');
      if (!Number.isFinite(xp) || !Number.isFinite(yp)) {
        if (!s.spanGaps || points.length === 0 || !Number.isNaN(points.at(-1)!)) points.push(NaN, NaN);
        continue;
      }
      points.push(xp, top + yp);
    }
    items.push({ kind: 'path', points, stroke: strokeOf(u, s, i), width: Number(s.width ?? 1), dash: (s.dash as number[] | undefined) ?? [], clip: true });
  });

  // title above, legend below (in rows that fit the width)
  if (title) items.push({ kind: 'text', x: pad, y: pad + line / 2 + 5, text: title, size: 14, weight: '600', fill: textColor, anchor: 'start', rotate: false });
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `13px ${font}`;
  let x = pad;
  let row = 0;
  // the legend under the tick labels (and the x label, when there is one), not under uPlot's whole axis box
  const legendTop = Math.min(top + h, top + plot.y + plot.h + (xLabelled ? 44 : 26));
  for (const e of legend) {
    const width = 18 + measure.measureText(e.label).width + 16;
    if (x + width > w - pad && x > pad) {
      row += 1;
      x = pad;
    }
    const y = legendTop + row * line + line / 2;
    items.push({ kind: 'rect', x, y: y - 2, w: 12, h: 4, fill: e.color });
    items.push({ kind: 'text', x: x + 18, y: y + 4.5, text: e.label, size: 13, weight: '', fill: textColor, anchor: 'start', rotate: false });
    x += width;
  }
  const rows = legend.length > 0 ? row + 1 : 0;
  return { width: w, height: legendTop + rows * line + pad, plot: { ...plot, y: top + plot.y }, items, background, font };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (v: number) => String(Math.round(v * 100) / 100);

/** rgba() is not SVG 1.1: the colour as rgb() and its alpha as an opacity attribute. */
function paint(color: string, what: 'fill' | 'stroke'): string {
  const m = /^rgba\(\s*(\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\s*\)$/.exec(color);
  return m ? `${what}="rgb(${m[1]},${m[2]},${m[3]})" ${what}-opacity="${m[4]}"` : `${what}="${esc(color)}"`;
}

/** The runs of a path's points between breaks (NaN), each as SVG polyline points. */
function runs(points: number[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  for (let k = 0; k + 1 < points.length; k += 2) {
    if (Number.isNaN(points[k]!)) {
      if (cur.length > 0) out.push(cur.join(' '));
      cur = [];
    } else cur.push(`${num(points[k]!)},${num(points[k + 1]!)}`);
  }
  if (cur.length > 0) out.push(cur.join(' '));
  return out;
}

export function pictureSvg(p: ChartPicture): string {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(p.width)}" height="${num(p.height)}" viewBox="0 0 ${num(p.width)} ${num(p.height)}" font-family="${esc(p.font)}">`,
    `<defs><clipPath id="plot"><rect x="${num(p.plot.x)}" y="${num(p.plot.y)}" width="${num(p.plot.w)}" height="${num(p.plot.h)}"/></clipPath></defs>`,
    `<rect width="100%" height="100%" ${paint(p.background, 'fill')}/>`,
  ];
  for (const it of p.items) {
    if (it.kind === 'rect') parts.push(`<rect x="${num(it.x)}" y="${num(it.y)}" width="${num(it.w)}" height="${num(it.h)}" ${paint(it.fill, 'fill')}/>`);
    else if (it.kind === 'text') {
      const at = it.rotate ? ` transform="rotate(-90 ${num(it.x)} ${num(it.y)})"` : '';
      parts.push(`<text x="${num(it.x)}" y="${num(it.y)}" font-size="${it.size}"${it.weight ? ` font-weight="${it.weight}"` : ''} text-anchor="${it.anchor}" ${paint(it.fill, 'fill')}${at}>${esc(it.text)}</text>`);
    } else {
      const dash = it.dash.length > 0 ? ` stroke-dasharray="${it.dash.join(' ')}"` : '';
      for (const pts of runs(it.points))
        parts.push(`<polyline points="${pts}" fill="none" ${paint(it.stroke, 'stroke')} stroke-width="${it.width}"${dash} stroke-linejoin="round"${it.clip ? ' clip-path="url(#plot)"' : ''}/>`);
    }
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** The picture on a canvas at `scale` × its CSS size (the PNG for slides: scale 2). */
export function drawPicture(p: ChartPicture, scale: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(p.width * scale);
  canvas.height = Math.round(p.height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, p.width, p.height);
  for (const it of p.items) {
    if (it.kind === 'rect') {
      ctx.fillStyle = it.fill;
      ctx.fillRect(it.x, it.y, it.w, it.h);
    } else if (it.kind === 'text') {
      ctx.save();
      ctx.font = `${it.weight ? `${it.weight} ` : ''}${it.size}px ${p.font}`;
      ctx.fillStyle = it.fill;
      ctx.textAlign = it.anchor === 'middle' ? 'center' : it.anchor === 'end' ? 'right' : 'left';
      ctx.translate(it.x, it.y);
      if (it.rotate) ctx.rotate(-Math.PI / 2);
      ctx.fillText(it.text, 0, 0);
      ctx.restore();
    } else {
      ctx.save();
      if (it.clip) {
        ctx.beginPath();
        ctx.rect(p.plot.x, p.plot.y, p.plot.w, p.plot.h);
        ctx.clip();
      }
      ctx.strokeStyle = it.stroke;
      ctx.lineWidth = it.width;
      ctx.lineJoin = 'round';
      ctx.setLineDash(it.dash);
      ctx.beginPath();
      let pen = false;
      for (let k = 0; k + 1 < it.points.length; k += 2) {
        const x = it.points[k]!;
        if (Number.isNaN(x)) {
          pen = false;
          continue;
        }
        if (pen) ctx.lineTo(x, it.points[k + 1]!);
        else ctx.moveTo(x, it.points[k + 1]!);
        pen = true;
      }
      ctx.stroke();
      ctx.restore();
    }
  }
  return canvas;
}
