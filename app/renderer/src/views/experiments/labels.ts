/**
 * Translated words for values the store gives as identifiers: lab ids, run statuses and the labs' own
 * end statuses. An id with no translation (a lab added later) shows as it is.
 */
import { RUN_STATUSES, type RunStatus } from '../../../../../src/experiments/run-types';
import type { StringKey } from '../../i18n/strings';

type T = (key: StringKey, vars?: Record<string, string | number>) => string;

export const STATUSES: readonly RunStatus[] = RUN_STATUSES;

export function labLabel(t: T, lab: string): string {
  return lab === 'race' || lab === 'train' ? t(`experiments.lab.${lab}`) : lab;
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
