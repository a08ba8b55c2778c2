/**
 * The store's size on disk (#15, "disk in view"), with a soft limit the user sets (kept on this machine):
 * near it (90 %) a note, over it a warning, each saying what to do. Nothing is ever deleted for the user.
 * "Compact" re-encodes the finished runs' points in today's encodings (store/reencode: an older store
 * shrinks, bit for bit the same numbers) and says what it did.
 * useStoreUsage reads store/usage again whenever the run list changes.
 */
import { useEffect, useState } from 'react';

import { formatBytes } from '../../../../../src/format/number';
import type { StoreUsage } from '../../../../../src/experiments/usage';
import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';

const QUOTA_KEY = 'gradlab.storeQuotaGb';

export function useStoreUsage(trigger: unknown): StoreUsage | null {
  const client = useClient();
  const [usage, setUsage] = useState<StoreUsage | null>(null);
  useEffect(() => {
    let alive = true;
    client.request('store/usage', {}).then(
      (u) => alive && setUsage(u),
      () => undefined, // an older host without store/usage: no sizes shown
    );
    return () => {
      alive = false;
    };
  }, [client, trigger]);
  return usage;
}

/** The limit as typed: a number of GB > 0, or empty for none. */
export function parseQuota(text: string): { gb: number | null; ok: boolean } {
  const s = text.trim();
  if (s === '') return { gb: null, ok: true };
  const v = Number(s);
  return Number.isFinite(v) && v > 0 ? { gb: v, ok: true } : { gb: null, ok: false };
}

/** 'over', 'near' (≥ 90 %) or null, for a store of `bytes` and a limit of `gb`. */
export function quotaState(bytes: number, gb: number | null): 'over' | 'near' | null {
  if (gb === null) return null;
  const limit = gb * 1e9;
  return bytes > limit ? 'over' : bytes >= 0.9 * limit ? 'near' : null;
}

export function DiskUsage({ usage, onCompacted }: { usage: StoreUsage | null; onCompacted?: () => void }) {
  const { t } = useI18n();
  const client = useClient();
  const [text, setText] = useState(() => localStorage.getItem(QUOTA_KEY) ?? '');
  const quota = parseQuota(text);
  // "Compact": finished runs' points in today's encodings (an older store shrinks), asked for, never done silently
  const [compact, setCompact] = useState<{ busy: boolean; note: string | null; error: boolean }>({ busy: false, note: null, error: false });
  const runCompact = () => {
    setCompact({ busy: true, note: null, error: false });
    client.request('store/reencode', {}).then(
      (r) => {
        setCompact({ busy: false, error: false, note: t('experiments.disk.compacted', { n: r.reencoded, of: r.chunks, before: formatBytes(r.fileBytesBefore ?? 0), after: formatBytes(r.fileBytesAfter ?? 0) }) });
        onCompacted?.();
      },
      (e: unknown) => setCompact({ busy: false, error: true, note: e instanceof Error ? e.message : String(e) }),
    );
  };
  if (!usage) return null;
  const state = quotaState(usage.fileBytes, quota.gb);
  const size = formatBytes(usage.fileBytes);
  return (
    <div className="disk-usage" data-testid="disk-usage" data-bytes={usage.fileBytes}>
      <span className="muted">{t('experiments.disk.total', { size })}</span>
      <label className="quota">
        {t('experiments.disk.quota')}
        <input
          type="text"
          inputMode="decimal"
          data-testid="disk-quota"
          value={text}
          aria-invalid={!quota.ok}
          onChange={(e) => {
            setText(e.target.value);
            if (parseQuota(e.target.value).ok) localStorage.setItem(QUOTA_KEY, e.target.value.trim());
          }}
        />
        {t('experiments.disk.quota_unit')}
      </label>
      <button type="button" className="ghost small" data-testid="disk-compact" disabled={compact.busy} title={t('experiments.disk.compact_title')} onClick={runCompact}>
        {compact.busy ? t('experiments.disk.compacting') : t('experiments.disk.compact')}
      </button>
      {compact.note && (
        <span className={compact.error ? 'field-error' : 'muted'} role="status" data-testid="disk-compact-note">
          {compact.note}
        </span>
      )}
      {!quota.ok && <span className="field-error">{t('field.expected', { what: t('experiments.disk.quota_invalid') })}</span>}
      {state && (
        <p className={`disk-warning ${state}`} role="alert" data-testid="disk-warning" data-state={state}>
          {t(state === 'over' ? 'experiments.disk.over' : 'experiments.disk.near', { size, quota: `${quota.gb} GB` })}
        </p>
      )}
    </div>
  );
}
