/**
 * The bar over a lab view's stage, the same in every lab built on the kit: play / pause, step, reset and
 * the speed (RunControls; the bar keeps the choice; play and step resume a paused run or start one of the
 * form's config), anything the lab adds beside them, the run's state in words (data-status:
 * the host's word), why Play is blocked, the lab's other going runs (ActiveRuns) and a refusal from the
 * host. Test ids are "<prefix>-status", "<prefix>-blocked" and "<prefix>-error".
 */
import { useState, type ReactNode } from 'react';

import { ErrorDetails, splitError } from '../components/ErrorMessage';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { ActiveRuns } from './ActiveRuns';
import { SavePresetButton } from '../presets/SavePresetButton';
import { RunControls } from './RunControls';
import type { RunOutcome, RunPhase } from './runController';
import type { RunControl } from './useRunControl';

/** The run's state as a shared status string. */
export function runStatusKey(phase: RunPhase, outcome: RunOutcome | null): StringKey {
  if (phase !== 'ended') return `lab.status.${phase}`;
  switch (outcome?.status) {
    case 'completed':
    case 'diverged':
    case 'failed':
    case 'interrupted':
      return `lab.status.${outcome.status}`;
    default:
      return 'lab.status.stopped';
  }
}

export interface LabRunBarProps {
  prefix: string;
  lab: string;
  run: RunControl;
  /** a new run's config, null while the form has a field to fix (a paused run resumes with its own) */
  config: unknown;
  /** clears what the view marked for the run it leaves (a decoded point, a chosen row): on a new run and on reset */
  onLeave?: () => void;
  /** steps per second to offer (0: as fast as it goes, the first choice) */
  speeds: number[];
  /** controls of the lab's own, between the run controls and the status */
  children?: ReactNode;
}

export function LabRunBar(p: LabRunBarProps) {
  const { t } = useI18n();
  const { run } = p;
  const c = run.controller;
  const valid = p.config !== null;
  const [speed, setSpeed] = useState(p.speeds[0] ?? 0);
  /** play or step: the paused run goes on; otherwise a new run of the form's config, when it is good */
  const go = (how: 'play' | 'step') => {
    if (run.phase !== 'paused') {
      if (!valid) return;
      p.onLeave?.();
    }
    if (how === 'play') c.play(p.config);
    else c.step(p.config);
  };
  return (
    <>
      <div className="lab-run-bar">
        <RunControls
          running={run.phase === 'running' || run.phase === 'starting'}
          onPlay={() => go('play')}
          onPause={() => c.pause()}
          onStep={() => go('step')}
          onReset={() => {
            p.onLeave?.();
            c.reset();
          }}
          speed={speed}
          speeds={p.speeds}
          onSpeed={(s) => {
            setSpeed(s);
            c.setSpeed(s);
          }}
          disabled={!run.live && !valid && run.phase !== 'ended'}
        />
        {p.children}
        <span className="lab-run-status" data-testid={`${p.prefix}-status`} data-status={run.outcome?.status ?? run.phase}>
          {t(runStatusKey(run.phase, run.outcome))}
        </span>
      </div>
      {!valid && !run.live && (
        <p className="field-error" role="alert" data-testid={`${p.prefix}-blocked`}>
          {t('lab.blocked')}
        </p>
      )}
      {p.config !== null && <SavePresetButton testId={`${p.prefix}-save-preset`} lab={p.lab} config={() => p.config as Record<string, unknown>} />}
      <ActiveRuns lab={p.lab} own={run.runId} />
      {run.error && (
        <p className="field-error" role="alert" data-testid={`${p.prefix}-error`}>
          {t('lab.refused', { reason: splitError(run.error).text })}
          <ErrorDetails message={run.error} />
        </p>
      )}
    </>
  );
}
