/**
 * One point of a sweep made into a run config, with no Node imports (the sweep form checks each run's
 * config as the host will build it): sweep.ts expands the points, this sets them.
 */
import { OPTIMIZERS } from '../native/catalog.js';
import { formatConfigPath, getConfigValue, lastKey, parseConfigPath, setConfigValue } from './config-path.js';

export type SweepValue = string | number | boolean;

/**
 * The config of one sweep point: the base with the point's values set. A point that sets an
 * optimizer's type (a path ending in ".type" whose object is an optimizer spec) also drops the
 * hyper-parameters the new type does not have — momentum's beta when the type becomes adam — unless
 * the point sets them itself, so "vary the optimizer" works from a base that tunes one of them.
 */
export function pointConfig(base: unknown, point: Record<string, SweepValue>): unknown {
  let config = Object.entries(point).reduce<unknown>((c, [k, v]) => setConfigValue(c, k, v), base);
  for (const [path, type] of Object.entries(point)) {
    const segments = parseConfigPath(path);
    if (!segments || segments[segments.length - 1] !== 'type') continue;
    const meta = OPTIMIZERS.find((o) => o.type === type);
    const parent = segments.slice(0, -1);
    const spec = getConfigValue(config, parent);
    if (!meta || typeof spec !== 'object' || spec === null || Array.isArray(spec)) continue;
    const known = new Set<string>(['type', 'name', 'schedule', ...meta.hypers.map((h) => h.name)]);
    const setHere = new Set(Object.keys(point).filter((k) => k.startsWith(`${formatConfigPath(parent)}.`)).map((k) => lastKey(k)));
    const kept = Object.fromEntries(Object.entries(spec).filter(([k]) => known.has(k) || setHere.has(k)));
    config = setConfigValue(config, parent, kept);
  }
  return config;
}

/** A grid's points, every combination of its values: the last path varies fastest (the host's and the form's order). */
export function gridPoints(grid: Record<string, readonly SweepValue[]>): Record<string, SweepValue>[] {
  let points: Record<string, SweepValue>[] = [{}];
  for (const [path, values] of Object.entries(grid)) points = points.flatMap((p) => values.map((v) => ({ ...p, [path]: v })));
  return points;
}
