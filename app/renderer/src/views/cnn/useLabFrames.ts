/**
 * The newest frames of a LiveRun for display, refreshed at most every `everyMs` when they changed: the
 * panels re-render a few times a second however often frames arrive.
 */
import { useEffect, useState } from 'react';

import type { LabFrame, LiveRun } from '../training/liveRun';

export function useLabFrames(live: LiveRun, everyMs = 150): Map<string, LabFrame> {
  const [snap, setSnap] = useState<Map<string, LabFrame>>(() => new Map(live.frames));
  useEffect(() => {
    let seen = -1;
    let lastAt = 0;
    let raf = requestAnimationFrame(function tick(now) {
      raf = requestAnimationFrame(tick);
      if (live.framesVersion === seen || now - lastAt < everyMs) return;
      seen = live.framesVersion;
      lastAt = now;
      setSnap(new Map(live.frames));
    });
    return () => cancelAnimationFrame(raf);
  }, [live, everyMs]);
  return snap;
}
