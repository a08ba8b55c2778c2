/**
 * The GAN lab's "Start from a trained model" on the digits: the GAN checkpoints the app ships
 * (CheckpointStart), each setting the form to the nets it was trained as (2 000 more steps to go), so a
 * lesson starts from a generator that already draws digits and a discriminator that knows them.
 */
import { ganLab } from '../../../../../src/labs/gan';
import { CheckpointStart } from '../../components/CheckpointStart';
import { useI18n } from '../../i18n/i18n';
import type { CheckpointMeta } from '../../../../../src/native/checkpoints';

const forGan = (c: CheckpointMeta) => c.lab === ganLab.id;
const steps = (c: CheckpointMeta) => String((c.config.steps as number | undefined) ?? '?');

export function GanTrainedStart(p: { checkpoint: string | undefined; disabled: boolean; onPick: (c: CheckpointMeta) => void; onDrop: () => void }) {
  const { t, lang } = useI18n();
  return (
    <CheckpointStart
      accepts={forGan}
      current={p.checkpoint}
      disabled={p.disabled}
      onPick={p.onPick}
      onDrop={p.onDrop}
      start={(c) => t('gan.trained.start', { steps: steps(c) })}
      using={(c) => t('gan.trained.using', { name: c.names[lang === 'en' ? 'en' : 'zh'], steps: steps(c) })}
      drop={t('gan.trained.drop')}
      prefix="gan-trained"
    />
  );
}
