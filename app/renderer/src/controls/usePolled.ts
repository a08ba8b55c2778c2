/**
 * A snapshot of something that changes outside React (a LiveRun's numbers or frames), taken at most
 * every `everyMs` and only when its version moved: a panel re-renders a few times a second however fast
 * a run streams. `version` and `read` must be stable (module-level) functions.
 */
import { useEffect, useState } from 'react';

export function usePolled<S, T>(source: S, version: (s: S) => number, read: (s: S) => T, everyMs: number): T {
  const [snap, setSnap] = useState<T>(() => read(source));
  useEffect(() => {
    let seen = -1;
    let lastAt = 0;
    let raf = requestAnimationFrame(function tick(now) {
      raf = requestAnimationFrame(tick);
      const v = version(source);
      if (v === seen || now - lastAt < everyMs) return;
      seen = v;
      lastAt = now;
      setSnap(read(source));
    });
    return () => cancelAnimationFrame(raf);
  }, [source, version, read, everyMs]);
  return snap;
}
