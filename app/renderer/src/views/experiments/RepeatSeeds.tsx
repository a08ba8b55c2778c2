/**
 * "Repeat over seeds" (#11) for a stored run: the same settings with seeds 1…N as one sweep
 * (sweeps/start with a grid over the lab's seed field), so the overlay can draw their mean ± std
 * (seedGroups.ts). A count outside 2–50 holds the button and says why.
 */
import { useState } from 'react';

import type { Run } from '../../../../../src/experiments/run-types';
import { labOf } from '../../../../../src/labs/index';
import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';

export function RepeatSeeds({ run, onStarted }: { run: Run; onStarted: () => void }) {
  const client = useClient();
  const { t } = useI18n();
  const [text, setText] = useState('5');
  const [busy, setBusy] = useState(false);
  // kept as what to say, not the words, so a change of language re-words it
  const [note, setNote] = useState<{ ok: true; id: number; n: number } | { ok: false; text: string } | null>(null);
  const n = Number(text);
  const ok = Number.isInteger(n) && n >= 2 && n <= 50;
  const seedPath = labOf(run.lab)?.seedPath ?? 'seed';
  const start = async () => {
    setBusy(true);
    setNote(null);
    try {
      const seeds = Array.from({ length: n }, (_, i) => i + 1);
      const r = await client.request('sweeps/start', { lab: run.lab, name: `${run.name} × ${n} seeds`, base: run.config, grid: { [seedPath]: seeds } });
      setNote({ ok: true, id: r.sweepId, n: r.runIds.length });
      onStarted();
    } catch (e) {
      setNote({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="repeat-seeds" data-testid="repeat-seeds">
      <h3>{t('experiments.seeds.title')}</h3>
      <div className="row">
        <input type="text" inputMode="numeric" value={text} aria-invalid={!ok} aria-label={t('experiments.seeds.count')} data-testid="repeat-seeds-n" onChange={(e) => setText(e.target.value)} />
        <span>{t('experiments.seeds.count')}</span>
        <button type="button" data-testid="repeat-seeds-go" disabled={!ok || busy} onClick={() => void start()}>
          {t('experiments.seeds.go', { n: ok ? n : '…' })}
        </button>
      </div>
      {!ok && <span className="field-error">{t('field.expected', { what: t('experiments.seeds.invalid') })}</span>}
      <p className="muted small">{t('experiments.seeds.note', { n: ok ? n : 'N' })}</p>
      {note && (
        <p className={note.ok ? 'saved' : 'field-error'} role={note.ok ? 'status' : 'alert'} data-testid="repeat-seeds-note">
          {note.ok ? t('experiments.seeds.started', { id: note.id, n: note.n }) : note.text}
        </p>
      )}
    </div>
  );
}
