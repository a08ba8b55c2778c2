/**
 * Translated words for values the store gives as identifiers: lab names (from the labs' descriptors), run statuses and the labs' own
 * end statuses. An id with no translation (a lab added later) shows as it is.
 */
import { RUN_STATUSES, type RunStatus } from '../../../../../src/experiments/run-types';
import { labOf } from '../../../../../src/labs/index';
import type { Lang, StringKey } from '../../i18n/strings';

type T = (key: StringKey, vars?: Record<string, string | number>) => string;

export const STATUSES: readonly RunStatus[] = RUN_STATUSES;

/** The lab's name in the UI's language, from its descriptor (src/labs/); an unknown id shows as it is. */
export function labLabel(lang: Lang, lab: string): string {
  const d = labOf(lab);
  return d ? (lang === 'en' ? d.names.en : d.names.zh) : lab;
}

export function statusLabel(t: T, status: RunStatus): string {
  return t(`experiments.status.${status}`);
}

const LAB_STATUS = ['reached_target', 'early_stopped', 'converged'] as const;

/** The lab's own end status when it says more than the run status ("early stopped"), else null. */
export function labStatusLabel(t: T, labStatus: string | null): string | null {
  const s = LAB_STATUS.find((x) => x === labStatus);
  return s ? t(`experiments.lab_status.${s}`) : null;
}
