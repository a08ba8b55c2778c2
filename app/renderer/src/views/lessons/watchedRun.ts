/**
 * One lesson run and what it watches, outside React: the run's batches feed an Observer (did the step
 * happen?) and keep each series' latest value for the read-out. A new run starts a new watch.
 */
import { splitSeries } from '../../../../../src/labs/kit';
import { Observer, observedSeries, type Observation } from '../../../../../src/lessons/observe';
import { SeriesBuffer } from '../../charts/SeriesBuffer';

export class WatchedRun {
  observer: Observer | null;
  last = new Map<string, number>();
  version = 0;

  /** the observed series (the first, when an observation compares two), by step, for the step's chart */
  readonly charted: string | null;
  readonly chart = new SeriesBuffer(1);
  private readonly chartedAt: { stream: string; member: number; column: string } | null;

  /** `fallback`: the series to chart when the observation reads none (a status): the lab's key metric */
  constructor(readonly observation: Observation | null, fallback: string | null = null) {
    this.observer = observation ? new Observer(observation) : null;
    this.charted = (observation ? observedSeries(observation)[0] : undefined) ?? fallback;
    this.chartedAt = this.charted ? splitSeries(this.charted) : null;
  }

  readonly sink = {
    batch: (b: { stream: string; index: number; columns: Record<string, Float64Array> }) => {
      this.observer?.batch(b.stream, b.index, b.columns);
      for (const [col, values] of Object.entries(b.columns)) if (values.length > 0) this.last.set(`${b.stream}${b.index > 0 ? b.index : ''}_${col}`, values[values.length - 1]!);
      const at = this.chartedAt;
      const ys = at && at.stream === b.stream && at.member === b.index ? b.columns[at.column] : undefined;
      const xs = b.columns.step ?? b.columns.epoch;
      if (ys && xs) this.chart.append(xs, [ys]);
      this.version++;
    },
    clear: () => {
      this.observer = this.observation ? new Observer(this.observation) : null;
      this.last.clear();
      this.chart.clear();
      this.version++;
    },
  };

  /** The run ended: observations about the end (status, final values) decide now. */
  end(status: string, labStatus?: string): boolean {
    this.observer?.end(status, labStatus ?? null);
    this.version++;
    return this.observer?.fired ?? false;
  }
}

export const watchVersion = (w: WatchedRun) => w.version;
export const watchSnapshot = (w: WatchedRun) => ({ fired: w.observer?.fired ?? false, last: new Map(w.last) });
