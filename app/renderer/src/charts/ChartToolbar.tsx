/**
 * The controls above a LiveChart, for any view: log x, log y, smoothing (EMA weight slider; the raw
 * curve stays visible, faint), reset zoom and export PNG. State lives with the caller
 * (useChartOptions), so the chart and the toolbar stay plain:
 *   const [opts, setOpts] = useChartOptions();
 *   const chart = useRef<LiveChartHandle>(null);
 *   <ChartToolbar options={opts} onChange={setOpts} chart={chart} filename="loss.png" />
 *   <LiveChart … logX={opts.logX} logY={opts.logY} smoothing={opts.smoothing} chartRef={chart} />
 */
import { useState, type RefObject } from 'react';

import { useI18n } from '../i18n/i18n';
import type { LiveChartHandle } from './LiveChart';
import './charts.css';

export interface ChartOptions {
  logX: boolean;
  logY: boolean;
  /** EMA weight, 0 = off … 0.99 */
  smoothing: number;
}

export const DEFAULT_CHART_OPTIONS: ChartOptions = { logX: false, logY: false, smoothing: 0 };

export function useChartOptions(initial: Partial<ChartOptions> = {}) {
  return useState<ChartOptions>(() => ({ ...DEFAULT_CHART_OPTIONS, ...initial }));
}

export interface ChartToolbarProps {
  options: ChartOptions;
  onChange: (o: ChartOptions) => void;
  chart?: RefObject<LiveChartHandle | null>;
  /** the PNG's file name (default chart.png) */
  filename?: string;
  /** hide log x where x has no positive scale worth it */
  allowLogX?: boolean;
  /** data-testid prefix: `${testId}-logx`, -logy, -smoothing, -png, -reset */
  testId?: string;
}

export function ChartToolbar({ options, onChange, chart, filename = 'chart.png', allowLogX = true, testId = 'chart' }: ChartToolbarProps) {
  const { t } = useI18n();
  const set = (patch: Partial<ChartOptions>) => onChange({ ...options, ...patch });
  return (
    <div className="chart-toolbar" role="toolbar" aria-label={t('chart.toolbar')}>
      {allowLogX && (
        <label className="chart-check">
          <input type="checkbox" data-testid={`${testId}-logx`} checked={options.logX} onChange={(e) => set({ logX: e.target.checked })} /> {t('chart.log_x')}
        </label>
      )}
      <label className="chart-check">
        <input type="checkbox" data-testid={`${testId}-logy`} checked={options.logY} onChange={(e) => set({ logY: e.target.checked })} /> {t('chart.log_y')}
      </label>
      <label className="chart-smoothing">
        {t('chart.smoothing')}
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          data-testid={`${testId}-smoothing`}
          value={options.smoothing}
          onChange={(e) => set({ smoothing: Number(e.target.value) })}
        />
        <output className="chart-smoothing-value">{options.smoothing > 0 ? options.smoothing.toFixed(2) : t('chart.smoothing.off')}</output>
      </label>
      <span className="chart-hint">{t('chart.zoom_hint')}</span>
      <span className="chart-toolbar-end">
        <button type="button" className="ghost small" data-testid={`${testId}-reset`} onClick={() => chart?.current?.resetZoom()}>
          {t('chart.reset_zoom')}
        </button>
        <button type="button" className="small" data-testid={`${testId}-png`} onClick={() => void chart?.current?.exportPng(filename)}>
          {t('chart.export_png')}
        </button>
        <button type="button" className="small" data-testid={`${testId}-svg`} onClick={() => chart?.current?.exportSvg(filename.replace(/\.png$/, '') + '.svg')}>
          {t('chart.export_svg')}
        </button>
      </span>
    </div>
  );
}
