/**
 * The selected run, editable: rename, tags, notes, archive, delete (asks first), export as CSV (every
 * point) or as a run bundle (re-runs bit for bit); plus what the store knows (status history, series
 * with their point counts, seed, config). Every change goes through runs/edit / runs/delete and the
 * table reloads.
 */
import { RepeatSeeds } from './RepeatSeeds';
import { ThinRun } from './ThinRun';
import { useEffect, useState } from 'react';

import type { Results } from '../../../../../src/protocol/methods';
import type { Run } from '../../../../../src/experiments/run-types';
import { downloadData } from '../../charts/download';
import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';
import { labLabel, statusLabel } from './labels';
import { TagEditor } from './TagEditor';

export interface RunEditorProps {
  run: Run;
  onChanged: () => void;
  onDeleted: (id: number) => void;
  onClose: () => void;
  /** the run's bytes on disk (store/usage), when known */
  size?: number | null;
  /** opens the sweep form from this run's settings */
  onSweepFrom?: (run: Run) => void;
  /** shows the summary of the sweep the run belongs to */
  onShowSweep?: (sweepId: number) => void;
}

type Details = Results['runs/get'];

export function RunEditor({ run, onChanged, onDeleted, onClose, size, onSweepFrom, onShowSweep }: RunEditorProps) {
  const client = useClient();
  const { t, lang } = useI18n();
  const [name, setName] = useState(run.name);
  const [notes, setNotes] = useState(run.notes);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [details, setDetails] = useState<Details | null>(null);

  useEffect(() => {
    setName(run.name);
    setNotes(run.notes);
    setConfirming(false);
    setError(null);
    setSaved(null);
  }, [run.id, run.name, run.notes]);

  useEffect(() => {
    let alive = true;
    client.request('runs/get', { id: run.id }).then(
      (d) => alive && setDetails(d),
      () => alive && setDetails(null),
    );
    return () => {
      alive = false;
    };
  }, [client, run.id, run.status, run.steps]);

  const act = async (what: string, fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setSaved(what);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const edit = (what: string, patch: { name?: string; notes?: string; tags?: string[]; archived?: boolean }) =>
    act(what, async () => {
      await client.request('runs/edit', { id: run.id, ...patch });
      onChanged();
    });
  const exportAs = (format: 'csv' | 'bundle') =>
    act('', async () => {
      const { data, filename } = await client.request('runs/export', { id: run.id, format });
      downloadData(data, filename);
    });

  const nameOk = name.trim().length > 0;
  return (
    <div className="run-editor" data-testid="run-editor">
      <header className="editor-head">
        <h2>{t('experiments.editor.title', { id: run.id })}</h2>
        <span className={`status-badge st-${run.status}`}>{statusLabel(t, run.status)}</span>
        <span className="muted">{labLabel(lang, run.lab)}</span>
        <button type="button" className="ghost small" data-testid="run-editor-close" onClick={onClose}>
          {t('experiments.sweep.close')}
        </button>
      </header>

      <form
        className="editor-field"
        onSubmit={(e) => {
          e.preventDefault();
          if (nameOk && name !== run.name) void edit('name', { name: name.trim() });
        }}
      >
        <label htmlFor="run-name">{t('experiments.editor.name')}</label>
        <div className="inline">
          <input id="run-name" data-testid="run-name" value={name} maxLength={200} aria-invalid={!nameOk} onChange={(e) => setName(e.target.value)} />
          <button type="submit" data-testid="run-name-save" disabled={busy || !nameOk || name === run.name}>
            {t('experiments.editor.save')}
          </button>
        </div>
        {!nameOk && <span className="field-error">{t('experiments.editor.name_empty')}</span>}
        {saved === 'name' && name === run.name && <span className="saved">{t('experiments.editor.saved')}</span>}
      </form>

      <div className="editor-field">
        <span className="field-label">{t('experiments.editor.tags')}</span>
        <TagEditor tags={run.tags} disabled={busy} onChange={(tags) => void edit('tags', { tags })} />
      </div>

      <div className="editor-field">
        <label htmlFor="run-notes">{t('experiments.editor.notes')}</label>
        <textarea id="run-notes" data-testid="run-notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <div className="inline">
          <button type="button" data-testid="run-notes-save" disabled={busy || notes === run.notes} onClick={() => void edit('notes', { notes })}>
            {t('experiments.editor.save')}
          </button>
          {saved === 'notes' && notes === run.notes && <span className="saved">{t('experiments.editor.saved')}</span>}
        </div>
      </div>

      <div className="editor-actions">
        <button type="button" data-testid="export-csv" disabled={busy} onClick={() => void exportAs('csv')}>
          {t('experiments.editor.export_csv')}
        </button>
        <button type="button" data-testid="export-bundle" disabled={busy} onClick={() => void exportAs('bundle')}>
          {t('experiments.editor.export_bundle')}
        </button>
        {onSweepFrom && (
          <button type="button" data-testid="run-sweep-from" onClick={() => onSweepFrom(run)}>
            {t('experiments.editor.sweep_from')}
          </button>
        )}
        {onShowSweep && run.sweepId !== null && (
          <button type="button" data-testid="run-show-sweep" onClick={() => onShowSweep(run.sweepId!)}>
            {t('experiments.editor.show_sweep', { id: run.sweepId })}
          </button>
        )}
        <button type="button" data-testid="run-archive" disabled={busy} onClick={() => void edit('archived', { archived: !run.archived })}>
          {t(run.archived ? 'experiments.editor.unarchive' : 'experiments.editor.archive')}
        </button>
        {!confirming && (
          <button type="button" className="danger" data-testid="run-delete" disabled={busy} onClick={() => setConfirming(true)}>
            {t('experiments.editor.delete')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-label={t('experiments.editor.delete_confirm', { id: run.id })}>
          <span>{t('experiments.editor.delete_confirm', { id: run.id })}</span>
          <button
            type="button"
            className="danger solid"
            data-testid="run-delete-yes"
            disabled={busy}
            onClick={() =>
              void act('', async () => {
                await client.request('runs/delete', { id: run.id });
                onDeleted(run.id);
              })
            }
          >
            {t('experiments.editor.delete_yes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('experiments.editor.cancel')}
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {t('experiments.editor.failed', { message: error })}
        </p>
      )}
      <RepeatSeeds run={run} onStarted={onChanged} />
      <ThinRun run={run} size={size ?? null} onThinned={onChanged} />

      {run.error && (
        <p className="field-error">
          {t('experiments.editor.error')}: {run.error.message}
        </p>
      )}
      <details className="editor-details">
        <summary>{t('experiments.editor.details')}</summary>
        <dl>
          <dt>{t('experiments.editor.seed')}</dt>
          <dd className="mono">{run.seed ?? ''}</dd>
          <dt>{t('experiments.editor.series')}</dt>
          <dd>
            <ul className="series-list">
              {details?.series.map((s) => (
                <li key={s.name}>
                  <span className="mono">{s.name}</span> <span className="muted">{t('experiments.editor.points', { n: s.points })}</span>
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t('experiments.editor.config')}</dt>
          <dd>
            <pre className="config-json">{JSON.stringify(run.config, null, 2)}</pre>
          </dd>
        </dl>
      </details>
    </div>
  );
}
