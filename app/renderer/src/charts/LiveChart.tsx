/**
 * A live line chart over a SeriesBuffer (uPlot): redraws at most once per animation frame and only
 * when the buffer changed; linear or log y; fits its container's width. Points whose value is NaN or
 * ±Infinity (NaN in the buffer) are never hidden: uPlot would leave a gap, so each one gets a mark on
 * the plot's top edge (▼ in the series' colour). With nanMarks="first", a run of consecutive NaNs gets
 * one mark, at its first point (for a series that has ended, e.g. a diverged optimizer in a race).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

import type { SeriesBuffer } from './SeriesBuffer';

export interface LiveChartProps {
  buffer: SeriesBuffer;
  labels: string[];
  colors: string[];
  xLabel?: string;
  logY?: boolean;
  height?: number;
  /** "each" NaN gets a mark (default), or only the "first" of each run of NaNs */
  nanMarks?: 'each' | 'first';
  /** test hook: data-testid on the wrapper */
  testId?: string;
}

function nonFiniteMarks(colors: string[], only: 'each' | 'first'): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        const top = u.bbox.top;
        ctx.save();
        for (let s = 1; s < u.data.length; s++) {
          const ys = u.data[s] as ArrayLike<number | null>;
          ctx.fillStyle = colors[s - 1] ?? '#c0392b';
          for (let i = 0; i < ys.length; i++) {
            const v = ys[i];
            if (v === null || v === undefined || !Number.isNaN(v)) continue;
            if (only === 'first' && i > 0 && Number.isNaN(ys[i - 1])) continue;
            const x = u.valToPos(u.data[0][i]!, 'x', true);
            ctx.beginPath();
            ctx.moveTo(x, top + 9);
            ctx.lineTo(x - 5, top);
            ctx.lineTo(x + 5, top);
            ctx.fill();
          }
        }
        ctx.restore();
      },
    },
  };
}

export function LiveChart({ buffer, labels, colors, xLabel = 'step', logY = false, height = 220, nanMarks = 'each', testId }: LiveChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current!;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      scales: { x: { time: false }, y: logY ? { distr: 3 } : {} },
      axes: [
        { label: xLabel, stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' } },
        { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.2)' } },
      ],
      series: [{ label: xLabel }, ...labels.map((label, i) => ({ label, stroke: colors[i], width: 1.5, points: { show: false } }))],
      plugins: [nonFiniteMarks(colors, nanMarks)],
      legend: { live: true },
    };
    const u = new uPlot(opts, buffer.view() as uPlot.AlignedData, el);
    let seen = buffer.version;
    let frame = requestAnimationFrame(function tick() {
      if (buffer.version !== seen) {
        seen = buffer.version;
        u.setData(buffer.view() as uPlot.AlignedData);
      }
      frame = requestAnimationFrame(tick);
    });
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      u.destroy();
    };
  }, [buffer, labels.join('\u0000'), colors.join(','), xLabel, logY, height, nanMarks]);
  return <div ref={box} className="live-chart" data-testid={testId} />;
}
