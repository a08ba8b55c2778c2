/**
 * The optimizer race as a PyTorch script (race.py is the template): the run's config resolved by the
 * engine (every default filled in), its function (a built-in's name and params, or a formula's compiled
 * program), and its live changes, written into the script as data. The script replays the run to the
 * last bit in float64 (test/node/A3.pytorch-export.test.ts).
 */
import { describeFunction, listLandscapes } from '../../native/landscapes.js';
import { resolveRace } from '../../native/race.js';
import type { RaceConfig } from '../../native/schemas.js';
import type { Run } from '../../experiments/run-types.js';
import type { RunEvent } from '../../experiments/runs.js';
import { fillTemplate, readTemplate, type ExportFiles, type ScriptExporter } from './script.js';

type Json = Record<string, unknown>;

/** The function as the script evaluates it: a built-in with every param, or a formula's program. */
function functionSpec(config: RaceConfig): Json {
  const spec = config.function as string | Json;
  const d = describeFunction(spec as never);
  const params: Record<string, number | boolean> = {};
  if (d.program.length === 0) {
    const info = listLandscapes().find((l) => l.name === d.name);
    for (const p of info?.params ?? []) params[p.name] = p.default;
    Object.assign(params, (typeof spec === 'object' ? (spec.params as Record<string, number> | undefined) : undefined) ?? {});
  }
  // constants JSON cannot carry (±Infinity, NaN, −0) as text that Python's float() reads
  const program = d.program.map(([op, k]) => [op, Number.isFinite(k) && !Object.is(k, -0) ? k : Object.is(k, -0) ? '-0.0' : String(k)]);
  return { name: d.name, formula: d.formula, params, program };
}

export const raceExporter: ScriptExporter = {
  template: 'race.py',
  script(run: Run, events: RunEvent[]): ExportFiles {
    const config = run.config as RaceConfig;
    const resolved = resolveRace(config) as unknown as Json;
    const race = { ...resolved, function: functionSpec(config) };
    // a run stopped early replays the steps it ran, and ends "stopped" as it did
    const stoppedAt = run.status === 'stopped' ? run.steps : null;
    const title = `Gradient Lab run ${run.id}: ${run.name}`;
    const data = { title, run_id: run.id, stopped_at: stoppedAt, race, changes: events.map((e) => ({ step: e.step, field: e.field, new: e.new })) };
    return { script: fillTemplate(readTemplate('race.py'), { TITLE: title, RUN_ID: String(run.id), RUN_JSON: JSON.stringify(data, null, 2) }), files: [] };
  },
};
