/**
 * The run's numbers and charts: current epoch and step, training / test accuracy and loss of the last
 * evaluated epoch (exactly the engine's values: each tile carries data-value, data-epoch and data-step),
 * ms per step; charts of the loss of every step's mini-batch and of the per-epoch losses and accuracies
 * (charts/LiveChart over the LiveRun's SeriesBuffers). Accuracy is left out for regression.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';

import { LiveChart, type ChartEvent } from '../../charts/LiveChart';
import { LayerNormsTable } from './LayerNormsTable';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import type { LiveRun } from './liveRun';
import { useLiveSnapshot } from './useLiveSnapshot';

const TRAIN_COLOR = '#1c7ed6';
const TEST_COLOR = '#f76707';
const STEP_COLOR = '#8a93a6';

export const formatAcc = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');
export function formatLoss(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '—' : String(v);
  const a = Math.abs(v);
  return a === 0 || (a >= 1e-3 && a < 1e4) ? v.toFixed(4) : v.toExponential(3);
}
export const formatMs = (v: number): string => (Number.isFinite(v) ? (v >= 10 ? v.toFixed(1) : v.toFixed(3)) : '—');
const formatInt = (v: number): string => (Number.isFinite(v) ? String(v) : '—');

function Metric({ id, label, text, value, epoch, step }: { id: string; label: StringKey; text: string; value: number; epoch?: number; step?: number }) {
  const { t } = useI18n();
  return (
    <div className="metric" data-testid={`metric-${id}`} data-value={String(value)} {...(epoch !== undefined ? { 'data-epoch': String(epoch) } : {})} {...(step !== undefined ? { 'data-step': String(step) } : {})}>
      <span className="metric-label">{t(label)}</span>
      <span className="metric-value">{text}</span>
    </div>
  );
}

/** The height each of `count` charts gets in the space left in `box` (legend and title included). */
function useChartHeight(box: RefObject<HTMLDivElement | null>, count: number): number {
  const [h, setH] = useState(150);
  useEffect(() => {
    const el = box.current!;
    const measure = () => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const each = el.clientHeight / count - 3.4 * rem; // title and legend of each chart
      setH(Math.max(90, Math.min(320, Math.round(each / 10) * 10)));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [box, count]);
  return h;
}

/** `events`: the run's live changes, marked on the per-step chart */
export function MetricsPanel({ live, regression, events }: { live: LiveRun; regression: boolean; events?: readonly ChartEvent[] }) {
  const { t } = useI18n();
  const n = useLiveSnapshot(live.numbers);
  const [logY, setLogY] = useState(false);
  const charts = useRef<HTMLDivElement>(null);
  const height = useChartHeight(charts, regression ? 2 : 3);
  const ev = { epoch: n.evalEpoch, step: n.evalStep };
  return (
    <section className="metrics" aria-label={t('training.section.training')}>
      <div className="metric-grid">
        <Metric id="epoch" label="training.metric.epoch" text={formatInt(n.epoch)} value={n.epoch} />
        <Metric id="step" label="training.metric.step" text={formatInt(n.step)} value={n.step} />
        {!regression && <Metric id="train-acc" label="training.metric.trainAcc" text={formatAcc(n.trainAcc)} value={n.trainAcc} {...ev} />}
        {!regression && <Metric id="test-acc" label="training.metric.testAcc" text={formatAcc(n.testAcc)} value={n.testAcc} {...ev} />}
        <Metric id="train-loss" label="training.metric.trainLoss" text={formatLoss(n.trainLoss)} value={n.trainLoss} {...ev} />
        <Metric id="test-loss" label="training.metric.testLoss" text={formatLoss(n.testLoss)} value={n.testLoss} {...ev} />
        <Metric id="ms-per-step" label="training.metric.msPerStep" text={formatMs(n.msPerStep)} value={n.msPerStep} {...ev} />
        <Metric id="lr" label="training.metric.lr" text={Number.isFinite(n.lr) ? String(Number(n.lr.toPrecision(6))) : '—'} value={n.lr} step={n.step} />
      </div>
      <p className="note eval-at" data-testid="metric-eval-epoch">
        {/* the epoch tile counts the epoch being trained; the numbers are of the last one finished: say both */}
        {Number.isFinite(n.evalEpoch)
          ? n.epoch > n.evalEpoch
            ? t('training.metric.evalAtRunning', { n: n.evalEpoch, current: n.epoch })
            : t('training.metric.evalAt', { n: n.evalEpoch })
          : '\u00a0'}
      </p>
      <LayerNormsTable live={live} />
      <div className="charts" ref={charts}>
        <div className="chart">
          <div className="chart-head">
            <h3>{t('training.chart.stepLoss')}</h3>
            <label className="check">
              <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} /> {t('training.chart.log')}
            </label>
          </div>
          <LiveChart buffer={live.stepLoss} labels={[t('training.series.batchLoss')]} colors={[STEP_COLOR]} xLabel={t('training.axis.step')} xAxisLabel={false} logY={logY} height={height} testId="chart-step-loss" {...(events ? { events } : {})} />
        </div>
        <div className="chart">
          <div className="chart-head">
            <h3>{t('training.chart.epochLoss')}</h3>
          </div>
          <LiveChart buffer={live.epochLoss} labels={[t('training.series.train'), t('training.series.test')]} colors={[TRAIN_COLOR, TEST_COLOR]} xLabel={t('training.axis.epoch')} xAxisLabel={false} height={height} testId="chart-epoch-loss" />
        </div>
        {!regression && (
          <div className="chart">
            <div className="chart-head">
              <h3>{t('training.chart.epochAcc')}</h3>
            </div>
            <LiveChart buffer={live.epochAcc} labels={[t('training.series.train'), t('training.series.test')]} colors={[TRAIN_COLOR, TEST_COLOR]} xLabel={t('training.axis.epoch')} xAxisLabel={false} height={height} testId="chart-epoch-acc" />
          </div>
        )}
      </div>
    </section>
  );
}
