/**
 * The live changes of the overlaid runs (#11: they were marked in the training lab only), as chart
 * markers at their step: "#3 lr 0.01→0.003". Only on a step axis (an event knows its step, not its
 * epoch or time). Pure.
 */
import type { ChartEvent } from '../../charts/LiveChart';

export interface RunEventLike {
  step: number;
  field: string;
  old: number | boolean | null;
  new: number | boolean;
}

/** "optimizers[1].lr" → "lr"; "noise.sigma" → "sigma"; "thinned" stays. */
const short = (field: string) => field.slice(field.lastIndexOf('.') + 1);

export function overlayEvents(ids: readonly number[], eventsOf: ReadonlyMap<number, readonly RunEventLike[]>): ChartEvent[] {
  const out: ChartEvent[] = [];
  for (const id of ids)
    for (const e of eventsOf.get(id) ?? []) {
      if (e.field === 'thinned') continue; // not a change of the run's course
      out.push({ x: e.step, label: `#${id} ${short(e.field)} ${e.old === null ? '' : `${String(e.old)}→`}${String(e.new)}` });
    }
  return out.sort((a, b) => a.x - b.x);
}
