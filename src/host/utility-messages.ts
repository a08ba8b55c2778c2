/**
 * The control messages between the desktop app's main process (app/main) and the lab host's utility process
 * (utility-entry.ts), over process.parentPort. Data never travels here: each renderer gets
 * its own MessagePort straight to the host ({type: 'connect'} carries the host's end).
 */

/** A run the host found interrupted when it opened the store (its owner process had died). */
export interface InterruptedRun {
  id: number;
  name: string;
  lab: string;
  steps: number;
}

export type ToHost = { type: 'connect' } | { type: 'shutdown' };

/** What the host did to a damaged store before opening it, when the user chose (`--repair=…`). */
export type Repair = 'recover' | 'set-aside';
export interface RepairReport {
  repair: Repair;
  /** the damaged file's new name (kept, never deleted) */
  setAsideAs: string;
  /** recover: runs copied into the new store, and rows that could not be read */
  runs?: number;
  unreadable?: number;
}

export type FromHost =
  | { type: 'ready'; store: string; interrupted: InterruptedRun[]; repaired?: RepairReport }
  /** the host cannot work (e.g. the store is from a newer version): restarting would not help */
  | { type: 'fatal'; code: string; message: string }
  | { type: 'closed' };

export function isFromHost(m: unknown): m is FromHost {
  const t = (m as { type?: unknown } | null)?.type;
  return t === 'ready' || t === 'fatal' || t === 'closed';
}
