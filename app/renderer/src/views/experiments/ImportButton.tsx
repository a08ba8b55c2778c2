/**
 * Imports a run bundle (.glrun, from "Export bundle" here or `gradlab runs export --bundle`): a file
 * chooser, the bytes sent as a Uint8Array to runs/import; the new run's id is handed up. A bad file
 * gets the store's message (BUNDLE_FORMAT…) and changes nothing.
 */
import { useRef, useState } from 'react';

import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';

export function ImportButton({ onImported }: { onImported: (id: number) => void }) {
  const client = useClient();
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
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
            setNote({ ok: true, text: t('experiments.imported', { id }) });
            onImported(id);
          } catch (err) {
            setNote({ ok: false, text: err instanceof Error ? err.message : String(err) });
          } finally {
            setBusy(false);
          }
        }}
      />
      <button type="button" data-testid="import" disabled={busy} onClick={() => input.current?.click()}>
        {t('experiments.import')}
      </button>
      {note && (
        <span className={note.ok ? 'saved' : 'field-error'} role="status">
          {note.text}
        </span>
      )}
    </span>
  );
}
