/**
 * A lab config handed to a lab's view when it opens: a lesson's "Open the lab" leaves the lesson's
 * preset here, keyed by the view's id, and goes to the view, which takes it once as its starting settings. Kept in
 * sessionStorage, so it survives the view's lazy load but not the session.
 */
const KEY = 'gradlab.pendingPreset';

export function setPendingPreset(view: string, config: Record<string, unknown>): void {
  sessionStorage.setItem(KEY, JSON.stringify({ view, config }));
}

/** The config waiting for view `view` (null: none, or one for another view). It stays until clearPendingPreset:
 * a view reads it in its state initialisers (which React may call twice) and clears it once mounted. */
export function readPendingPreset(view: string): Record<string, unknown> | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw === null) return null;
  try {
    const p = JSON.parse(raw) as { view?: unknown; config?: unknown };
    return p.view === view && typeof p.config === 'object' && p.config !== null ? (p.config as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function clearPendingPreset(): void {
  sessionStorage.removeItem(KEY);
}
