/** One optimizer's race status (running, converged, diverged…) as a translated label, following the store a few times a second. */
import type { StringKey } from '../../i18n/strings';
import { useI18n } from '../../i18n/i18n';
import type { TrajectoryStore } from './TrajectoryStore';
import { useStoreTick } from './useStoreTick';

const KNOWN = ['idle', 'queued', 'running', 'paused', 'converged', 'reached_target', 'diverged', 'completed', 'stopped', 'failed'];

export function StatusBadge({ store, status, testId }: { store: TrajectoryStore; status: () => string; testId?: string }) {
  const { t } = useI18n();
  useStoreTick(store, 250);
  const s = status();
  const key = (KNOWN.includes(s) ? `playground.status.${s}` : 'playground.status.completed') as StringKey;
  return (
    <span className={`pg-status pg-status-${s}`} data-testid={testId} data-status={s}>
      {t(key)}
    </span>
  );
}
