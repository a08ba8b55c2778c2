/**
 * Runs of this view's lab that are still running or paused but not this view's own — left by a
 * reloaded page or a closed window (#11 defect 8: a run stuck "paused" with no control left). Each is
 * named with its status and gets Resume (when paused) and Stop; the host also stops a paused run no
 * client follows after its grace period (src/host/host.ts).
 */
import { useCallback, useEffect, useState } from 'react';

import type { Run } from '../../../../src/experiments/run-types';
import { useClient } from '../connection/ClientProvider';
import { useI18n } from '../i18n/i18n';

export function ActiveRuns({ lab, own }: { lab: string; own: number | null }) {
  const { t } = useI18n();
  const client = useClient();
  const [runs, setRuns] = useState<Run[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    client.request('runs/list', { filter: { lab, status: ['running', 'paused'] } }).then(
      (r) => setRuns(r.runs),
      () => undefined,
    );
  }, [client, lab]);
  useEffect(() => {
    refresh();
    return client.on('run/status', refresh);
  }, [client, refresh]);
  const act = (method: 'runs/resume' | 'runs/stop', id: number) => {
    setError(null);
    client.request(method, { id }).then(refresh, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const others = runs.filter((r) => r.id !== own);
  if (others.length === 0) return null;
  return (
    <div className="active-runs advanced" role="status" data-testid="active-runs">
      {others.map((r) => (
        <span key={r.id} className="active-run" data-run={r.id}>
          {t(r.status === 'paused' ? 'runs.other.paused' : 'runs.other.running', { id: r.id, name: r.name })}
          {r.status === 'paused' && (
            <button type="button" onClick={() => act('runs/resume', r.id)} data-testid={`active-run-resume-${r.id}`}>
              {t('runs.other.resume')}
            </button>
          )}
          <button type="button" onClick={() => act('runs/stop', r.id)} data-testid={`active-run-stop-${r.id}`}>
            {t('control.stop')}
          </button>
        </span>
      ))}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
