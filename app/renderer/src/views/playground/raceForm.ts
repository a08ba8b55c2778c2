/**
 * A race config (a lesson's preset) as the playground's settings: the landscape choice, the optimizer
 * entries with their colours, the steps and the gradient noise. (A preset's start point is not kept yet:
 * the playground starts each landscape from its default start.)
 */
import type { OptimizerValue } from '../../components/OptimizerEditor';
import type { LandscapeChoice } from './landscapeSpec';
import type { OptimizerEntry } from './OptimizerList';
import { RACE_COLORS } from './raceColors';

export interface RaceForm {
  choice: LandscapeChoice;
  entries: OptimizerEntry[];
  steps: number;
  sigma: number;
}

export function raceFormFromConfig(c: Record<string, unknown>): RaceForm | null {
  const fn = c.function;
  let choice: LandscapeChoice;
  if (typeof fn === 'string') choice = { kind: 'builtin', name: fn, params: {} };
  else if (fn && typeof fn === 'object' && typeof (fn as { formula?: unknown }).formula === 'string') choice = { kind: 'formula', formula: (fn as { formula: string }).formula };
  else if (fn && typeof fn === 'object' && typeof (fn as { name?: unknown }).name === 'string')
    choice = { kind: 'builtin', name: (fn as { name: string }).name, params: ((fn as { params?: Record<string, number> }).params ?? {}) };
  else return null;
  const opts = Array.isArray(c.optimizers) ? (c.optimizers as OptimizerValue[]) : [];
  if (opts.length === 0) return null;
  return {
    choice,
    entries: opts.map((o, i) => ({ key: i + 1, color: RACE_COLORS[i % RACE_COLORS.length]!, value: { ...o } })),
    steps: typeof c.steps === 'number' ? c.steps : 1000,  // the engine's default (labs/race.cpp)
    sigma: typeof (c.noise as { sigma?: unknown } | undefined)?.sigma === 'number' ? (c.noise as { sigma: number }).sigma : 0,
  };
}
