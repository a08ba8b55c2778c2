/**
 * "Start from a trained model" for the digits GAN: the GAN checkpoints the app ships (`checkpoints/list`,
 * lab "gan"), each setting the form to the nets it was trained as (2 000 more steps to go), so a lesson
 * starts from a generator that already draws digits and a discriminator that knows them; while the form
 * holds one, a note says so and offers to start fresh.
 */
import { useEffect, useState } from 'react';

import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';
import type { CheckpointMeta } from '../../../../../src/native/checkpoints';

export function GanTrainedStart(p: { checkpoint: string | undefined; disabled: boolean; onPick: (c: CheckpointMeta) => void; onDrop: () => void }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const [list, setList] = useState<CheckpointMeta[]>([]);
  useEffect(() => {
    let live = true;
    client.request('checkpoints/list', {}).then(
      (r) => live && setList((r as { checkpoints: CheckpointMeta[] }).checkpoints.filter((c) => c.lab === 'gan')),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, [client]);
  if (list.length === 0) return null;
  const current = list.find((c) => c.id === p.checkpoint);
  const steps = (c: CheckpointMeta) => String((c.config.steps as number | undefined) ?? '?');
  return (
    <div className="gan-trained" data-testid="gan-trained" data-checkpoint={p.checkpoint ?? ''}>
      {current ? (
        <p>
          {t('gan.trained.using', { name: current.names[lang === 'en' ? 'en' : 'zh'], steps: steps(current) })}{' '}
          <button type="button" className="ghost" disabled={p.disabled} onClick={p.onDrop} data-testid="gan-trained-drop">
            {t('gan.trained.drop')}
          </button>
        </p>
      ) : (
        list.map((c) => (
          <button key={c.id} type="button" disabled={p.disabled} onClick={() => p.onPick(c)} data-testid={`gan-trained-${c.id}`}>
            {t('gan.trained.start', { steps: steps(c) })}
          </button>
        ))
      )}
    </div>
  );
}
