/**
 * Imports a run bundle (.glrun, from "Export bundle" here or `gradlab runs export --bundle`): a file
 * chooser, the bytes sent as a Uint8Array to runs/import; the new run's id is handed up. A bad file
 * gets the store's message (BUNDLE_FORMAT…) and changes nothing. The outcome shows as a note under the
 * button, over the page (it never reflows the toolbar): a success goes after a few seconds, a refusal
 * stays until closed (#11 defect 9: the note stayed for good and pushed the toolbar onto two lines).
 */
import { useEffect, useRef, useState } from 'react';

import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';

/** how long a success note stays */
export const NOTE_MS = 6000;

export function ImportButton({ onImported }: { onImported: (id: number) => void }) {
  const client = useClient();
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<{ id: number } | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!note || !('id' in note)) return;
    const timer = setTimeout(() => setNote(null), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);
  return (
    <span className="import">
      <input
        ref={input}
        type="file"
        accept=".glrun,application/octet-stream"
        data-testid="import-file"
        hidden
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setBusy(true);
          try {
            const { id } = await client.request('runs/import', { data: new Uint8Array(await file.arrayBuffer()) });
            setNote({ id });
            onImported(id);
          } catch (err) {
            setNote({ error: err instanceof Error ? err.message : String(err) });
          } finally {
            setBusy(false);
          }
        }}
      />
      <button type="button" data-testid="import" disabled={busy} onClick={() => input.current?.click()}>
        {t('experiments.import')}
      </button>
      {note && (
        <span className={`import-note ${'id' in note ? 'saved' : 'field-error'}`} role="status" data-testid="import-note">
          {'id' in note ? t('experiments.imported', { id: note.id }) : note.error}
          {!('id' in note) && (
            <button type="button" className="ghost icon" aria-label={t('experiments.import.close')} onClick={() => setNote(null)}>
              ×
            </button>
          )}
        </span>
      )}
    </span>
  );
}
