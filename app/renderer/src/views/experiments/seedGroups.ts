/**
 * Runs repeated over seeds (#11, "repeat over seeds"), as the overlay draws them: the runs of one sweep
 * whose settings are the same but for the seed form a group, drawn as their mean with mean ± one
 * standard deviation faint around it (the usual way to compare optimizers); other runs stay single.
 * Pure (the view and the tests use it).
 */
import { labOf } from '../../../../../src/labs/index';

export interface GroupableRun {
  id: number;
  lab: string;
  sweepId: number | null;
  config: unknown;
}

/** JSON with every object's keys in order, so equal settings give equal text whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** The config without the lab's seed (its descriptor's seedPath, top-level), as text for comparison. */
function withoutSeed(r: GroupableRun): string {
  const path = labOf(r.lab)?.seedPath ?? 'seed';
  const c = { ...((r.config ?? {}) as Record<string, unknown>) };
  delete c[path];
  return canonical(c);
}

/** Groups of run ids, in the order of `runs`: one per sweep and seedless config (≥ 2 runs), the rest single. */
export function seedGroups(runs: readonly GroupableRun[]): number[][] {
  const groups = new Map<string, number[]>();
  const order: string[] = [];
  for (const r of runs) {
    const key = r.sweepId !== null ? `${r.lab}\u0000${r.sweepId}\u0000${withoutSeed(r)}` : `single\u0000${r.id}`;
    if (!groups.has(key)) {
      groups.set(key, []);
      order.push(key);
    }
    groups.get(key)!.push(r.id);
  }
  return order.map((k) => groups.get(k)!);
}

/**
 * Per x, the mean and mean ± the standard deviation (population, over the members with a finite value
 * there) of the members' values. Where no member has a point (null: joinSeries' "absent") the result is
 * absent too; where members have points but none finite (all diverged), NaN, which the chart marks.
 */
type Col = (number | null)[];
export function meanBand(ys: readonly Col[]): { mean: Col; lo: Col; hi: Col } {
  const n = ys[0]?.length ?? 0;
  const mean: Col = [],
    lo: Col = [],
    hi: Col = [];
  for (let i = 0; i < n; i++) {
    let k = 0,
      present = 0,
      sum = 0;
    for (const y of ys) {
      const v = y[i];
      if (v === null || v === undefined) continue;
      present++;
      if (Number.isFinite(v)) {
        k++;
        sum += v;
      }
    }
    if (present === 0 || k === 0) {
      const none = present === 0 ? null : NaN;
      mean.push(none);
      lo.push(none);
      hi.push(none);
      continue;
    }
    const m = sum / k;
    let sq = 0;
    for (const y of ys) {
      const v = y[i];
      if (v !== null && v !== undefined && Number.isFinite(v)) sq += (v - m) * (v - m);
    }
    const sd = Math.sqrt(sq / k);
    mean.push(m);
    lo.push(m - sd);
    hi.push(m + sd);
  }
  return { mean, lo, hi };
}
