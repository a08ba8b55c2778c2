/**
 * Re-renders a component when the trajectory store has changed, at most every `ms` milliseconds (checked
 * once per animation frame), so panels that show a few numbers follow a fast race without a render per
 * point. Returns the store version the render saw.
 */
import { useEffect, useState } from 'react';

import type { TrajectoryStore } from './TrajectoryStore';

export function useStoreTick(store: TrajectoryStore, ms = 100): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    let seen = store.version;
    let last = 0;
    let frame = requestAnimationFrame(function tick(now) {
      if (store.version !== seen && now - last >= ms) {
        seen = store.version;
        last = now;
        setVersion(seen);
      }
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [store, ms]);
  return version;
}
