/**
 * A run a lab view is to take over when it opens (#11 defect 8: a view re-attaches to its lab's active
 * run): ActiveRuns leaves the run here with its config as the view's pending preset, then opens the
 * view, whose run control adopts it (runController.adopt). Kept in sessionStorage like the preset.
 */
const KEY = 'gradlab.pendingAttach';

export interface PendingAttach {
  lab: string;
  id: number;
  status: 'running' | 'paused';
}

export function setPendingAttach(p: PendingAttach): void {
  sessionStorage.setItem(KEY, JSON.stringify(p));
}

/** The run waiting for a view of `lab` (null: none, or one for another lab); taken once. */
export function takePendingAttach(lab: string): PendingAttach | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw === null) return null;
  try {
    const p = JSON.parse(raw) as Partial<PendingAttach>;
    if (p.lab !== lab || typeof p.id !== 'number' || (p.status !== 'running' && p.status !== 'paused')) return null;
    sessionStorage.removeItem(KEY);
    return { lab, id: p.id, status: p.status };
  } catch {
    return null;
  }
}

/** The event that asks the shell to show a view afresh (its pending preset and run taken at mount). */
export const OPEN_VIEW_EVENT = 'gradlab:open-view';
