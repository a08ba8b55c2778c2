/**
 * The labs a stored run can be: how to validate its config, read its seed, start its native session
 * and turn its summary into a run status. Adding a lab to the app means adding it here (and its
 * protocol schema).
 */
import { parseRaceConfig, parseTrainConfig, startRace, startTraining, type LabSession, type SessionOptions } from '../native/index.js';
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
}

type Summary = { status?: string; optimizers?: { status?: string }[] };

export const LAB_KINDS: Record<string, LabKind> = {
  race: {
    parse: (c) => parseRaceConfig(c),
    seed: (c) => (c as { seed?: number }).seed ?? null,
    start: (c, o) => startRace(c as Parameters<typeof startRace>[0], o) as unknown as LabSession<unknown>,
    outcome: (s) => {
      const sum = s as Summary;
      const all = sum.optimizers ?? [];
      if (sum.status === 'stopped') return { status: 'stopped', labStatus: 'stopped' };
      if (all.length > 0 && all.every((o) => o.status === 'diverged')) return { status: 'diverged', labStatus: 'diverged' };
      return { status: 'completed', labStatus: sum.status ?? 'completed' };
    },
    weights: false,
  },
  train: {
    parse: (c) => parseTrainConfig(c),
    seed: (c) => (c as { seed?: number }).seed ?? null,
    start: (c, o) => startTraining(c as Parameters<typeof startTraining>[0], o) as unknown as LabSession<unknown>,
    outcome: (s) => {
      const st = (s as Summary).status ?? 'completed';
      if (st === 'diverged') return { status: 'diverged', labStatus: st };
      if (st === 'stopped') return { status: 'stopped', labStatus: st };
      return { status: 'completed', labStatus: st };
    },
    weights: true,
  },
};

export const LAB_NAMES = Object.keys(LAB_KINDS);
