/**
 * The one run-control hook of every lab view: a RunController (start, pause, resume, step, reset, live
 * changes, probes, speed, early events) for `lab`, feeding `sink`, with its state as React state.
 * `stopOnLeave` stops a going run when the view unmounts; otherwise the run goes on in the host and
 * the lab's active-runs list offers it back. A run left for this lab by ActiveRuns (pendingAttach.ts)
 * is adopted at mount, unless `manualAdopt`: then the view adopts it itself (it must first set up what
 * the run needs, as the race and training views do).
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';

import { useClient } from '../connection/ClientProvider';
import { takePendingAttach } from './pendingAttach';
import { RunController, type RunSink, type RunState } from './runController';

export interface RunControl extends RunState {
  controller: RunController;
  live: boolean;
}

export function useRunControl(lab: string, sink: RunSink, speed: number, opts: { stopOnLeave?: boolean; manualAdopt?: boolean } = {}): RunControl {
  const client = useClient();
  // one controller per view (client, lab and sink are fixed for a view's life)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const controller = useMemo(() => new RunController(client, lab, sink, speed), [client, lab, sink]);
  const stopOnLeave = opts.stopOnLeave ?? false;
  const manualAdopt = opts.manualAdopt ?? false;
  useEffect(() => {
    const off = controller.attach(stopOnLeave);
    const pending = manualAdopt ? null : takePendingAttach(lab);
    if (pending) void controller.adopt(pending.id, pending.status);
    return off;
  }, [controller, stopOnLeave, manualAdopt, lab]);
  const state = useSyncExternalStore(
    (fn) => controller.subscribe(fn),
    () => controller.state,
  );
  return { ...state, controller, live: state.phase === 'running' || state.phase === 'paused' };
}
