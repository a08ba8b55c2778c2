/**
 * A run's points as CSV, every one of them: `series,step,time_ms,value`, one line per point, series in
 * the order they were first streamed, points in step order. Numbers are written so they read back
 * exactly (JavaScript's shortest round-trip form; NaN, Infinity and -Infinity as words).
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
  return `${lines.join('\n')}\n`;
}
