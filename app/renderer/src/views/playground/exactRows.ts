/**
 * Exact rows of steps a bounded track no longer keeps (TrajectoryStore compacts a long race's past):
 * read on demand from the store (`runs/series` of each column, from step k − 1 to k), kept in a small
 * cache for the numbers panel and the map's ring at that step. `version` changes when rows arrive.
 */
import type { LabClient } from '../../../../../src/protocol/client';

type Row = Record<string, number>;

/** How many steps' rows the cache keeps (the slider is dragged through many). */
const KEEP = 256;

export class ExactRows {
  private rows = new Map<string, Row>();
  private asked = new Set<string>();
  version = 0;

  private key = (run: number, member: number, step: number) => `${run}:${member}:${step}`;

  /** Optimizer `member`'s row at `step` of run `run`, if read already. */
  get(run: number, member: number, step: number): Row | undefined {
    return this.rows.get(this.key(run, member, step));
  }

  /** Reads steps `from`…`to` of member `member` (its columns `names`, but step) unless asked already; errors leave them unread. */
  fetch(client: Pick<LabClient, 'request'>, run: number, member: number, from: number, to: number, names: readonly string[]): void {
    const key = this.key(run, member, to);
    if (this.asked.has(key)) return;
    this.asked.add(key);
    const columns = names.filter((n) => n !== 'step');
    const prefix = `race${member || ''}_`;
    void Promise.all(columns.map((c) => client.request('runs/series', { id: run, name: `${prefix}${c}`, from, to }))).then(
      (read) => {
        for (let s = from; s <= to; s++) {
          const row: Row = { step: s };
          read.forEach((r, i) => {
            const at = Array.prototype.indexOf.call(r.steps, s) as number;
            row[columns[i]!] = at >= 0 ? r.values[at]! : NaN;
          });
          this.rows.set(this.key(run, member, s), row);
        }
        while (this.rows.size > KEEP) this.rows.delete(this.rows.keys().next().value!);
        this.version++;
      },
      () => this.asked.delete(key),
    );
  }

  clear(): void {
    this.rows.clear();
    this.asked.clear();
    this.version++;
  }
}
