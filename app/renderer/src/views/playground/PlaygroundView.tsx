/** Placeholder until the playground view is built (the desktop UI issue). */
import { useI18n } from '../../i18n/i18n';

export default function PlaygroundView() {
  const { t } = useI18n();
  return <p className="placeholder">{t('playground.soon')}</p>;
}
