/**
 * The live chart of f per step, one line per optimizer (charts/LiveChart over a SeriesBuffer fed from
 * the trajectory store once per animation frame), with a log-scale toggle. On the log scale the chart
 * shows f − f* when the landscape's minimum f* is known (so convergence reads as a straight descent),
 * and f itself otherwise. The series are named in the card's head (uPlot's own legend is hidden to
 * leave the height to the plot). The wrapper exposes data-points (chart rows) for tests.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

import { fixedSignificant } from '../../../../../src/format/number';
import { LiveChart } from '../../charts/LiveChart';
import { SeriesBuffer } from '../../charts/SeriesBuffer';
import { useI18n } from '../../i18n/i18n';
import { appendChartRows, rebuildChartRows } from './chartRows';
import { divergedAt, type TrajectoryStore } from './TrajectoryStore';

/** Chart updates per second while a race streams (each is a full uPlot redraw of every point). */
const CHART_HZ = 8;

export interface LossChartProps {
  store: TrajectoryStore;
  labels: string[];
  colors: string[];
  /** the run has ended: every optimizer's stream is complete */
  ended: boolean;
  /** the smallest known minimum value, if any */
  fStar: number | null;
  /** changes when a new run starts (a fresh buffer) */
  runKey: string;
  /** the step the numbers panel is set to: a line across the chart there (null: none) */
  mark?: number | null;
  markLabel?: string;
}

export function LossChart(p: LossChartProps) {
  const { t } = useI18n();
  const [logY, setLogY] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(200);
  const offset = logY && p.fStar !== null ? p.fStar : 0;
  const n = p.labels.length;
  // a new buffer per run, per series count and per scale
  // eslint-disable-next-line react-hooks/exhaustive-deps -- offset and runKey decide when the buffer is rebuilt, on purpose
  const buffer = useMemo(() => new SeriesBuffer(Math.max(1, n)), [n, p.runKey, offset]);
  const latest = useRef(p);
  latest.current = p;
  const marks = useMemo(() => (p.mark === null || p.mark === undefined ? [] : [{ x: p.mark, label: p.markLabel ?? String(p.mark) }]), [p.mark, p.markLabel]);

  useEffect(() => {
    const el = box.current!;
    const ro = new ResizeObserver(() => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      setHeight(Math.max(100, Math.round(el.clientHeight - 0.2 * rem)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    let epoch = latest.current.store.epoch;
    let version = -1;
    let wasEnded = false;
    let last = -Infinity;
    let frame = requestAnimationFrame(function tick(now) {
      frame = requestAnimationFrame(tick);
      const { store, ended } = latest.current;
      if (store.epoch !== epoch) {
        epoch = store.epoch;
        buffer.clear();
      }
      // when the run ends, rows held back for a slower stream can all go in
      if ((store.version === version && ended === wasEnded) || store.tracks.length !== buffer.series) return;
      // a fast race changes the store every frame: the chart follows at most CHART_HZ times a second
      if (ended === wasEnded && now - last < 1000 / CHART_HZ) return;
      last = now;
      version = store.version;
      wasEnded = ended;
      const done = store.tracks.map((tr) => ended || divergedAt(tr));
      // a long race's tracks keep a bounded, coarser past (TrajectoryStore): the chart is drawn again from what they keep
      if (store.tracks.some((tr) => tr.generation > 0)) rebuildChartRows(buffer, store.tracks, done, offset);
      else appendChartRows(buffer, store.tracks, done, offset);
      if (box.current) {
        box.current.dataset.points = String(buffer.length);
        // the largest f the chart holds (a spike must survive the tracks' compaction)
        let fmax = -Infinity;
        for (const tr of store.tracks) for (const v of tr.column('f') ?? []) if (v > fmax) fmax = v;
        box.current.dataset.fmax = String(fmax);
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [buffer, offset]);

  return (
    <section className="pg-card pg-chart">
      <div className="pg-card-head">
        <h2>{t('playground.chart.title')}</h2>
        <label className="pg-check">
          <input type="checkbox" data-testid="pg-log" checked={logY} onChange={(e) => setLogY(e.target.checked)} /> {t('playground.chart.log')}
        </label>
      </div>
      <div className="pg-chart-legend">
        {p.labels.map((label, i) => (
          <span key={i} className="pg-legend-item">
            <span className="pg-swatch" style={{ background: p.colors[i] }} />
            {label}
          </span>
        ))}
        {logY && p.fStar !== null && <span className="pg-help">{t('playground.chart.gap', { f: fixedSignificant(p.fStar) })}</span>}
      </div>
      <div ref={box} className="pg-chart-box" data-testid="pg-chart" data-points="0">
        <LiveChart buffer={buffer} labels={p.labels} colors={p.colors} xLabel={t('playground.numbers.step')} xAxisLabel={false} logY={logY} height={height} nanMarks="first" events={marks} />
      </div>
    </section>
  );
}
