/**
 * "Start from a trained model": the shipped checkpoints a lab can start from (`checkpoints/list`,
 * filtered by the lab), one button each; while the lab's form holds one, a note says so and offers to
 * start from random weights instead. The CNN and GAN labs give it their words (TrainedStart,
 * GanTrainedStart).
 */
import { useEffect, useState } from 'react';

import { useClient } from '../connection/ClientProvider';
import type { CheckpointMeta } from '../../../../src/native/checkpoints';

export interface CheckpointStartProps {
  /** which shipped checkpoints this lab can start from */
  accepts: (c: CheckpointMeta) => boolean;
  /** the checkpoint the form holds now */
  current: string | undefined;
  disabled: boolean;
  onPick: (c: CheckpointMeta) => void;
  onDrop: () => void;
  /** the button's words for a checkpoint; the note's while one is held; the way back */
  start: (c: CheckpointMeta) => string;
  using: (c: CheckpointMeta) => string;
  drop: string;
  /** class and test ids: `${prefix}`, `${prefix}-<id>`, `${prefix}-drop` */
  prefix: string;
}

export function CheckpointStart(p: CheckpointStartProps) {
  const client = useClient();
  const [list, setList] = useState<CheckpointMeta[]>([]);
  const { accepts } = p;
  useEffect(() => {
    let live = true;
    client.request('checkpoints/list', {}).then(
      (r) => live && setList((r as { checkpoints: CheckpointMeta[] }).checkpoints.filter(accepts)),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, [client, accepts]);
  if (list.length === 0) return null;
  const current = list.find((c) => c.id === p.current);
  return (
    <div className={p.prefix} data-testid={p.prefix} data-checkpoint={p.current ?? ''}>
      {current ? (
        <p>
          {p.using(current)}{' '}
          <button type="button" className="ghost" disabled={p.disabled} onClick={p.onDrop} data-testid={`${p.prefix}-drop`}>
            {p.drop}
          </button>
        </p>
      ) : (
        list.map((c) => (
          <button key={c.id} type="button" disabled={p.disabled} onClick={() => p.onPick(c)} data-testid={`${p.prefix}-${c.id}`}>
            {p.start(c)}
          </button>
        ))
      )}
    </div>
  );
}
