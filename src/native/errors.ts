/**
 * LabError — the one error class of the engine, thrown by the native addon and by validation in
 * TypeScript alike. `code` is stable (match on it, never on the message); the message names the field,
 * the value received and what was expected, e.g.
 *   race.optimizers[0].lr: expected a finite number > 0, got -1
 */
export type LabErrorCode =
  | 'INVALID_CONFIG'
  | 'UNKNOWN_OPTIMIZER'
  | 'UNKNOWN_FUNCTION'
  | 'UNKNOWN_HYPERPARAMETER'
  | 'FORMULA_SYNTAX'
  | 'SESSION_STATE'
  | 'NATIVE_LOAD'
  | 'INTERNAL'
  // the experiment store (src/experiments)
  | 'UNKNOWN_RUN'
  | 'STORE_VERSION'
  | 'BUNDLE_FORMAT'
  | 'RUN_STATE';

export class LabError extends Error {
  readonly code: LabErrorCode;
  /** FORMULA_SYNTAX only: the 1-based position (in UTF-16 code units, as JS counts) to underline. */
  position?: number;

  constructor(message: string, code: LabErrorCode | string) {
    super(message);
    this.name = 'LabError';
    this.code = code as LabErrorCode;
  }
}

export function isLabError(e: unknown): e is LabError {
  return e instanceof LabError;
}
