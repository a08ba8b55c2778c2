/**
 * "Record": a lab's animation saved as a GIF or a WebM video, with its length, frame rate and size
 * (1× or 2× for slides) — the element found by `target` (a CSS selector inside the page) is recorded
 * as it changes (record.ts), then downloaded as <name>.gif or .webm.
 */
import { useState } from 'react';

import { downloadBlob } from '../charts/download';
import { useI18n } from '../i18n/i18n';
import { recordElement, type RecordingFormat } from './record';
import './recording.css';

export function RecordButton({ target, name, testId }: { target: string; name: string; testId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<RecordingFormat>('gif');
  const [seconds, setSeconds] = useState('4');
  const [fps, setFps] = useState('12');
  const [scale, setScale] = useState<1 | 2>(1);
  const [progress, setProgress] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const s = Number(seconds);
  const f = Number(fps);
  const secondsBad = !(s >= 1 && s <= 30);
  const fpsBad = !(Number.isInteger(f) && f >= 2 && f <= 30);
  const record = async () => {
    const el = document.querySelector(target);
    if (!el) {
      setError(t('record.nothing'));
      return;
    }
    setError(null);
    setBusy(true);
    setProgress(t('record.progress', { done: 0, of: Math.round(s * f) }));
    try {
      const blob = await recordElement(el, { format, seconds: s, fps: f, scale }, (done, of) => setProgress(t('record.progress', { done, of })));
      downloadBlob(blob, `${name}.${format}`);
      setProgress(t('record.saved', { size: (blob.size / 1024).toFixed(0), file: `${name}.${format}` }));
    } catch (e) {
      setProgress(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="record" data-testid={testId}>
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid={`${testId}-open`}>
        {t('record.button')}
      </button>
      {open && (
        <span className="record-form">
          <select value={format} onChange={(e) => setFormat(e.target.value as RecordingFormat)} data-testid={`${testId}-format`} aria-label={t('record.format')}>
            <option value="gif">GIF</option>
            <option value="webm">WebM</option>
          </select>
          <label>
            {t('record.seconds')} <input value={seconds} onChange={(e) => setSeconds(e.target.value)} size={3} aria-invalid={secondsBad || undefined} data-testid={`${testId}-seconds`} />
          </label>
          <label>
            {t('record.fps')} <input value={fps} onChange={(e) => setFps(e.target.value)} size={3} aria-invalid={fpsBad || undefined} data-testid={`${testId}-fps`} />
          </label>
          <select value={scale} onChange={(e) => setScale(Number(e.target.value) as 1 | 2)} aria-label={t('record.size')}>
            <option value={1}>1×</option>
            <option value={2}>{t('record.slides')}</option>
          </select>
          <button type="button" disabled={secondsBad || fpsBad || busy} onClick={() => void record()} data-testid={`${testId}-start`}>
            {t('record.start')}
          </button>
          {(secondsBad || fpsBad) && (
            <span className="field-error" role="alert">
              {t(secondsBad ? 'record.err.seconds' : 'record.err.fps')}
            </span>
          )}
          {progress && (
            <span className="muted" data-testid={`${testId}-progress`}>
              {progress}
            </span>
          )}
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
        </span>
      )}
    </span>
  );
}
