/**
 * The labs a stored run can be, made from the lab kit's descriptors (src/labs/): how to validate a
 * config, read its seed, start its native session and turn its summary into a run status. Nothing here
 * names a lab: a new lab's descriptor is enough.
 */
import { LABS } from '../labs/index.js';
import { LabSession, type SessionOptions } from '../native/session.js';
import { SessionOptionsSchema } from '../native/schemas.js';
import { parseOrThrow } from '../native/validate.js';
import type { RunStatus } from './run-types.js';

export interface LabKind {
  /** Validates and fills defaults (throws LabError naming the field). */
  parse(config: unknown): unknown;
  seed(config: unknown): number | null;
  start(config: unknown, options: SessionOptions): LabSession<unknown>;
  /** The run status for a summary, and the lab's own status word. */
  outcome(summary: unknown): { status: RunStatus; labStatus: string };
  /** Whether the run can leave trained weights (its config takes save_weights). */
  weights: boolean;
  /** A run's default name (the descriptor's runName). */
  runName(config: unknown): string;
  /** A live update's changes as config paths and new values (the descriptor's updateChanges). */
  updateChanges(update: Record<string, unknown>, config?: Record<string, unknown>): Record<string, number | boolean>;
}

export const LAB_KINDS: Record<string, LabKind> = Object.fromEntries(
  LABS.map((d) => [
    d.id,
    {
      parse: (c: unknown) => parseOrThrow(d.configSchema, c, d.id),
      seed: d.seed,
      start: (c: unknown, o: SessionOptions) => new LabSession(d.id, parseOrThrow(d.configSchema, c, d.id), parseOrThrow(SessionOptionsSchema, o, 'options')),
      outcome: d.outcome,
      weights: d.weights,
      updateChanges: (u: Record<string, unknown>, c?: Record<string, unknown>) => d.updateChanges(u, c),
      runName: (c: unknown) => d.runName((c ?? {}) as Record<string, unknown>),
    } satisfies LabKind,
  ]),
);

export const LAB_NAMES = Object.keys(LAB_KINDS);
