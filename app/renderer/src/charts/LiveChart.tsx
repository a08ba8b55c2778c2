/**
 * A live line chart over a SeriesBuffer (uPlot): redraws at most once per animation frame and only
 * when something changed (new rows, zoom, smoothing, size); linear or log y, linear or log x; fits its
 * container's width. What is drawn comes from displayData.ts: the rows in view, min/max-bucketed when
 * dense, so spikes survive. Points whose value is NaN or ±Infinity (NaN in the buffer) are never
 * hidden: uPlot would leave a gap, so each one gets a mark on the plot's top edge (▼ in the series'
 * colour); a value ≤ 0 on a log y axis gets one on the bottom edge (▲).
 *
 * Optional: `smoothing` (EMA weight 0…0.999, smoothing.ts) draws each series smoothed with its raw
 * curve faint beside it; drag across the plot zooms into that x range (rows re-read at full detail),
 * double-click resets; hover shows the values in the legend; `chartRef` gives exportPng / exportSvg /
 * resetZoom (ChartToolbar uses it). Unless `pictureButtons` is false, PNG (2×) and SVG buttons sit in the
 * chart's top-right corner (chartPicture.ts: the chart read back as vectors). The wrapper carries data-series-count, data-points (rows per series, absent
 * ones not counted), data-nan-marks and data-zoomed for tests. With nanMarks="first", a run of
 * consecutive NaNs gets one mark, at its first point (for a series that has ended, e.g. a diverged
 * optimizer in a race).
 */
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { appFontStack, canvasFont } from './canvasFont';
import { nearestIndex } from './nearestIndex';
import './charts.css';

import { useI18n } from '../i18n/i18n';
import { buildDisplay } from './displayData';
import { downloadBlob } from './download';
import { chartPicture, drawPicture, pictureSvg } from './chartPicture';
import { fade } from './palette';
import type { SeriesBuffer } from './SeriesBuffer';
import { emaInto, emaStart, type EmaState } from './smoothing';
import { tickTexts } from './tickTexts';

export interface LiveChartHandle {
  /** the chart (plot, title, legend) as a PNG download at twice its size */
  exportPng(filename: string): Promise<void>;
  /** the same as an SVG download (vector) */
  exportSvg(filename: string): void;
  resetZoom(): void;
}

export interface LiveChartProps {
  buffer: SeriesBuffer;
  labels: string[];
  colors: string[];
  xLabel?: string;
  logY?: boolean;
  height?: number;
  /** test hook: data-testid on the wrapper */
  testId?: string;
  /** "each" NaN gets a mark (default), or only the "first" of each run of NaNs */
  nanMarks?: 'each' | 'first';
  /** log x axis (rows with x ≤ 0 are left out) */
  logX?: boolean;
  /** EMA weight in [0, 1): 0 = raw only; above, smoothed curves over faint raw ones */
  smoothing?: number;
  chartRef?: Ref<LiveChartHandle | null>;
  /** a title for the exported PNG */
  title?: string;
  /** a label for the y axis */
  yLabel?: string;
  /** false: no label under the x axis (when the chart's heading already names x); default true */
  xAxisLabel?: boolean;
  /** live changes of the run, drawn as dashed vertical lines at their x with a short label */
  events?: readonly ChartEvent[];
  /** series drawn faint and dashed (a spread around a mean: experiments/seedGroups.ts) */
  faint?: readonly boolean[];
  /** PNG and SVG buttons in the corner (default true; false where a ChartToolbar offers them) */
  pictureButtons?: boolean;
}

/** A file name from a chart's title or test id: "Mini-batch loss" → "mini-batch-loss". */
function fileStem(title: string | undefined, testId: string | undefined): string {
  const stem = (title ?? testId ?? 'chart').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return stem || 'chart';
}

export interface ChartEvent {
  x: number;
  label: string;
}

