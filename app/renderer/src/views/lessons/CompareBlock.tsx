/**
 * Good and bad settings side by side: both runs started together, each with its metric's latest value,
 * and the better one marked once both have ended (by the series' own direction in the lab's descriptor).
 */
import { useMemo } from 'react';

import { LABS } from '../../../../../src/labs/index';
import { seriesSpec } from '../../../../../src/labs/kit';
import type { Block } from '../../../../../src/lessons/format';
import { compactNumber } from '../../../../../src/format/number';
import { usePolled } from '../../controls/usePolled';
import { useRunControl } from '../../controls/useRunControl';
import { useI18n } from '../../i18n/i18n';
import { WatchedRun, watchSnapshot, watchVersion } from './watchedRun';

type Compare = Extract<Block, { kind: 'compare' }>;

function useSide(lab: string) {
  const watch = useMemo(() => new WatchedRun(null), []);
  const run = useRunControl(lab, watch.sink, 0);
  const snap = usePolled(watch, watchVersion, watchSnapshot, 150);
  return { run, snap };
}

export function CompareBlock({ block, index }: { block: Compare; index: number }) {
  const { t } = useI18n();
  const good = useSide(block.good.lab);
  const bad = useSide(block.bad.lab);
  const better = seriesSpec(LABS.find((d) => d.id === block.good.lab)!, block.metric)?.better ?? null;
  const going = [good, bad].some((s) => s.run.phase === 'starting' || s.run.phase === 'running');
  const g = good.snap.last.get(block.metric), b = bad.snap.last.get(block.metric);
  const bothEnded = good.run.phase === 'ended' && bad.run.phase === 'ended';
  const winner = bothEnded && g !== undefined && b !== undefined && better !== null ? ((better === 'min' ? g < b : g > b) ? 'good' : 'bad') : null;
  const side = (key: 'good' | 'bad', label: string, value: number | undefined) => (
    <div className={`lesson-side ${key}${winner === key ? ' winner' : ''}`} data-testid={`lesson-compare-${index}-${key}`}>
      <strong>{label}</strong>
      <span>
        <code>{block.metric}</code> = {value === undefined ? '—' : compactNumber(value)}
      </span>
      {winner === key && <span className="lesson-better">{t('lessons.better')}</span>}
    </div>
  );
  return (
    <section className="lesson-compare">
      <h3>{t('lessons.compare_title', { text: block.caption })}</h3>
      <button
        type="button"
        disabled={going}
        data-testid={`lesson-run-${index}`}
        onClick={() => {
          good.run.controller.play(block.good.config);
          bad.run.controller.play(block.bad.config);
        }}
      >
        {t('lessons.run_both')}
      </button>
      <div className="lesson-sides">
        {side('good', block.good.label, g)}
        {side('bad', block.bad.label, b)}
      </div>
    </section>
  );
}
