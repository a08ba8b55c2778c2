/**
 * What a group of fields says while a run is under way and they cannot change (#11: they went grey
 * without a word): "Reset to apply", shown above the group. Nothing when no run is going.
 */
import { useI18n } from '../i18n/i18n';

export function ResetToApply({ live, testId }: { live: boolean; testId?: string }) {
  const { t } = useI18n();
  if (!live) return null;
  return (
    <p className="reset-to-apply" role="note" data-testid={testId ?? 'reset-to-apply'}>
      {t('field.reset_to_apply')}
    </p>
  );
}
