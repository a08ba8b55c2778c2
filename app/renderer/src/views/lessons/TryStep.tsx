/**
 * One "try this" step of a lesson: its instruction, a Run button that starts the step's run in the
 * lab host, the observation being watched with the observed series' latest value, and a tick (with the
 * lesson's note) once the app has seen it happen. Seen steps stay ticked (progress.ts).
 */
import { useEffect, useMemo, useRef } from 'react';

import { LABS } from '../../../../../src/labs/index';
import type { Block } from '../../../../../src/lessons/format';
import { observedSeries } from '../../../../../src/lessons/observe';
import { compactNumber } from '../../../../../src/format/number';
import { LiveChart } from '../../charts/LiveChart';
import { usePolled } from '../../controls/usePolled';
import { useRunControl } from '../../controls/useRunControl';
import { useI18n } from '../../i18n/i18n';
import { describeObservation, WithSeries } from './describe';
import { WatchedRun, watchSnapshot, watchVersion } from './watchedRun';

type Try = Extract<Block, { kind: 'try' }>;

export function TryStep({ block, index, seen, onSeen }: { block: Try; index: number; seen: boolean; onSeen: () => void }) {
  const { t } = useI18n();
  const watch = useMemo(() => new WatchedRun(block.observe, LABS.find((d) => d.id === block.run.lab)?.keyMetrics[0]?.replace('{i}', '') ?? null), [block]);
  const run = useRunControl(block.run.lab, watch.sink, 0);
  const snap = usePolled(watch, watchVersion, watchSnapshot, 150);
  const ended = useRef<number | null>(null);
  const [series] = observedSeries(block.observe);
  const what = describeObservation(block.observe, t);

  useEffect(() => {
    if (snap.fired && !seen) onSeen();
  }, [snap.fired, seen, onSeen]);
  useEffect(() => {
    if (run.phase === 'ended' && run.outcome && ended.current !== run.runId) {
      ended.current = run.runId;
      if (watch.end(run.outcome.status, run.outcome.labStatus) && !seen) onSeen();
    }
  }, [run.phase, run.outcome, run.runId, watch, seen, onSeen]);

  const going = run.phase === 'starting' || run.phase === 'running' || run.phase === 'paused';
  const lastValue = series !== undefined ? snap.last.get(series) : undefined;
  const failedThisRun = run.phase === 'ended' && !snap.fired;
  return (
    <section className={seen ? 'lesson-try seen' : 'lesson-try'} data-testid={`lesson-try-${index}`}>
      <h3>
        <span className="lesson-tick" aria-hidden="true">{seen ? '✓' : '○'}</span> {t('lessons.try_title', { text: block.text })}
      </h3>
      <div className="lesson-run">
        <button type="button" disabled={going} onClick={() => run.controller.play(block.run.config)} data-testid={`lesson-run-${index}`}>
          {going ? t('lessons.running') : run.phase === 'ended' ? t('lessons.run_again') : t('lessons.run')}
        </button>
        <span className="lesson-watch"><WithSeries text={t('lessons.watching', { what })} /></span>
        {series !== undefined && lastValue !== undefined && (
          <span className="lesson-last" translate="no" data-testid={`lesson-last-${index}`}>
            {t('lessons.last', { series, value: compactNumber(lastValue) })}
          </span>
        )}
      </div>
      {watch.charted !== null && run.phase !== 'idle' && (
        <div className="lesson-chart">
          <LiveChart buffer={watch.chart} labels={[watch.charted]} colors={['#2f6fde']} height={150} testId={`lesson-chart-${index}`} xLabel={t('lessons.chart_x')} />
        </div>
      )}
      {seen && (
        <div className="lesson-seen" data-testid={`lesson-seen-${index}`}>
          <p className="lesson-seen-what"><WithSeries text={t('lessons.seen', { what })} /></p>
          {block.note !== '' && <p>{block.note}</p>}
        </div>
      )}
      {!seen && failedThisRun && <p className="lesson-not-seen">{t('lessons.not_seen')}</p>}
      {run.error && <p className="error-message">{run.error}</p>}
    </section>
  );
}
