/**
 * One lesson run and what it watches, outside React: the run's batches feed an Observer (did the step
 * happen?) and keep each series' latest value for the read-out. A new run starts a new watch.
 */
import { Observer, type Observation } from '../../../../../src/lessons/observe';

export class WatchedRun {
  observer: Observer | null;
  last = new Map<string, number>();
  version = 0;

  constructor(readonly observation: Observation | null) {
    this.observer = observation ? new Observer(observation) : null;
  }

  readonly sink = {
    batch: (b: { stream: string; index: number; columns: Record<string, Float64Array> }) => {
      this.observer?.batch(b.stream, b.index, b.columns);
      for (const [col, values] of Object.entries(b.columns)) if (values.length > 0) this.last.set(`${b.stream}${b.index > 0 ? b.index : ''}_${col}`, values[values.length - 1]!);
      this.version++;
    },
    clear: () => {
      this.observer = this.observation ? new Observer(this.observation) : null;
      this.last.clear();
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
