/** The race's latest step as a short live label ("step 137"), following the store a few times a second. */
import { useI18n } from '../../i18n/i18n';
import type { TrajectoryStore } from './TrajectoryStore';
import { useStoreTick } from './useStoreTick';

export function StepCounter({ store }: { store: TrajectoryStore }) {
  const { t } = useI18n();
  useStoreTick(store, 100);
  const k = store.lastStep();
  return (
    <span className="pg-step-counter" data-testid="pg-step" data-step={k}>
      {k >= 0 ? t('playground.run.step', { n: k }) : ''}
    </span>
  );
}
