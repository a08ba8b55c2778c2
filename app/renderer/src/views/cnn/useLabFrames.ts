/**
 * The newest frames of a LiveRun for display, refreshed at most every `everyMs` when they changed: the
 * panels re-render a few times a second however often frames arrive.
 */
import { usePolled } from '../../controls/usePolled';
import type { LabFrame, LiveRun } from '../training/liveRun';

const versionOf = (live: LiveRun) => live.framesVersion;
const copyOf = (live: LiveRun) => new Map(live.frames);

export function useLabFrames(live: LiveRun, everyMs = 150): Map<string, LabFrame> {
  return usePolled(live, versionOf, copyOf, everyMs);
}
