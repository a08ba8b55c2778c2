/**
 * `--save` for the commands that otherwise train in one engine call (gradlab vae, gan, seq, attention,
 * rl train): the lab's session runs through the experiment store exactly as the app runs it — every
 * point of every series, the frames and the weights kept (see `gradlab runs`), ready for `gradlab runs
 * export ID --pytorch`. The session trains with the same engine code as the one call, so its
 * summary.final holds the same numbers under the same names. What it prints:
 *   json   {run_id, config, summary}
 *   csv    one row: run_id and each of summary.final's numbers
 *   table  the final numbers, one per line; the run id goes to stderr, as for `gradlab train --save`
 */
import type { LabDescriptor } from '../labs/kit.js';
import { csv, json, table, type Format } from './format.js';
import { savedRun, type SaveArgs } from './live-run.js';

export interface SavedLabArgs extends SaveArgs {
  format: Format;
}

export interface SavedLabOptions {
  /** the config as printed (a text or image bytes shown by where they came from); default: the config */
  printable?: unknown;
  /** what the store keeps instead of the config (image bytes described); default: the config */
  storedConfig?: unknown;
}

export async function savedLabCommand(lab: LabDescriptor, config: unknown, a: SavedLabArgs, o: SavedLabOptions = {}): Promise<string> {
  const run = await savedRun<Record<string, unknown>, unknown, unknown>(lab.id, config, a, undefined, o.storedConfig);
  const summary = await run.done;
  const final = (summary.final ?? {}) as Record<string, unknown>;
  const names = Object.keys(final);
  if (a.format === 'json') return json({ run_id: run.runId, config: o.printable ?? config, summary });
  process.stderr.write(`gradlab: saved as run ${run.runId}\n`);
  if (a.format === 'csv') return csv(['run_id', ...names], [[run.runId!, ...names.map((n) => final[n] as number)]]);
  return `${lab.names.en} run ${run.runId}: ${String(summary.status)} after ${String(summary.steps)} steps\n\n` + table(['final', 'value'], names.map((n) => [n, (final[n] as number | null) ?? '—'])) + '\n';
}
