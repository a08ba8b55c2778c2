/**
 * A copy of a LiveRun's numbers for display, refreshed at most every `everyMs` (and only when they
 * changed): the numbers panel re-renders a few times a second however fast the run streams.
 */
import { usePolled } from '../../controls/usePolled';
import type { LiveNumbers } from './liveRun';

const versionOf = (n: LiveNumbers) => n.version;
const copyOf = (n: LiveNumbers): LiveNumbers => ({ ...n });

export function useLiveSnapshot(numbers: LiveNumbers, everyMs = 100): LiveNumbers {
  return usePolled(numbers, versionOf, copyOf, everyMs);
}
