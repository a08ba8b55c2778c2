/**
 * The CNN lab's data: the shipped digits (training and test sizes), or the user's pictures — IDX files
 * or a folder with one subfolder of PNG/JPEG pictures per class — uploaded to the host, which decodes
 * them (src/host/uploads.ts, 256 MiB at most) and answers with what it found, or what is wrong.
 */
import { useState, type ChangeEvent } from 'react';

import type { Results } from '../../../../../src/protocol/methods';
import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';

export type Upload = Results['datasets/upload'];

const MAX_BYTES = 256 * 1024 * 1024;

export function DataPicker({ upload, onUpload, disabled }: { upload: Upload | null; onUpload: (u: Upload | null) => void; disabled: boolean }) {
  const { t } = useI18n();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (kind: 'idx' | 'folder', e: ChangeEvent<HTMLInputElement>) => {
    const list = Array.from(e.target.files ?? []);
    e.target.value = '';
    if (list.length === 0) return;
    const total = list.reduce((a, f) => a + f.size, 0);
    if (total > MAX_BYTES) {
      setError(t('cnn.upload.too_big', { mb: Math.round(total / 1048576) }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const files = await Promise.all(list.map(async (f) => ({ path: f.webkitRelativePath || f.name, data: new Uint8Array(await f.arrayBuffer()) })));
      onUpload(await client.request('datasets/upload', { kind, files }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="cnn-data" data-testid="cnn-data">
      <label className="cnn-field">
        <span>{t('cnn.data.source')}</span>
        <select data-testid="cnn-data-source" value={upload ? 'upload' : 'digits'} disabled={disabled} onChange={(e) => e.target.value === 'digits' && onUpload(null)}>
          <option value="digits">{t('cnn.data.digits')}</option>
          {upload && <option value="upload">{t('cnn.data.yours')}</option>}
        </select>
      </label>
      <div className="cnn-upload-buttons">
        <label className={`button${disabled || busy ? ' disabled' : ''}`}>
          {t('cnn.upload.idx')}
          <input type="file" multiple hidden data-testid="cnn-upload-idx" disabled={disabled || busy} onChange={(e) => void send('idx', e)} />
        </label>
        <label className={`button${disabled || busy ? ' disabled' : ''}`}>
          {t('cnn.upload.folder')}
          <input type="file" hidden data-testid="cnn-upload-folder" disabled={disabled || busy} onChange={(e) => void send('folder', e)} {...{ webkitdirectory: '' }} />
        </label>
      </div>
      <p className="muted">{busy ? t('cnn.upload.busy') : t('cnn.upload.help')}</p>
      {error && (
        <p className="field-error" role="alert" data-testid="cnn-upload-error" translate="no">
          {error}
        </p>
      )}
      {upload && (
        <p data-testid="cnn-upload-summary" data-images={upload.images}>
          {t('cnn.upload.summary', {
            n: upload.images,
            m: upload.testImages,
            shape: `${upload.channels}×${upload.rows}×${upload.cols}`,
            k: upload.classes.length,
          })}{' '}
          <span className="muted" translate="no">
            {upload.classes.slice(0, 12).join(', ')}
            {upload.classes.length > 12 ? ', …' : ''}
          </span>
        </p>
      )}
    </div>
  );
}
