/**
 * Several runs' series on one x axis, for overlaying on a chart:
 *   step      the lab's step (every series has it)
 *   epoch     training runs: the epoch stream's own epoch numbers, or for per-step series the
 *             fractional epoch step / steps-per-epoch
 *   examples  training runs: training examples seen by that step (epochs × training rows + the
 *             batches of the current epoch × batch size)
 *   time      wall time in ms since the run started
 * Each run's series is reduced to at most maxPoints points (decimate.ts), so spikes and NaN stay.
 * Series names are `${stream}${index}_${column}`; stream names contain no underscore.
 */
import { labOf, splitSeries } from '../labs/index.js';
import { decimate } from './decimate.js';
import { StoreError } from './errors.js';
import type { Store } from './store.js';

export const ALIGN_BY = ['step', 'epoch', 'examples', 'time'] as const;
export type AlignBy = (typeof ALIGN_BY)[number];

export interface ComparedSeries {
  id: number;
  name: string;
  x: Float64Array;
  values: Float64Array;
  raw: boolean;
}

export async function compareRuns(store: Store, ids: number[], series: string, opts: { x?: AlignBy; maxPoints?: number } = {}): Promise<ComparedSeries[]> {
  const by = opts.x ?? 'step';
  if (!ALIGN_BY.includes(by)) throw new StoreError(`x: expected one of ${ALIGN_BY.join(', ')}, got ${JSON.stringify(by)}`, 'INVALID_CONFIG');
  const maxPoints = opts.maxPoints ?? 2000;
  const out: ComparedSeries[] = [];
  for (const id of ids) {
    const run = await store.getRun(id);
    const p = await store.readRaw(id, series);
    let x: Float64Array;
    if (by === 'step') x = p.steps;
    else if (by === 'time') x = p.times;
    else {
      const s = run.summary as { batch_size?: number; train_rows?: number } | null;
      const prefix = series.slice(0, series.indexOf('_'));
      const part = splitSeries(series);
      const epochs = part ? (labOf(run.lab)?.streams[part.stream]?.epochs ?? null) : null;
      if (epochs === null)
        throw new StoreError(`run ${id} (${run.lab}): ${series} has no epochs; draw it against step or time`, 'INVALID_CONFIG');
      if (epochs === 'column' && by === 'epoch') {
        x = (await store.readRaw(id, `${prefix}_epoch`)).values;
      } else {
        if (!s?.batch_size || !s.train_rows)
          throw new StoreError(`run ${id} (${run.lab}): x = ${by} needs a finished training run (its batch size and training rows)`, 'INVALID_CONFIG');
        const perEpoch = Math.ceil(s.train_rows / s.batch_size);
        const batch = s.batch_size,
          rows = s.train_rows;
        x = by === 'epoch' ? p.steps.map((st) => st / perEpoch) : p.steps.map((st) => Math.floor(st / perEpoch) * rows + Math.min(rows, (st % perEpoch) * batch));
      }
    }
    const d = decimate({ steps: x, times: p.times, values: p.values }, maxPoints);
    out.push({ id, name: run.name, x: d.steps, values: d.values, raw: d.values === p.values });
  }
  return out;
}
