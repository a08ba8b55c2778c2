/**
 * For views that set up a run before following it (the race, the training and CNN labs): the run left
 * for this lab by ActiveRuns (pendingAttach.ts) is taken at mount and handed to `adopt` once `ready`
 * (the landscape drawn, the data set read…), after the effects declared before this hook.
 */
import { useEffect, useRef } from 'react';

import { takePendingAttach, type PendingAttach } from './pendingAttach';

export function useAdoptWhenReady(lab: string, ready: boolean, adopt: (p: PendingAttach) => void): void {
  const pending = useRef<PendingAttach | null>(null);
  const latest = useRef(adopt);
  latest.current = adopt;
  useEffect(() => {
    pending.current = takePendingAttach(lab);
  }, [lab]);
  useEffect(() => {
    const p = pending.current;
    if (!p || !ready) return;
    pending.current = null;
    latest.current(p);
  }, [ready]);
}
