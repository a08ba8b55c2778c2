/**
 * A kit lab view's run and its live data: `make()` builds the view's live store once (outside React:
 * batches and frames go straight into it), and the run control (useRunControl) feeds it. The store
 * takes each batch by stream, each frame whole, and is cleared when the view leaves its run.
 */
import { useMemo } from 'react';

import { useRunControl, type RunControl } from './useRunControl';

export interface LiveStore {
  addBatch(stream: string, columns: Record<string, Float64Array>): void;
  setFrame(frame: never): void;
  clear(): void;
}

export function useLiveLab<L extends LiveStore>(lab: string, make: () => L): { live: L; run: RunControl } {
  // one store per view (the factory is the view's own)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const live = useMemo(make, []);
  const sink = useMemo(
    () => ({
      batch: (b: { stream: string; columns: Record<string, Float64Array> }) => live.addBatch(b.stream, b.columns),
      frame: (f: unknown) => live.setFrame(f as never),
      clear: () => live.clear(),
    }),
    [live],
  );
  return { live, run: useRunControl(lab, sink, 0) };
}
