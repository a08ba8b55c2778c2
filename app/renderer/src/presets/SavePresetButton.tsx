/**
 * "Save as preset": downloads a view's current settings as a preset file (presetFiles.ts), or says
 * (as its tooltip, disabled) why they cannot be one yet. Hidden in the presenter layout (.advanced).
 * `config` null: the form has a field to fix, so there is nothing to save.
 */
import { useI18n } from '../i18n/i18n';
import { presetProblem, savePresetFile } from './presetFiles';

export function SavePresetButton({ lab, config, testId }: { lab: string; config: (() => Record<string, unknown>) | null; testId: string }) {
  const { t } = useI18n();
  const value = config?.() ?? null;
  const problem = value === null ? null : presetProblem(lab, value);
  return (
    <button
      type="button"
      className="ghost advanced lab-save-preset"
      data-testid={testId}
      disabled={value === null || problem !== null}
      title={t(problem === null ? 'preset.save_hint' : 'preset.cannot_save')}
      onClick={() => value && savePresetFile(lab, value)}
    >
      {t('preset.save')}
    </button>
  );
}
