/**
 * "Thin this run" (#15) for a finished run: keeps every k-th point, each k-block's extremes, NaN/±Inf
 * and the ends (runs/thin; experiments/thin.ts). It asks first (it cannot be undone: export a bundle to
 * keep the full run), then says what it kept; the run's history records it.
 */
import { useState } from 'react';

import { formatBytes } from '../../../../../src/format/number';
import type { Run } from '../../../../../src/experiments/run-types';
import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';

const ACTIVE = new Set(['queued', 'running', 'paused']);

export function ThinRun({ run, size, onThinned }: { run: Run; size: number | null; onThinned: () => void }) {
  const client = useClient();
  const { t } = useI18n();
  const [text, setText] = useState('10');
  const [asking, setAsking] = useState(false);
  // kept as what to say, not the words, so a change of language re-words it
  const [note, setNote] = useState<{ ok: true; kept: number; of: number } | { ok: false; text: string } | null>(null);
  const k = Number(text);
  const ok = Number.isInteger(k) && k >= 2 && k <= 1_000_000;
  if (ACTIVE.has(run.status)) return null;
  const thin = async () => {
    setAsking(false);
    try {
      const r = await client.request('runs/thin', { id: run.id, every: k });
      setNote({ ok: true, kept: r.kept, of: r.of });
      onThinned();
    } catch (e) {
      setNote({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <div className="thin-run" data-testid="thin-run">
      <h3>
        {t('experiments.thin.title')} {size !== null && <span className="muted small">({formatBytes(size)})</span>}
      </h3>
      <div className="row">
        <span>{t('experiments.thin.every')}</span>
        <input type="text" inputMode="numeric" value={text} aria-invalid={!ok} aria-label={t('experiments.thin.every')} data-testid="thin-every" onChange={(e) => setText(e.target.value)} />
        <button type="button" data-testid="thin-go" disabled={!ok} onClick={() => setAsking(true)}>
          {t('experiments.thin.go')}
        </button>
      </div>
      {!ok && <span className="field-error">{t('field.expected', { what: t('experiments.thin.invalid') })}</span>}
      {asking && (
        <div className="confirm" role="alertdialog" aria-label={t('experiments.thin.confirm', { k })}>
          <span>{t('experiments.thin.confirm', { k })}</span>
          <button type="button" className="danger solid" data-testid="thin-yes" onClick={() => void thin()}>
            {t('experiments.thin.yes')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('experiments.editor.cancel')}
          </button>
        </div>
      )}
      {note && (
        <p className={note.ok ? 'saved' : 'field-error'} role={note.ok ? 'status' : 'alert'} data-testid="thin-note">
          {note.ok ? t('experiments.thin.done', { kept: note.kept, of: note.of }) : note.text}
        </p>
      )}
    </div>
  );
}
