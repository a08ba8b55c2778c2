/** Placeholder until the experiments view is built (the desktop UI issue). */
import { useI18n } from '../../i18n/i18n';

export default function ExperimentsView() {
  const { t } = useI18n();
  return <p className="placeholder">{t('experiments.soon')}</p>;
}
