/**
 * Who runs a run. The app, the host and the CLI may share one store, so each active run (queued,
 * running, paused) records its owner: process id, host name and a token unique to the owning Store
 * object, plus a heartbeat the owner refreshes every few seconds.
 *
 * When a store is opened, an active run whose owner is gone becomes `interrupted` (its stored points
 * stay). "Gone" means: on this host, no process with that pid exists; on another host (a store on a
 * shared folder), no heartbeat for STALE_MS. A run whose owner lives is never touched. (On this host a
 * pid reused by an unrelated process keeps the run active until that process ends.)
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';

export const HEARTBEAT_MS = 2000;
export const STALE_MS = 60_000;

export interface Owner {
  pid: number;
  host: string;
  token: string;
}

export function newOwner(): Owner {
  return { pid: process.pid, host: os.hostname(), token: randomUUID() };
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, but not ours to signal
  }
}

export interface OwnedRow {
  owner_pid: number | null;
  owner_host: string | null;
  owner_token: string | null;
  heartbeat_at: number | null;
}

export function ownerGone(row: OwnedRow, me: Owner, now: number): boolean {
  if (row.owner_token === me.token) return false;
  if (row.owner_pid === null) return true;
  if (row.owner_host === me.host) return !pidAlive(row.owner_pid);
  return row.heartbeat_at === null || now - row.heartbeat_at > STALE_MS;
}
