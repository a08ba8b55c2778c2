/** The shapes of the experiment store's records as the rest of the app sees them. */

export const RUN_STATUSES = ['queued', 'running', 'paused', 'completed', 'stopped', 'diverged', 'failed', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** A run in one of these is owned by a live process (or was, until it died). */
export const ACTIVE_STATUSES: readonly RunStatus[] = ['queued', 'running', 'paused'];

export interface Run {
  id: number;
  uid: string;
  lab: string;
  name: string;
  config: unknown;
  seed: number | null;
  status: RunStatus;
  /** The lab's own end status: reached_target, early_stopped, converged… (null while running) */
  labStatus: string | null;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  durationMs: number | null;
  steps: number;
  msPerStep: number | null;
  final: Record<string, number>;
  best: Record<string, number>;
  summary: unknown;
  error: { code: string; message: string } | null;
  notes: string;
  tags: string[];
  archived: boolean;
  sweepId: number | null;
}

/** A sweep as `sweeps/list` gives it (its runs are those with its sweepId). */
export interface SweepInfo {
  id: number;
  name: string;
  lab: string;
  createdAt: number;
  /** how many runs it has now (deleted runs leave it) */
  runs: number;
}

export interface NewRun {
  lab: string;
  name?: string;
  config: unknown;
  seed?: number | null;
  tags?: string[];
  notes?: string;
  sweepId?: number | null;
  status?: RunStatus;
}

/** A series read back: parallel arrays, in step order. */
export interface SeriesPoints {
  steps: Float64Array;
  times: Float64Array;
  values: Float64Array;
}
