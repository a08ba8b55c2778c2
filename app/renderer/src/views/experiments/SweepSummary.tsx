/**
 * A sweep's summary above the overlay: its runs ranked by a metric of the lab's (final or best, as the
 * table shows), with the hyper-parameters they vary in words, the best run marked; and, when two of
 * the parameters vary, a heatmap of the metric over them (each cell the mean or the best of its runs —
 * over seeds or the other parameters — with its value written in it). src/experiments/sweep-summary.ts
 * does the arithmetic.
 */
import { useMemo, useState } from 'react';

import { labOf } from '../../../../../src/labs/index';
import type { Run, SweepInfo } from '../../../../../src/experiments/run-types';
import { summarizeSweep, summaryGrid, summaryMetrics, type SummaryGrid } from '../../../../../src/experiments/sweep-summary';
import { significantText } from '../../../../../src/format/number';
import { rampAt, VIRIDIS } from '../../charts/colorRamp';
import { useI18n } from '../../i18n/i18n';
import { fmtValue } from './format';
import { statusLabel } from './labels';
import { titleOver } from './seriesTitles';
import type { MetricMode } from './RunTable';

export interface SweepSummaryProps {
  sweep: SweepInfo | undefined;
  sweepId: number;
  runs: readonly Run[];
  metricMode: MetricMode;
  onSelect: (id: number) => void;
  onCheck: (ids: number[], on: boolean) => void;
}

