/**
 * "Start from a trained model": the checkpoints the app ships for the digits (`checkpoints/list`), each
 * setting the form to the model it was trained as (one epoch to go), so a lesson or a class starts from
 * a net that already reads digits; while the form holds one, a note says so and offers to start fresh.
 */
import { useEffect, useState } from 'react';

import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';
import type { CheckpointMeta } from '../../../../../src/native/checkpoints';
import type { CnnForm } from './cnnForm';

export function TrainedStart(p: { form: CnnForm; disabled: boolean; onPick: (c: CheckpointMeta) => void; onDrop: () => void }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const [list, setList] = useState<CheckpointMeta[]>([]);
  useEffect(() => {
    let live = true;
    client.request('checkpoints/list', {}).then(
      (r) => live && setList((r as { checkpoints: CheckpointMeta[] }).checkpoints.filter((c) => c.lab === 'train' && (c.config.dataset as { name?: unknown } | undefined)?.name === 'digits')),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, [client]);
  const current = list.find((c) => c.id === p.form.checkpoint);
  if (list.length === 0) return null;
  return (
    <div className="cnn-trained" data-testid="cnn-trained" data-checkpoint={p.form.checkpoint ?? ''}>
      {current ? (
        <p>
          {t('cnn.trained.using', { name: current.names[lang === 'en' ? 'en' : 'zh'], acc: current.test_acc === null ? '—' : (100 * current.test_acc).toFixed(1) })}{' '}
          <button type="button" className="ghost" disabled={p.disabled} onClick={p.onDrop} data-testid="cnn-trained-drop">
            {t('cnn.trained.drop')}
          </button>
        </p>
      ) : (
        list.map((c) => (
          <button key={c.id} type="button" disabled={p.disabled} onClick={() => p.onPick(c)} data-testid={`cnn-trained-${c.id}`}>
            {t('cnn.trained.start', { acc: c.test_acc === null ? '—' : (100 * c.test_acc).toFixed(1) })}
          </button>
        ))
      )}
    </div>
  );
}
