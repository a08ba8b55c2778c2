/** Placeholder until the training view is built (the desktop UI issue). */
import { useI18n } from '../../i18n/i18n';

export default function TrainingView() {
  const { t } = useI18n();
  return <p className="placeholder">{t('training.soon')}</p>;
}
