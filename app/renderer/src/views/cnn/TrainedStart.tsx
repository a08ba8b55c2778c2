/**
 * The CNN lab's "Start from a trained model": the training checkpoints the app ships for the digits
 * (CheckpointStart), each setting the form to the model it was trained as (one epoch to go), so a
 * lesson or a class starts from a net that already reads digits.
 */
import { trainLab } from '../../../../../src/labs/train';
import { CheckpointStart } from '../../components/CheckpointStart';
import { useI18n } from '../../i18n/i18n';
import type { CheckpointMeta } from '../../../../../src/native/checkpoints';
import type { CnnForm } from './cnnForm';

const forDigits = (c: CheckpointMeta) => c.lab === trainLab.id && (c.config.dataset as { name?: unknown } | undefined)?.name === 'digits';
const percent = (c: CheckpointMeta) => (c.test_acc === null ? '—' : (100 * c.test_acc).toFixed(1));

export function TrainedStart(p: { form: CnnForm; disabled: boolean; onPick: (c: CheckpointMeta) => void; onDrop: () => void }) {
  const { t, lang } = useI18n();
  return (
    <CheckpointStart
      accepts={forDigits}
      current={p.form.checkpoint}
      disabled={p.disabled}
      onPick={p.onPick}
      onDrop={p.onDrop}
      start={(c) => t('cnn.trained.start', { acc: percent(c) })}
      using={(c) => t('cnn.trained.using', { name: c.names[lang === 'en' ? 'en' : 'zh'], acc: percent(c) })}
      drop={t('cnn.trained.drop')}
      prefix="cnn-trained"
    />
  );
}
