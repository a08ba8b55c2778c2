/** Placeholder until the graph view is built (the desktop UI issue). */
import { useI18n } from '../../i18n/i18n';

export default function GraphView() {
  const { t } = useI18n();
  return <p className="placeholder">{t('graph.soon')}</p>;
}
