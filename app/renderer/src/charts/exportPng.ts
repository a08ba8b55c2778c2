/**
 * A chart as a PNG: the plot canvas (axes included) on the theme's panel colour, with an optional title
 * above and the series' names in their colours below — uPlot's legend is HTML, so it is drawn again here.
 */
import type uPlot from 'uplot';

export interface PngLegendEntry {
  label: string;
  color: string;
}

export function chartPng(u: uPlot, entries: PngLegendEntry[], title?: string): Promise<Blob> {
  const plot = u.ctx.canvas;
  const dpr = plot.width / Math.max(1, plot.clientWidth || plot.width);
  const style = getComputedStyle(u.root);
  const bg = style.getPropertyValue('--panel').trim() || '#ffffff';
  const fg = style.color || '#16181d';
  const font = style.fontFamily || 'sans-serif';
  const pad = 12 * dpr;
  const line = 20 * dpr;
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `${13 * dpr}px ${font}`;
  // lay the legend out in rows that fit the width
  const rows: { x: number; e: PngLegendEntry }[][] = [[]];
  let x = pad;
  for (const e of entries) {
    const w = 18 * dpr + measure.measureText(e.label).width + 16 * dpr;
    if (x + w > plot.width - pad && rows.at(-1)!.length > 0) {
      rows.push([]);
      x = pad;
    }
    rows.at(-1)!.push({ x, e });
    x += w;
  }
  const top = title ? line + pad : pad / 2;
  const out = document.createElement('canvas');
  out.width = plot.width;
  out.height = top + plot.height + rows.length * line + pad;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = fg;
  ctx.textBaseline = 'middle';
  if (title) {
    ctx.font = `600 ${14 * dpr}px ${font}`;
    ctx.fillText(title, pad, pad + line / 2);
  }
  ctx.drawImage(plot, 0, top);
  ctx.font = `${13 * dpr}px ${font}`;
  rows.forEach((row, r) => {
    const y = top + plot.height + r * line + line / 2;
    for (const { x: at, e } of row) {
      ctx.fillStyle = e.color;
      ctx.fillRect(at, y - 2 * dpr, 12 * dpr, 4 * dpr);
      ctx.fillStyle = fg;
      ctx.fillText(e.label, at + 18 * dpr, y);
    }
  });
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('the chart could not be encoded as PNG'))), 'image/png'));
}
