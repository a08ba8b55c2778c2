/**
 * A copy of a LiveRun's numbers for display, refreshed at most every `everyMs` (and only when they
 * changed): the numbers panel re-renders a few times a second however fast the run streams.
 */
import { useEffect, useState } from 'react';

import type { LiveNumbers } from './liveRun';

export function useLiveSnapshot(numbers: LiveNumbers, everyMs = 100): LiveNumbers {
  const [snap, setSnap] = useState<LiveNumbers>(() => ({ ...numbers }));
  useEffect(() => {
    let seen = -1;
    let lastAt = 0;
    let raf = requestAnimationFrame(function tick(now) {
      raf = requestAnimationFrame(tick);
      if (numbers.version === seen || now - lastAt < everyMs) return;
      seen = numbers.version;
      lastAt = now;
      setSnap({ ...numbers });
    });
    return () => cancelAnimationFrame(raf);
  }, [numbers, everyMs]);
  return snap;
}