/** Dashed vertical lines at the run's live changes, labelled at the top (the latest wins a crowded spot). */
function eventPlugin(events: { current: readonly ChartEvent[] }, color: () => string): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        if (events.current.length === 0) return;
        const ctx = u.ctx;
        const { top, height, left, width } = u.bbox;
        const dpr = devicePixelRatio || 1;
        ctx.save();
        ctx.strokeStyle = color();
        ctx.fillStyle = color();
        ctx.setLineDash([4 * dpr, 3 * dpr]);
        ctx.lineWidth = dpr;
        ctx.font = canvasFont(10 * dpr, '', u.root);
        ctx.textBaseline = 'top';
        for (const e of events.current) {
          const x = u.valToPos(e.x, 'x', true);
          if (!(x >= left && x <= left + width)) continue;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          ctx.fillText(e.label, Math.min(x + 3 * dpr, left + width - ctx.measureText(e.label).width), top + 2 * dpr);
        }
        ctx.restore();
      },
    },
  };
}

interface Marks {
  nan: number[][];
  low: number[][];
}

/** uPlot's axis `values` hook: the ticks' labels (tickTexts.ts). */
const axisValues = (_u: uPlot, splits: number[]) => tickTexts(splits);

function markPlugin(marks: { current: Marks }, colors: string[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        const { top, height, left, width } = u.bbox;
        const r = 5 * (devicePixelRatio || 1);
        ctx.save();
        const tri = (xVal: number, down: boolean) => {
          const x = u.valToPos(xVal, 'x', true);
          if (!(x >= left - r && x <= left + width + r)) return;
          const y0 = down ? top : top + height;
          const tip = down ? top + 1.8 * r : top + height - 1.8 * r;
          ctx.beginPath();
          ctx.moveTo(x, tip);
          ctx.lineTo(x - r, y0);
          ctx.lineTo(x + r, y0);
          ctx.fill();
        };
        marks.current.nan.forEach((xs, s) => {
          ctx.fillStyle = colors[s] ?? '#c0392b';
          for (const x of xs) tri(x, true);
        });
        marks.current.low.forEach((xs, s) => {
          ctx.fillStyle = colors[s] ?? '#c0392b';
          for (const x of xs) tri(x, false);
        });
        ctx.restore();
      },
    },
  };
}

/** The x of the first row of each run of NaNs (rows marked absent excluded), within [lo, hi]. */
function nanRunStarts(x: ArrayLike<number>, y: ArrayLike<number>, absent: Uint8Array | null, range: { min: number; max: number } | null): number[] {
  const out: number[] = [];
  let inRun = false;
  for (let i = 0; i < y.length; i++) {
    const nan = Number.isNaN(y[i]!) && !(absent && absent[i]);
    if (nan && !inRun && (!range || (x[i]! >= range.min && x[i]! <= range.max))) out.push(x[i]!);
    inRun = nan;
  }
  return out;
}

