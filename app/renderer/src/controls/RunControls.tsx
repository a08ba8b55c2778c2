/**
 * Play / pause, step, reset and a speed choice, the same in every lab, with the keyboard shortcuts of
 * useLabKeys (shown as a hint). `running` decides which of play / pause shows; step is only offered while
 * not running (the engine steps a paused session). Speeds are steps per second; 0 = as fast as it goes.
 */
import { useI18n } from '../i18n/i18n';
import { useLabKeys } from './useLabKeys';

export interface RunControlsProps {
  running: boolean;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
  /** steps per second; omit both to hide the speed choice */
  speed?: number;
  speeds?: number[];
  onSpeed?: (stepsPerSecond: number) => void;
  disabled?: boolean;
}

export function RunControls(p: RunControlsProps) {
  const { t } = useI18n();
  const toggle = () => (p.running ? p.onPause() : p.onPlay());
  useLabKeys({
    onToggle: p.disabled ? undefined : toggle,
    onStep: p.disabled || p.running ? undefined : p.onStep,
    onReset: p.disabled ? undefined : p.onReset,
  });
  return (
    <div className="run-controls" role="toolbar" aria-label={t('control.toolbar')}>
      {/* one button, as wide as the wider of its two labels (the hidden one still takes its place), so
          Play → Pause moves nothing (#11 defect 9: it widened and shifted the map by 12 px) */}
      <button type="button" className="primary play-pause" onClick={p.running ? p.onPause : p.onPlay} disabled={p.disabled} data-running={p.running}>
        <span className={p.running ? 'hidden-label' : undefined}>{t('control.play')}</span>
        <span className={p.running ? undefined : 'hidden-label'}>{t('control.pause')}</span>
      </button>
      <button type="button" onClick={p.onStep} disabled={p.disabled || p.running}>
        {t('control.step')}
      </button>
      <button type="button" onClick={p.onReset} disabled={p.disabled}>
        {t('control.reset')}
      </button>
      {p.speeds && p.onSpeed && (
        <label className="speed">
          {t('control.speed')}{' '}
          <select value={p.speed} onChange={(e) => p.onSpeed!(Number(e.target.value))}>
            {p.speeds.map((s) => (
              <option key={s} value={s}>
                {s === 0 ? t('control.speed.max') : t('control.speed.per_s', { n: s })}
              </option>
            ))}
          </select>
        </label>
      )}
      <span className="keys-hint">{t('keys.hint')}</span>
    </div>
  );
}
