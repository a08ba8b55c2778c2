/**
 * The optimization settings: the optimizer and its hyper-parameters (components/OptimizerEditor, from
 * the engine's catalog), the batch size from 1 (SGD) to 0 = full batch with a word on which it is, the
 * epochs and the seed. While a run is going, the hyper-parameters stay editable and apply to it at once
 * (the view sends them with runs/update); the learning rate the engine is really using is shown beside.
 */
import { ResetToApply } from '../../components/ResetToApply';
import { OptimizerEditor, type OptimizerValue } from '../../components/OptimizerEditor';
import { HyperField } from '../../components/HyperField';
import { useI18n } from '../../i18n/i18n';
import type { LiveNumbers } from './liveRun';
import { batchMeta, EPOCHS_META, SEED_META, type TrainForm } from './trainForm';
import { useLiveSnapshot } from './useLiveSnapshot';

export interface OptimizerPanelProps {
  form: TrainForm;
  onChange: (patch: Partial<TrainForm>) => void;
  onOptimizer: (v: OptimizerValue) => void;
  /** a run is going (running or paused): data, network and schedule are fixed */
  live: boolean;
  /** the run's live numbers: the lr of its latest step is shown */
  numbers: LiveNumbers;
  /** rows of the training set (the largest batch), when known */
  trainRows: number | null;
}

/**
 * ε is left at the engine's default here (it only matters for tiny gradients), and weight decay is the
 * L2 penalty of the network section — except AdamW's decoupled decay, which is the point of AdamW.
 */
export function hiddenHypers(type: string): string[] {
  return type === 'adamw' ? ['eps'] : ['eps', 'weight_decay'];
}

export function formatLr(lr: number): string {
  return Number.isFinite(lr) ? String(Number(lr.toPrecision(6))) : '—';
}

function BatchWord({ batch }: { batch: number }) {
  const { t } = useI18n();
  const text = batch === 0 ? t('training.batch.full') : batch === 1 ? t('training.batch.sgd') : t('training.batch.mini', { n: batch });
  return (
    <p className="note" data-testid="training-batch-kind">
      {text}
    </p>
  );
}

function LiveLr({ numbers }: { numbers: LiveNumbers }) {
  const { t } = useI18n();
  const { lr } = useLiveSnapshot(numbers);
  return (
    <span data-testid="training-live-lr" data-value={String(lr)}>
      {t('training.lr.live', { lr: formatLr(lr) })}
    </span>
  );
}

export function OptimizerPanel({ form, onChange, onOptimizer, live, numbers, trainRows }: OptimizerPanelProps) {
  const { t } = useI18n();
  return (
    <section className="panel-section" aria-labelledby="training-opt-h">
      <h2 id="training-opt-h">{t('training.section.optimizer')}</h2>
      <OptimizerEditor
        value={form.optimizer}
        onChange={onOptimizer}
        hide={hiddenHypers(form.optimizer.type)}
        testId="training-opt"
        typeLocked={live}
        schedule={trainRows ? { total: form.epochs * Math.ceil(trainRows / (form.batchSize === 0 ? trainRows : Math.min(form.batchSize, trainRows))) } : {}}
      />
      {live && (
        <p className="note live-lr">
          <LiveLr numbers={numbers} /> · {t('training.live.note')}
        </p>
      )}
      <ResetToApply live={live} testId="training-budget-reset-to-apply" />
      <fieldset className="hypers compact" disabled={live}>
        <HyperField meta={batchMeta(trainRows)} value={form.batchSize} label={t('training.batch')} testId="training" onChange={(v) => onChange({ batchSize: Number(v) })} />
        <HyperField meta={EPOCHS_META} value={form.epochs} label={t('training.epochs')} testId="training" onChange={(v) => onChange({ epochs: Number(v) })} />
        <HyperField meta={SEED_META} value={form.seed} label={t('training.seed')} testId="training" onChange={(v) => onChange({ seed: Number(v) })} />
      </fieldset>
      <fieldset className="batch-row" disabled={live}>
        <BatchWord batch={form.batchSize} />
        <span className="batch-quick">
          <button type="button" className="ghost" data-testid="training-batch-sgd" onClick={() => onChange({ batchSize: 1 })}>
            {t('training.batch.useSgd')}
          </button>
          <button type="button" className="ghost" data-testid="training-batch-full" onClick={() => onChange({ batchSize: 0 })}>
            {t('training.batch.useFull')}
          </button>
        </span>
      </fieldset>
    </section>
  );
}