export function LiveChart({ buffer, labels, colors, xLabel = 'step', logY = false, height = 220, testId, logX = false, smoothing = 0, chartRef, title, nanMarks = 'each', yLabel, xAxisLabel = true, events, faint, pictureButtons = true }: LiveChartProps) {
  const { t } = useI18n();
  const eventList = useRef<readonly ChartEvent[]>(events ?? []);
  const eventKey = (events ?? []).map((e) => `${e.x}:${e.label}`).join('|');
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const zoom = useRef<{ min: number; max: number } | null>(null);
  const dirty = useRef(true);
  useEffect(() => {
    eventList.current = events ?? [];
    dirty.current = true;
  }, [eventKey]);  // eslint-disable-line react-hooks/exhaustive-deps -- the key says everything about the events
  const weight = useRef(smoothing);
  const legend = useRef<{ label: string; color: string }[]>([]);
  const smoothOn = smoothing > 0;
  useEffect(() => {
    weight.current = smoothing;
    dirty.current = true;
  }, [smoothing]);
  legend.current = labels.map((label, i) => ({ label, color: colors[i] ?? '#888' }));

  /** What the chart shows now, as vectors, in the theme's colours and the app's fonts. */
  const picture = () => {
    const u = plot.current;
    if (!u) return null;
    const style = getComputedStyle(u.root);
    return chartPicture(u, legend.current, title, style.color || '#16181d', style.getPropertyValue('--panel').trim() || '#ffffff', appFontStack(u.root));
  };
  const handle: LiveChartHandle = {
    exportPng: async (filename: string) => {
      const p = picture();
      if (!p) return;
      const canvas = drawPicture(p, 2);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (blob) downloadBlob(blob, filename);
    },
    exportSvg: (filename: string) => {
      const p = picture();
      if (p) downloadBlob(new Blob([pictureSvg(p)], { type: 'image/svg+xml' }), filename);
    },
    resetZoom: () => {
      zoom.current = null;
      dirty.current = true;
    },
  };
  useImperativeHandle(chartRef, () => handle, [title]);  // eslint-disable-line react-hooks/exhaustive-deps -- the handle reads refs and the title

  const rawLabel = t('chart.raw');
  const smoothLabel = t('chart.smoothed');
  useEffect(() => {
    const el = box.current!;
    const n = labels.length;
    const marks = { current: { nan: [], low: [] } as Marks };
    let textColor = getComputedStyle(el).color;
    // uPlot draws axes on a canvas with its own default fonts (no Han glyphs there): use the app's
    const axisFont = canvasFont(12, '', el);
    const axisLabelFont = canvasFont(12, 'bold', el);
    el.dataset.canvasFont = axisLabelFont;
    const axisStroke = () => textColor;
    const grid = { stroke: 'rgba(128,128,128,0.2)' };
    const rawSeries: uPlot.Series[] = labels.map((label, i) => ({
      label: smoothOn ? `${label} · ${rawLabel}` : label,
      stroke: smoothOn || faint?.[i] ? fade(colors[i] ?? '#888', faint?.[i] ? 0.45 : 0.4) : colors[i],
      width: smoothOn || faint?.[i] ? 1 : 1.5,
      ...(faint?.[i] ? { dash: [4, 3] } : {}),
      spanGaps: true,
      points: { show: false },
    }));
    const smoothSeries: uPlot.Series[] = smoothOn
      ? labels.map((label, i) => ({ label: `${label} · ${smoothLabel}`, stroke: colors[i], width: 2, spanGaps: true, points: { show: false } }))
      : [];
    if (logX && zoom.current && zoom.current.min <= 0) zoom.current = null;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      scales: {
        x: {
          time: false,
          distr: logX ? 3 : 1,
          range: (_u, min, max) => {
            const z = zoom.current;
            if (z) return [z.min, z.max];
            if (min === null || max === null) return logX ? [1, 10] : [0, 1];
            if (min === max) return logX ? [min / 10, max * 10] : [min - 1, max + 1];
            return [min, max];
          },
        },
        y: logY ? { distr: 3 } : {},
      },
      axes: [
        { ...(xAxisLabel ? { label: xLabel } : {}), stroke: axisStroke, grid, ticks: grid, font: axisFont, labelFont: axisLabelFont, ...(logX ? { values: axisValues } : {}) },
        // ticks at least 22 px apart (uPlot's default 30 left a short chart with one tick)
        { stroke: axisStroke, grid, ticks: grid, size: 60, space: 22, font: axisFont, labelFont: axisLabelFont, values: axisValues, ...(yLabel ? { label: yLabel } : {}) },
      ],
      series: [{ label: xLabel }, ...rawSeries, ...smoothSeries],
      cursor: {
        drag: { x: true, y: false, setScale: false },
        bind: { dblclick: () => null },
        // each series' nearest value to the pointer (gaps are null): the legend never reads "--" over the plot
        dataIdx: (u, seriesIdx, hovered) => (seriesIdx === 0 ? hovered : (nearestIndex(u.data[seriesIdx] as ArrayLike<number | null>, hovered) ?? hovered)),
      },
      plugins: [markPlugin(marks, colors), eventPlugin(eventList, () => textColor)],
      legend: { live: true },
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width > 3) {
              const a = u.posToVal(u.select.left, 'x');
              const b = u.posToVal(u.select.left + u.select.width, 'x');
              if (Number.isFinite(a) && Number.isFinite(b) && b > a) {
                zoom.current = { min: a, max: b };
                dirty.current = true;
              }
            }
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
      },
    };
    const u = new uPlot(opts, [[]], el);
    plot.current = u;
    const onDbl = () => {
      zoom.current = null;
      dirty.current = true;
    };
    u.over.addEventListener('dblclick', onDbl);

    // smoothing state, per series
    let gen = -1;
    let usedWeight = NaN;
    let smoothed: Float64Array[] = [];
    let states: EmaState[] = [];
    let seen = -1;
    const rebuild = () => {
      const view = buffer.view();
      const x = view[0];
      const ys = view.slice(1);
      const rows = x.length;
      const absent = labels.map((_, s) => buffer.absentMask(s));
      let columns: ArrayLike<number>[] = ys;
      let masks = absent;
      if (smoothOn) {
        const w = Math.min(0.999, Math.max(0, weight.current));
        if (gen !== buffer.generation || usedWeight !== w || smoothed.length !== n || (smoothed[0]?.length ?? 0) < rows) {
          const cap = Math.max(1024, rows * 2);
          const fresh = gen !== buffer.generation || usedWeight !== w || smoothed.length !== n;
          smoothed = ys.map((_, s) => {
            const a = new Float64Array(cap);
            if (!fresh && smoothed[s]) a.set(smoothed[s]!.subarray(0, states[s]!.done));
            return a;
          });
          if (fresh) states = ys.map(() => emaStart());
          gen = buffer.generation;
          usedWeight = w;
        }
        ys.forEach((y, s) => emaInto(y, smoothed[s]!, w, states[s]!, rows));
        columns = [...ys, ...smoothed.map((a) => a.subarray(0, rows))];
        masks = [...absent, ...absent];
      }
      const d = buildDisplay(x, columns, masks, { logX, logY, range: zoom.current, pixels: u.bbox.width / (devicePixelRatio || 1) || el.clientWidth });
      const nan = nanMarks === 'first' ? ys.slice(0, n).map((y, s) => nanRunStarts(x, y, absent[s] ?? null, zoom.current)) : d.nanMarks.slice(0, n);
      marks.current = { nan, low: d.lowMarks.slice(0, n) };
      u.setData(d.data as unknown as uPlot.AlignedData);
      el.dataset.seriesCount = String(n);
      el.dataset.points = absent.map((m) => (m ? rows - m.reduce((a, b) => a + b, 0) : rows)).join(',');
      el.dataset.nanMarks = String(marks.current.nan.reduce((a, m) => a + m.length, 0));
      el.dataset.zoomed = zoom.current ? 'true' : 'false';
    };
    // a rebuild reads every row in view: when that gets costly (millions of rows), leave frames between
    // rebuilds so the page stays responsive; a small chart still redraws every frame
    let nextAt = 0;
    let frame = requestAnimationFrame(function tick(now) {
      if ((buffer.version !== seen || dirty.current) && now >= nextAt) {
        seen = buffer.version;
        dirty.current = false;
        const t0 = performance.now();
        rebuild();
        const cost = performance.now() - t0;
        nextAt = cost > 8 ? t0 + 3 * cost : 0;
      }
      frame = requestAnimationFrame(tick);
    });
    const resize = new ResizeObserver(() => {
      u.setSize({ width: Math.max(200, el.clientWidth), height });
      dirty.current = true;
    });
    resize.observe(el);
    // the theme's text colour for axes, followed live when the theme switches
    const themeWatch = new MutationObserver(() => {
      textColor = getComputedStyle(el).color;
      u.redraw(false);
    });
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      themeWatch.disconnect();
      u.over.removeEventListener('dblclick', onDbl);
      u.destroy();
      plot.current = null;
    };
    // labels and colours compare by content: callers may pass new arrays each render
  // eslint-disable-next-line react-hooks/exhaustive-deps -- labels and colours are compared by their joined text (callers pass new arrays each render)
  }, [buffer, labels.join('\u0000'), colors.join(','), (faint ?? []).join(','), xLabel, logX, logY, height, smoothOn, rawLabel, smoothLabel, nanMarks, yLabel, xAxisLabel]);
  const stem = fileStem(title, testId);
  return (
    <div className="live-chart-frame">
      <div ref={box} className="live-chart" data-testid={testId} data-events={events?.length ?? 0} />
      {pictureButtons ? (
        <span className="chart-picture">
          <button type="button" className="ghost small" title={t('chart.png_title')} data-testid={testId ? `${testId}-png` : undefined} onClick={() => void handle.exportPng(`${stem}.png`)}>
            PNG
          </button>
          <button type="button" className="ghost small" title={t('chart.svg_title')} data-testid={testId ? `${testId}-svg` : undefined} onClick={() => handle.exportSvg(`${stem}.svg`)}>
            SVG
          </button>
        </span>
      ) : null}
    </div>
  );
}
