/**
 * One cell's Bellman backup with the real numbers: for each action, Σ p · (r + γ · V(s′)) over where it
 * may land, under the values now drawn (the engine computes it: `rl/backup`), and which action wins. For
 * a learner the same backup of its current estimate max Q, beside the Q(s, a) it has learned.
 */
import { useEffect, useState } from 'react';

import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';
import type { GridworldBackup } from '../../../../../src/native/rl';
import type { ValuesFrame } from './rlLive';

const f3 = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toFixed(3)) : '—');

export function BackupPanel(p: { frame: ValuesFrame; cell: number; stepReward: number; slip: number; learner: boolean }) {
  const { t } = useI18n();
  const client = useClient();
  const [backup, setBackup] = useState<GridworldBackup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { rows, cols, grid, gamma } = p.frame.meta;
  const ch = grid[Math.floor(p.cell / cols)]?.[p.cell % cols] ?? '#';
  const active = ch === '.' || ch === 'S';
  const values: (number | null)[] = [];
  for (let s = 0; s < rows * cols; s++) values.push(Number.isFinite(p.frame.data[s * 5]!) ? p.frame.data[s * 5]! : null);
  const key = JSON.stringify({ grid: grid.join('\n'), gamma, step_reward: p.stepReward, slip: p.slip, values, cell: p.cell });
  useEffect(() => {
    if (!active) return;
    let live = true;
    client.request('rl/backup', JSON.parse(key) as Record<string, unknown>).then(
      (b) => live && (setBackup(b as GridworldBackup), setError(null)),
      (e: unknown) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [key, active, client]);
  const where = t('rl.backup.cell', { row: Math.floor(p.cell / cols) + 1, col: (p.cell % cols) + 1 });
  if (!active)
    return (
      <div className="rl-backup" data-testid="rl-backup">
        <h3>{where}</h3>
        <p className="muted">{t(ch === 'G' || ch === 'X' ? 'rl.backup.terminal' : ch === 'C' ? 'rl.backup.cliff' : 'rl.backup.wall')}</p>
      </div>
    );
  const cellName = (s: number) => `(${Math.floor(s / cols) + 1}, ${(s % cols) + 1})`;
  return (
    <div className="rl-backup" data-testid="rl-backup" data-cell={p.cell} data-value={backup ? String(backup.value) : ''} data-best={backup?.best ?? ''}>
      <h3>{where}</h3>
      <p className="muted">{t('rl.backup.about', { gamma: String(gamma) })}</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {backup && (
        <table className="rl-backup-table">
          <thead>
            <tr>
              <th>{t('rl.backup.action')}</th>
              <th>{t('rl.backup.sum')}</th>
              <th>{p.learner ? t('rl.backup.qModel') : 'Q'}</th>
              {p.learner && <th>{t('rl.backup.qLearned')}</th>}
            </tr>
          </thead>
          <tbody>
            {backup.actions.map((a, i) => (
              <tr key={a.action} className={a.action === backup.best ? 'best' : ''} data-action={a.action} data-q={String(a.q)}>
                <td>{t(`rl.action.${a.action}`)}</td>
                <td className="rl-num" translate="no">
                  {a.outcomes.map((o, k) => (
                    <span key={k} title={cellName(o.next)}>
                      {k > 0 ? ' + ' : ''}
                      {f3(o.p)} × ({f3(o.reward)} + {f3(backup.gamma)} × {f3(o.value)})
                    </span>
                  ))}
                </td>
                <td className="rl-num" translate="no">{f3(a.q)}</td>
                {p.learner && <td className="rl-num" translate="no">{f3(p.frame.data[p.cell * 5 + 1 + i]!)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {backup && (
        <p data-testid="rl-backup-result">
          {t('rl.backup.result', { action: t(`rl.action.${backup.best}`), value: f3(backup.value) })}
        </p>
      )}
    </div>
  );
}
