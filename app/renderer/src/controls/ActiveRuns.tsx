/**
 * Runs of this view's lab that are still running or paused but not this view's own — left by a
 * reloaded page or a closed window (#11 defect 8). Each is named with its status and gets "Open here"
 * (the view takes the run's settings and follows it live: its points so far, then as they come),
 * Resume (when paused) and Stop. A view that opens with no run of its own and no preset re-attaches by
 * itself when exactly one such run would open in it. The host also stops a paused run no client
 * follows after its grace period (src/host/host.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { Run } from '../../../../src/experiments/run-types';
import { useClient } from '../connection/ClientProvider';
import { useI18n } from '../i18n/i18n';
import { readPendingPreset, setPendingPreset } from '../presets/pendingPreset';
import { OPEN_VIEW_EVENT, setPendingAttach } from './pendingAttach';

const currentView = () => location.hash.slice(1).split('?')[0] ?? '';

export function ActiveRuns({ lab, own }: { lab: string; own: number | null }) {
  const { t } = useI18n();
  const client = useClient();
  const [runs, setRuns] = useState<Run[]>([]);
  const [error, setError] = useState<string | null>(null);
  const ownRef = useRef(own);
  ownRef.current = own;
  // re-attach by itself once, on the first list, unless the view opened on a preset (its user asked for those settings)
  const [autoOk] = useState(() => readPendingPreset(currentView()) === null);
  const autoTried = useRef(false);

  const open = useCallback(
    async (r: Run, auto: boolean) => {
      const { presetProblem, presetView } = await import('../presets/presetFiles');
      const config = r.config as Record<string, unknown>;
      const problem = presetProblem(r.lab, config);
      if (problem) {
        if (!auto) setError(t('runs.other.cannot_open', { reason: problem }));
        return;
      }
      const view = presetView(r.lab, config);
      if (auto && view !== currentView()) return;
      setPendingPreset(view, config);
      setPendingAttach({ lab: r.lab, id: r.id, status: r.status === 'paused' ? 'paused' : 'running' });
      window.dispatchEvent(new CustomEvent(OPEN_VIEW_EVENT, { detail: view }));
    },
    [t],
  );

  const refresh = useCallback(() => {
    client.request('runs/list', { filter: { lab, status: ['running', 'paused'] } }).then(
      (r) => {
        setRuns(r.runs);
        if (autoTried.current) return;
        autoTried.current = true;
        const others = r.runs.filter((x) => x.id !== ownRef.current);
        if (autoOk && ownRef.current === null && others.length === 1) void open(others[0]!, true);
      },
      () => undefined,
    );
  }, [client, lab, autoOk, open]);
  useEffect(() => {
    refresh();
    return client.on('run/status', refresh);
  }, [client, refresh]);
  const act = (method: 'runs/resume' | 'runs/stop', id: number) => {
    setError(null);
    client.request(method, { id }).then(refresh, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const others = runs.filter((r) => r.id !== own);
  if (others.length === 0 && !error) return null;
  return (
    <div className="active-runs advanced" role="status" data-testid="active-runs">
      {others.map((r) => (
        <span key={r.id} className="active-run" data-run={r.id}>
          {t(r.status === 'paused' ? 'runs.other.paused' : 'runs.other.running', { id: r.id, name: r.name })}
          <button type="button" onClick={() => void open(r, false)} data-testid={`active-run-open-${r.id}`}>
            {t('runs.other.open')}
          </button>
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
