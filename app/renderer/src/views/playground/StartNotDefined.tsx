/**
 * Says why a race stopped at once when f is not a number at its start (log(x) + y² from x < 0): each
 * optimizer "diverged at step 0" without a word on the cause before (#11 defect 10).
 */
import { useI18n } from '../../i18n/i18n';
import { compactNumber } from '../../../../../src/format/number';
import type { TrajectoryStore } from './TrajectoryStore';
import { useStoreTick } from './useStoreTick';

export function StartNotDefined({ store }: { store: TrajectoryStore }) {
  const { t } = useI18n();
  useStoreTick(store, 250);
  const first = store.tracks.find((tr) => tr.length > 0);
  if (!first || Number.isFinite(first.value('f', 0))) return null;
  const f = first.value('f', 0);
  return (
    <div className="field-error pg-run-error" role="alert" data-testid="pg-start-nan">
      {t('playground.start_nan', { x: compactNumber(first.value('x', 0)), y: compactNumber(first.value('y', 0)), f: Number.isNaN(f) ? 'NaN' : f > 0 ? '∞' : '−∞' })}
    </div>
  );
}
