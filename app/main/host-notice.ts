/**
 * What the user is told about the lab host (host-supervisor.ts events), as a message box in the UI's
 * language: the runs a restarted host found interrupted (or, at start, the ones a previous crash
 * left), a host that keeps dying, a store it cannot open. A healthy start or a crash that is being
 * restarted says nothing (the restart's own notice follows).
 */
import type { Repair } from '../../src/host/utility-messages.js';
import type { SupervisorEvent } from './host-supervisor.js';
import { mainText, type MainLang } from './strings.js';

export interface Notice {
  type: 'warning' | 'error';
  message: string;
  detail: string;
  buttons: string[];
  /** index of the button that asks the supervisor to try again, if any */
  retryButton?: number;
  /** buttons that restart the host repairing a damaged store first (by index) */
  repairButtons?: Partial<Record<number, Repair>>;
}

export function hostNotice(lang: MainLang, e: SupervisorEvent): Notice | null {
  const t = (key: Parameters<typeof mainText>[1], vars?: Record<string, string | number>) => mainText(lang, key, vars);
  switch (e.kind) {
    case 'ready': {
      if (e.repaired) {
        const r = e.repaired;
        const head = r.repair === 'recover' ? t('host.repairedRecover', { runs: r.runs ?? 0 }) : t('host.repairedSetAside');
        const lost = r.unreadable ? [t('host.repairedLost', { count: r.unreadable })] : [];
        return { type: 'warning', message: head, detail: [t('host.repairedDetail', { file: r.setAsideAs }), ...lost].join('\n'), buttons: [t('button.ok')] };
      }
      if (!e.afterCrash && e.interrupted.length === 0) return null;
      const head = e.afterCrash ? t('host.restarted', { code: e.exitCode ?? '?' }) : t('host.recovered');
      const list = e.interrupted.map((r) => t('host.run', { id: r.id, name: r.name, lab: r.lab, steps: r.steps }));
      if (list.length === 0) return e.afterCrash ? { type: 'warning', message: head, detail: '', buttons: [t('button.ok')] } : null;
      return { type: 'warning', message: head, detail: [t('host.interrupted'), ...list].join('\n'), buttons: [t('button.ok')] };
    }
    case 'gave-up':
      return {
        type: 'error',
        message: t('host.gaveUp', { code: e.exitCode, count: e.crashes }),
        detail: t('host.gaveUpDetail'),
        buttons: [t('button.retry'), t('button.close')],
        retryButton: 0,
      };
    case 'fatal':
      if (e.code === 'STORE_DAMAGED')
        // the host's words, without the CLI's commands: the buttons are the ways out here
        return {
          type: 'error',
          message: t('host.damaged'),
          detail: t('host.damagedDetail', { problem: e.message.replace(/; run `gradlab store recover`.*$/s, '') }),
          buttons: [t('button.recover'), t('button.setAside'), t('button.close')],
          repairButtons: { 0: 'recover', 1: 'set-aside' },
        };
      return { type: 'error', message: t('host.fatal'), detail: `${e.message} [${e.code}]`, buttons: [t('button.retry'), t('button.close')], retryButton: 0 };
    case 'crashed':
      return null;
  }
}
