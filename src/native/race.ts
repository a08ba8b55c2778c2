/**
 * The optimizer race: several optimizers from one start on one 2-D landscape, streamed live.
 *   const race = startRace({ function: 'rosenbrock', optimizers: [{ type: 'adam', lr: 0.01 }] });
 *   race.on('batch', (b) => draw(b.index, b.columns.x, b.columns.y));
 *   const summary = await race.done;
 * Row k of an optimizer's stream is its state after k updates (row 0 = the start); see RaceColumn.
 */
import { native } from './binding.js';
import type { Batch } from './events.js';
import { parseRaceUpdate, RaceConfigSchema, SessionOptionsSchema, type ParsedRaceConfig, type RaceConfig, type RaceUpdate } from './schemas.js';
import { LabSession, type SessionOptions } from './session.js';
import { parseOrThrow } from './validate.js';

/**
 * Columns of a race batch: step; x, y, f; gx, gy (the gradient at this point that the next update uses,
 * noise included); gnorm (‖∇f‖ without noise); lr (learning rate of the update that led here, NaN in
 * row 0); then `<state>_x`, `<state>_y` for each state value of the optimizer (v, G, m, v, m_hat…).
 */
export type RaceColumn = 'step' | 'x' | 'y' | 'f' | 'gx' | 'gy' | 'gnorm' | 'lr' | `${string}_x` | `${string}_y`;
export type RaceBatch = Batch<RaceColumn>;

export type OptimizerStatus = 'running' | 'converged' | 'reached_target' | 'diverged' | 'completed' | 'stopped';

export interface RaceOptimizerSummary {
  name: string;
  type: string;
  status: OptimizerStatus;
  steps: number;
  hypers: Record<string, number | boolean>;
  final: { x: number; y: number; f: number; gnorm: number };
}

export interface RaceSummary {
  status: 'completed' | 'stopped';
  steps: number;
  elapsed_ms: number;
  ms_per_step: number;
  updates: number;
  optimizers: RaceOptimizerSummary[];
}

export interface RaceNotice {
  type: 'optimizer_status';
  optimizer: number;
  status: OptimizerStatus;
  step: number;
  reason?: string;
}

export interface ResolvedRace {
  function: { name: string; formula: string };
  start: [number, number];
  steps: number;
  seed: number;
  noise: { sigma: number };
  stop: { grad_tol: number; diverge_bound: number; f_target?: number };
  optimizers: { type: string; name: string; hypers: Record<string, number | boolean>; schedule: Record<string, number | string> }[];
}

export class RaceSession extends LabSession<RaceSummary, RaceBatch, RaceNotice> {
  override update(change: RaceUpdate): void {
    super.update(parseRaceUpdate(change));
  }
}

/** Validates (LabError on bad input, nothing started) and starts a race on its own native thread. */
/** Validates a race config (LabError naming the field, rooted at "race") and fills its defaults. */
export const parseRaceConfig = (input: unknown): ParsedRaceConfig => parseOrThrow(RaceConfigSchema, input, 'race');

export function startRace(config: RaceConfig, options: SessionOptions = {}): RaceSession {
  const parsed = parseRaceConfig(config);
  const opts = parseOrThrow(SessionOptionsSchema, options, 'options');
  return new RaceSession('race', parsed, opts);
}

/** The config with every default filled in, as the engine will run it. */
export function resolveRace(config: RaceConfig): ResolvedRace {
  return native().resolveRace(parseRaceConfig(config)) as ResolvedRace;
}
