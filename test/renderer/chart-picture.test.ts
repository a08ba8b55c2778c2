// A chart's picture as SVG (charts/chartPicture.ts): a gap (NaN) breaks a series into two polylines,
// series are clipped to the plot, rgba() paint becomes rgb() with an opacity (SVG 1.1), text is escaped
// and a rotated axis label turns about its own point.
import { describe, expect, it } from 'vitest';

import { pictureSvg, type ChartPicture } from '../../app/renderer/src/charts/chartPicture';

const picture: ChartPicture = {
  width: 200,
  height: 100,
  plot: { x: 40, y: 10, w: 150, h: 60 },
  background: '#101010',
  font: "'Noto Sans SC', sans-serif",
  items: [
    { kind: 'path', points: [40, 70, 60, 50, NaN, NaN, 100, 20, 120.456, 30], stroke: '#2f6fde', width: 1.5, dash: [], clip: true },
    { kind: 'path', points: [40, 40, 190, 40], stroke: 'rgba(128,128,128,0.25)', width: 1, dash: [4, 3], clip: false },
    { kind: 'text', x: 14, y: 40, text: 'loss <x & y>', size: 12, weight: 'bold', fill: '#eee', anchor: 'middle', rotate: true },
    { kind: 'rect', x: 12, y: 88, w: 12, h: 4, fill: '#e8590c' },
  ],
};

describe('a chart picture as SVG', () => {
  const svg = pictureSvg(picture);
  it('breaks a series at its gap and clips it to the plot', () => {
    const lines = [...svg.matchAll(/<polyline points="([^"]+)"([^>]*)\/>/g)];
    expect(lines.map((m) => m[1])).toEqual(['40,70 60,50', '100,20 120.46,30', '40,40 190,40']);
    expect(lines[0]![2]).toContain('clip-path="url(#plot)"');
    expect(lines[2]![2]).not.toContain('clip-path');
    expect(svg).toContain('<clipPath id="plot"><rect x="40" y="10" width="150" height="60"/></clipPath>');
  });
  it('writes SVG 1.1 paint and escaped text', () => {
    expect(svg).not.toContain('rgba(');
    expect(svg).toContain('stroke="rgb(128,128,128)" stroke-opacity="0.25"');
    expect(svg).toContain('stroke-dasharray="4 3"');
    expect(svg).toContain('>loss &lt;x &amp; y&gt;</text>');
    expect(svg).toContain('transform="rotate(-90 14 40)"');
    expect(svg).toContain(`font-family="'Noto Sans SC', sans-serif"`);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"')).toBe(true);
  });
});