export function SweepSummary({ sweep, sweepId, runs, metricMode, onSelect, onCheck }: SweepSummaryProps) {
  const { t, lang } = useI18n();
  const words = lang === 'en' ? 'en' : 'zh';
  const lab = sweep?.lab || runs[0]?.lab || '';
  const d = labOf(lab);
  const metrics = useMemo(() => summaryMetrics(d, runs), [d, runs]);
  const [metricName, setMetricName] = useState<string | null>(null);
  const metric = metrics.find((m) => m.name === metricName) ?? metrics[0];
  const summary = useMemo(() => (metric ? summarizeSweep(runs, metric.name, metric.better, metricMode) : null), [runs, metric, metricMode]);
  const [axes, setAxes] = useState<{ x: string; y: string } | null>(null);
  const [reduce, setReduce] = useState<'mean' | 'best'>('mean');
  const params = summary?.params ?? [];
  const x = axes && params.includes(axes.x) ? axes.x : params[1];
  const y = axes && params.includes(axes.y) && axes.y !== x ? axes.y : params.find((p) => p !== x);
  const grid = useMemo(() => (summary && x && y ? summaryGrid(summary, x, y, reduce) : null), [summary, x, y, reduce]);

  // a parameter in words: the lab's name for it (sweep fields of the first run's config), else its path
  const paramLabel = useMemo(() => {
    const fields = d && runs[0] ? d.sweepFields(runs[0].config as Record<string, unknown>) : [];
    return (p: string) => fields.find((f) => f.path === p)?.label[words] ?? p;
  }, [d, runs, words]);
  // a member named alike in every run keeps its name ("adam 0.01 · f"), else the generic one ("optimizer 1 · f")
  const metricLabel = (name: string) => titleOver(name, runs, lang);

  const title = sweep ? t('experiments.summary.title', { id: sweep.id, name: sweep.name }) : t('experiments.summary.title_id', { id: sweepId });
  if (!summary || !metric)
    return (
      <section className="sweep-summary" data-testid="sweep-summary">
        <h3>{title}</h3>
        <p className="muted">{runs.length === 0 ? t('experiments.summary.no_runs') : t('experiments.summary.no_metric')}</p>
      </section>
    );
  const done = summary.rows.filter((r) => r.metric !== null).length;
  return (
    <section className="sweep-summary" data-testid="sweep-summary">
      <div className="summary-head">
        <h3>{title}</h3>
        <label>
          {t('experiments.summary.metric')}
          <select data-testid="summary-metric" value={metric.name} onChange={(e) => setMetricName(e.target.value)}>
            {metrics.map((m) => (
              <option key={m.name} value={m.name}>
                {metricLabel(m.name)} ({t(m.better === 'min' ? 'experiments.summary.lower' : 'experiments.summary.higher')})
              </option>
            ))}
          </select>
        </label>
        <span className="muted">{t('experiments.summary.done', { done, n: summary.rows.length, mode: t(metricMode === 'best' ? 'experiments.metrics.best' : 'experiments.metrics.final') })}</span>
        <button type="button" className="ghost small" data-testid="summary-tick-all" onClick={() => onCheck(summary.rows.map((r) => r.id), true)}>
          {t('experiments.summary.tick_all')}
        </button>
      </div>
      <div className="summary-body">
        <div className="summary-table-wrap">
          <table className="summary-table" data-testid="summary-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('experiments.summary.run')}</th>
                {params.map((p) => (
                  <th key={p} title={p}>
                    {paramLabel(p)}
                  </th>
                ))}
                <th>{metricLabel(metric.name)}</th>
              </tr>
            </thead>
            <tbody>
              {summary.rows.map((r, i) => (
                <tr key={r.id} className={r.id === summary.bestId ? 'best' : undefined} data-run={r.id}>
                  <td className="num">{r.metric === null ? '' : i + 1}</td>
                  <td>
                    <button type="button" className="link" onClick={() => onSelect(r.id)}>
                      #{r.id}
                    </button>
                    {r.id === summary.bestId && <span className="best-mark"> {t('experiments.summary.best')}</span>}
                  </td>
                  {params.map((p) => (
                    <td key={p} className="mono">
                      {fmtValue(r.values[p])}
                    </td>
                  ))}
                  <td className="mono num">{r.metric === null ? statusLabel(t, r.status) : significantText(r.metric, 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {grid && (
          <div className="summary-heatmap">
            <div className="heatmap-controls">
              <ParamSelect label={t('experiments.summary.x')} testId="summary-x" value={x} params={params} name={paramLabel} onChange={(v) => setAxes({ x: v, y: y === v ? (x ?? '') : (y ?? '') })} />
              <ParamSelect label={t('experiments.summary.y')} testId="summary-y" value={y} params={params} name={paramLabel} onChange={(v) => setAxes({ x: x === v ? (y ?? '') : (x ?? ''), y: v })} />
              {params.length > 2 || grid.counts.some((row) => row.some((c) => c > 1)) ? (
                <label>
                  {t('experiments.summary.cell')}
                  <select data-testid="summary-reduce" value={reduce} onChange={(e) => setReduce(e.target.value as 'mean' | 'best')}>
                    <option value="mean">{t('experiments.summary.mean')}</option>
                    <option value="best">{t('experiments.summary.best_of')}</option>
                  </select>
                </label>
              ) : null}
            </div>
            <Heatmap grid={grid} better={summary.better} xLabel={paramLabel(grid.x)} yLabel={paramLabel(grid.y)} metricLabel={metricLabel(metric.name)} />
          </div>
        )}
      </div>
    </section>
  );
}

/** A choice among the varied parameters, named in words. */
function ParamSelect(p: { label: string; testId: string; value: string | undefined; params: string[]; name: (path: string) => string; onChange: (path: string) => void }) {
  return (
    <label>
      {p.label}
      <select data-testid={p.testId} value={p.value} onChange={(e) => p.onChange(e.target.value)}>
        {p.params.map((path) => (
          <option key={path} value={path}>
            {p.name(path)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The grid as a table of coloured cells: the better end of the metric is bright, each cell says its value (and its number of runs when more than one). */
function Heatmap({ grid, better, xLabel, yLabel, metricLabel }: { grid: SummaryGrid; better: 'min' | 'max'; xLabel: string; yLabel: string; metricLabel: string }) {
  const { t } = useI18n();
  const finite = grid.cells.flat().filter((v): v is number => v !== null);
  const lo = Math.min(...finite),
    hi = Math.max(...finite);
  const u = (v: number) => (hi > lo ? (v - lo) / (hi - lo) : 1);
  return (
    <table className="heatmap" data-testid="summary-heatmap" aria-label={t('experiments.summary.heatmap_label', { metric: metricLabel, x: xLabel, y: yLabel })}>
      <caption>{t('experiments.summary.heatmap_caption', { metric: metricLabel, better: t(better === 'min' ? 'experiments.summary.lower' : 'experiments.summary.higher') })}</caption>
      <thead>
        <tr>
          <th className="corner">
            {yLabel} ╲ {xLabel}
          </th>
          {grid.xs.map((v, i) => (
            <th key={i} className="mono">
              {fmtValue(v)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.ys.map((yv, j) => (
          <tr key={j}>
            <th className="mono">{fmtValue(yv)}</th>
            {grid.xs.map((_, i) => {
              const v = grid.cells[j]![i]!;
              const n = grid.counts[j]![i]!;
              if (v === null) return <td key={i} className="empty">—</td>;
              const [r, g, b] = rampAt(VIRIDIS, better === 'min' ? 1 - u(v) : u(v));
              const light = 0.299 * r + 0.587 * g + 0.114 * b > 140;
              return (
                <td key={i} className="mono" style={{ background: `rgb(${r}, ${g}, ${b})`, color: light ? '#111' : '#fff' }} data-value={v}>
                  {significantText(v, 3)}
                  {n > 1 && <span className="n"> ×{n}</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
