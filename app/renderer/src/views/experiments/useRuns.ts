/**
 * The runs the table shows, from `runs/list` with the filters and sort of the query (the store does
 * both, docs/store.md). Reloads when the query changes, when any run's status changes (`run/status`,
 * coalesced), and every second while a shown run is active, so steps, metrics and durations stay live.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { Run, RunStatus } from '../../../../../src/experiments/run-types';
import { useClient } from '../../connection/ClientProvider';

export interface RunQuery {
  lab: string;
  status: RunStatus | '';
  tag: string;
  text: string;
  archived: boolean;
  /** only the runs of this sweep (its summary shows above the chart) */
  sweep: number | null;
  sort: { by: string; desc: boolean };
}

export const DEFAULT_QUERY: RunQuery = { lab: '', status: '', tag: '', text: '', archived: false, sweep: null, sort: { by: 'id', desc: true } };

const ACTIVE: RunStatus[] = ['queued', 'running', 'paused'];
export const isActive = (r: Pick<Run, 'status'>) => ACTIVE.includes(r.status);

export function useRuns(query: RunQuery) {
  const client = useClient();
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const latest = useRef(0);

  useEffect(() => {
    const ask = ++latest.current;
    const filter = {
      ...(query.lab ? { lab: query.lab } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.tag ? { tag: query.tag } : {}),
      ...(query.text.trim() ? { text: query.text.trim() } : {}),
      ...(query.sweep !== null ? { sweepId: query.sweep } : {}),
      archived: query.archived ? ('all' as const) : false,
    };
    client.request('runs/list', { filter, sort: query.sort, limit: 1000 }).then(
      (r) => {
        if (ask !== latest.current) return; // an answer to an older query
        setRuns(r.runs);
        setError(null);
      },
      (e: unknown) => ask === latest.current && setError(e instanceof Error ? e.message : String(e)),
    );
  }, [client, query, tick]);

  // status changes of any run: reload (at most every 250 ms)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.on('run/status', () => {
      timer ??= setTimeout(() => {
        timer = null;
        reload();
      }, 250);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client, reload]);

  const anyActive = runs?.some(isActive) ?? false;
  useEffect(() => {
    if (!anyActive) return;
    const timer = setInterval(reload, 1000);
    return () => clearInterval(timer);
  }, [anyActive, reload]);

  return { runs, error, reload };
}
