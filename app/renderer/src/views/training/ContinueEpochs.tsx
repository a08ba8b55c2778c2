/**
 * "Continue for N more epochs" (#11) beside a paused or ended training run: a paused run's budget grows
 * and it resumes; an ended run's weights start a new run of N epochs (useTrainingRun.continueEpochs).
 * A count that is not a whole number in [1, 100 000] holds the button and says why.
 */
import { useState } from 'react';

import { useI18n } from '../../i18n/i18n';

export function ContinueEpochs({ onContinue, ended }: { onContinue: (n: number) => void; ended: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState('10');
  const n = Number(text);
  const ok = text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 100_000;
  return (
    <div className="continue-epochs" data-testid="continue-epochs">
      <label>
        {t('training.continue.before')}
        <input
          type="text"
          inputMode="numeric"
          value={text}
          aria-invalid={!ok}
          data-testid="continue-epochs-n"
          onChange={(e) => setText(e.target.value)}
        />
        {t('training.continue.after')}
      </label>
      <button type="button" data-testid="continue-epochs-go" disabled={!ok} onClick={() => onContinue(n)} title={ended ? t('training.continue.ended_hint') : undefined}>
        {t(ended ? 'training.continue.new_run' : 'training.continue.go')}
      </button>
      {!ok && (
        <span className="field-error" role="alert">
          {t('field.expected', { what: t('training.continue.expected') })}
        </span>
      )}
    </div>
  );
}
