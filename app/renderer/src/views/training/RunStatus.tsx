/**
 * The run's state in words, in the UI's language: ready, starting, training, paused, completed (with
 * the lab's reason when it stopped by itself), stopped, diverged (said plainly, with what to try) or
 * failed (with the host's message). data-status carries the host's status word for tests.
 */
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import type { RunOutcome, RunPhase } from './useTrainingRun';

function statusKey(phase: RunPhase, outcome: RunOutcome | null): StringKey {
  if (phase === 'idle') return 'training.status.idle';
  if (phase === 'starting') return 'training.status.starting';
  if (phase === 'running') return 'training.status.running';
  if (phase === 'paused') return 'training.status.paused';
  switch (outcome?.status) {
    case 'completed':
      if (outcome.labStatus === 'reached_target') return 'training.status.reached_target';
      if (outcome.labStatus === 'early_stopped') return 'training.status.early_stopped';
      return 'training.status.completed';
    case 'diverged':
      return 'training.status.diverged';
    case 'failed':
      return 'training.status.failed';
    case 'interrupted':
      return 'training.status.interrupted';
    default:
      return 'training.status.stopped';
  }
}

export function RunStatus({ phase, outcome }: { phase: RunPhase; outcome: RunOutcome | null }) {
  const { t } = useI18n();
  const word = phase === 'ended' ? (outcome?.status ?? 'stopped') : phase;
  return (
    <p className={`run-status status-${word}`} data-testid="training-status" data-status={word} role="status">
      <span className="status-dot" aria-hidden="true" />
      {t(statusKey(phase, outcome))}
      {outcome?.status === 'failed' && outcome.detail ? ` — ${outcome.detail}` : ''}
    </p>
  );
}
