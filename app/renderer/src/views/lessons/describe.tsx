/**
 * An observation in words of the app's language ("the run ends Diverged", "race_f ≤ 1e-6 within 200
 * steps"); series names stay as the store names them.
 */
import type { Observation } from '../../../../../src/lessons/observe';
import { compactNumber } from '../../../../../src/format/number';
import type { StringKey } from '../../i18n/strings';

type T = (key: StringKey, vars?: Record<string, string | number>) => string;

const OP: Record<string, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' };
const STATUS_WORDS = new Set(['completed', 'stopped', 'diverged', 'failed', 'interrupted']);

export function describeObservation(o: Observation, t: T): string {
  if (o.kind === 'status') {
    const shown = STATUS_WORDS.has(o.word) ? t(`lab.status.${o.word}` as StringKey).replace(/[:：].*$/, '') : o.word;
    const word = shown.charAt(0).toLowerCase() + shown.slice(1);  // "Diverged" inside a sentence
    return t(o.negate ? 'lessons.obs.status_not' : 'lessons.obs.status', { word });
  }
  if (o.kind === 'series') {
    const what = t('lessons.obs.series', { series: o.series, op: OP[o.op]!, value: compactNumber(o.value) });
    if (!o.within) return what;
    return t(o.within.unit === 'steps' ? 'lessons.obs.within_steps' : 'lessons.obs.within_epochs', { what, n: o.within.count });
  }
  if (o.kind === 'final') return t('lessons.obs.final', { series: o.series, op: OP[o.op]!, value: compactNumber(o.value) });
  return t('lessons.obs.final_vs', { series: o.series, op: OP[o.op]!, other: o.other });
}

/** Text with series names (race_f, epoch_test_acc) set as code. */
export function WithSeries({ text }: { text: string }) {
  const parts = text.split(/([a-z]+\d*_[a-z0-9_]+)/g);
  return <>{parts.map((p, i) => (i % 2 === 1 ? <code key={i}>{p}</code> : p))}</>;
}
