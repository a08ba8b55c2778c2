/**
 * StoreError — what the experiment store throws: a LabError (same `code` discipline) with the store's
 * codes: UNKNOWN_RUN (no run with that id), STORE_VERSION (a store or bundle from a newer version),
 * BUNDLE_FORMAT (a malformed bundle), RUN_STATE (an edit the run's status does not allow), STORE_DAMAGED
 * (the store file is corrupt, truncated or not a database: health.ts).
 */
import { LabError } from '../native/errors.js';

export type StoreErrorCode = 'UNKNOWN_RUN' | 'STORE_VERSION' | 'BUNDLE_FORMAT' | 'RUN_STATE' | 'INVALID_CONFIG' | 'STORE_DAMAGED';

export class StoreError extends LabError {
  constructor(message: string, code: StoreErrorCode) {
    super(message, code);
    this.name = 'StoreError';
  }
}
