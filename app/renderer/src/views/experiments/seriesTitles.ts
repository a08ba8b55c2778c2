/**
 * Stored series in words for the experiments view (the labs' descriptors: src/labs/kit.ts seriesTitle):
 * "adam 0.01 · f(x, y)" instead of race1_f. Over several runs a series keeps its member's name when
 * every run names it alike, else the generic one ("optimizer 2 · f(x, y)").
 */
import { isAxisSeries, labOf, seriesTitle } from '../../../../../src/labs/index';
import type { Lang } from '../../i18n/strings';

interface RunLike {
  lab: string;
  config: unknown;
}

const kitLang = (lang: Lang): 'en' | 'zh' => (lang === 'en' ? 'en' : 'zh');

export function titleOver(name: string, runs: readonly RunLike[], lang: Lang): string {
  if (runs.length === 0) return name;
  const l = kitLang(lang);
  const titles = new Set(runs.map((r) => seriesTitle(labOf(r.lab), name, (r.config ?? null) as Record<string, unknown> | null, l)));
  return titles.size === 1 ? [...titles][0]! : seriesTitle(labOf(runs[0]!.lab), name, null, l);
}

/** Whether the series is only another series' x (an epoch column): left out of chart choices. */
export function axisOnly(name: string, runs: readonly RunLike[]): boolean {
  return runs.length > 0 && runs.every((r) => isAxisSeries(labOf(r.lab), name));
}
