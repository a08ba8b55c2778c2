/**
 * A run's points as CSV, every one of them: `series,step,time_ms,value`, one line per point, series in
 * the order they were first streamed, points in step order. Numbers are written so they read back
 * exactly (JavaScript's shortest round-trip form; NaN, Infinity and -Infinity as words). The run's live
 * changes follow as points of series `event:<config path>` (the step before the change took effect,
 * its time since the run started, the new value; true/false as 1/0).
 */
import type { Store } from './store.js';

export async function runCsv(store: Store, runId: number, series?: string[]): Promise<string> {
  await store.getRun(runId); // UNKNOWN_RUN
  const names = series ?? (await store.listSeries(runId)).map((s) => s.name);
  const lines = ['series,step,time_ms,value'];
  for (const name of names) {
    const p = await store.readRaw(runId, name);
    for (let i = 0; i < p.steps.length; i++) lines.push(`${name},${p.steps[i]},${p.times[i]},${p.values[i]}`);
  }
  if (!series) {
    const run = await store.getRun(runId);
    for (const e of await store.events(runId))
      lines.push(`event:${e.field},${e.step},${e.at - (run.startedAt ?? run.createdAt)},${typeof e.new === 'boolean' ? Number(e.new) : e.new}`);
  }
  return `${lines.join('\n')}\n`;
}
