/**
 * The racing optimizers: one card each (its colour, the shared OptimizerEditor with the catalog's
 * hyper-parameters, its status), add and remove. Adding or removing waits for Reset while a run goes;
 * hyper-parameter edits during a run are sent live by the view.
 */
import { OptimizerEditor, type OptimizerValue } from '../../components/OptimizerEditor';
import { useI18n } from '../../i18n/i18n';
import { nextColor } from './raceColors';
import { StatusBadge } from './StatusBadge';
import type { TrajectoryStore } from './TrajectoryStore';

export interface OptimizerEntry {
  key: number;
  color: string;
  value: OptimizerValue;
}

export interface OptimizerListProps {
  entries: OptimizerEntry[];
  onEntries: (entries: OptimizerEntry[]) => void;
  onEdit: (key: number, value: OptimizerValue) => void;
  selected: number;
  onSelect: (key: number) => void;
  /** a run is going: the list's shape is fixed until Reset */
  locked: boolean;
  /** the race's length: a cosine schedule's default span */
  steps: number;
  /** keys whose type changed during the run (applies from the next run) */
  pendingType: Set<number>;
  store: TrajectoryStore;
  statusOf: (key: number) => string;
}

const MAX = 8;

/** weight_decay is hidden (it changes the landscape), except AdamW's decoupled decay, which is the point of AdamW. */
const hiddenFor = (type: string) => (type === 'adamw' ? [] : ['weight_decay']);

export function OptimizerList(p: OptimizerListProps) {
  const { t } = useI18n();
  return (
    <section className="pg-card pg-optimizers" aria-label={t('playground.optimizers')}>
      <div className="pg-card-head">
        <h2>{t('playground.optimizers')}</h2>
        <button
          type="button"
          data-testid="pg-add"
          disabled={p.locked || p.entries.length >= MAX}
          onClick={() => {
            const key = Math.max(0, ...p.entries.map((e) => e.key)) + 1;
            p.onEntries([...p.entries, { key, color: nextColor(p.entries.map((e) => e.color)), value: { type: 'sgd', lr: 0.001 } }]);
          }}
        >
          {t('playground.optimizer.add')}
        </button>
      </div>
      <ol className="pg-optimizer-list">
        {p.entries.map((e, i) => (
          <li
            key={e.key}
            className={e.key === p.selected ? 'pg-optimizer selected' : 'pg-optimizer'}
            style={{ borderLeftColor: e.color }}
            data-testid={`pg-opt-${i}`}
          >
            <div className="pg-optimizer-head">
              <button type="button" className="ghost pg-swatch-button" aria-pressed={e.key === p.selected} title={t('playground.optimizer.show')} onClick={() => p.onSelect(e.key)}>
                <span className="pg-swatch" style={{ background: e.color }} />#{i + 1}
              </button>
              <StatusBadge store={p.store} status={() => p.statusOf(e.key)} testId={`pg-status-${i}`} />
              <button
                type="button"
                className="ghost pg-remove"
                disabled={p.locked || p.entries.length <= 1}
                onClick={() => p.onEntries(p.entries.filter((x) => x.key !== e.key))}
              >
                {t('playground.optimizer.remove')}
              </button>
            </div>
            <OptimizerEditor value={e.value} hide={hiddenFor(e.value.type)} testId={`pg-opt-${i}`} onChange={(v) => p.onEdit(e.key, v)} typeLocked={p.locked} schedule={{ total: p.steps }} />
            {p.pendingType.has(e.key) && <div className="pg-help">{t('playground.optimizer.restart')}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
