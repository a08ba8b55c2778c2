/**
 * Builds the MLP: the hidden layers (add, remove, width of each), the activation, the loss function
 * (the default follows the data: cross-entropy for classes, mean squared error for regression; binary
 * cross-entropy is offered for two classes), and the L2 penalty and dropout.
 */
import { ResetToApply } from '../../components/ResetToApply';
import { useState } from 'react';

import { ACTIVATIONS } from '../../../../../src/native/schemas';
import { HyperField } from '../../components/HyperField';
import { useFieldValidity } from '../../components/FieldValidity';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { defaultLoss, DROPOUT_META, L2_META, lossChoices, type Activation, type DataKind, type LossChoice, type TrainForm } from './trainForm';

const MAX_LAYERS = 8;
/** the activations' display names (the same in both languages, except identity) */
const ACTIVATION_LABELS: Record<Activation, StringKey> = {
  relu: 'training.act.relu',
  leaky_relu: 'training.act.leaky_relu',
  tanh: 'training.act.tanh',
  sigmoid: 'training.act.sigmoid',
  gelu: 'training.act.gelu',
  softplus: 'training.act.softplus',
  identity: 'training.act.identity',
};

const LOSS_LABELS: Record<Exclude<LossChoice, 'default'>, StringKey> = {
  cross_entropy: 'training.loss.cross_entropy',
  bce: 'training.loss.bce',
  mse: 'training.loss.mse',
};

function WidthInput({ value, index, onChange, onRemove, disabled }: { value: number; index: number; onChange: (w: number) => void; onRemove: () => void; disabled: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState(String(value));
  const v = Number(text);
  const ok = text.trim() !== '' && Number.isInteger(v) && v >= 1 && v <= 4096;
  useFieldValidity(ok ? null : t('training.model.width', { n: index + 1 }));
  return (
    <span className="layer">
      <input
        type="text"
        inputMode="numeric"
        value={text}
        disabled={disabled}
        aria-label={t('training.model.width', { n: index + 1 })}
        aria-invalid={!ok}
        data-testid={`training-layer-${index}`}
        onChange={(e) => {
          setText(e.target.value);
          const w = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isInteger(w) && w >= 1 && w <= 4096) onChange(w);
        }}
      />
      <button type="button" className="ghost icon" disabled={disabled} aria-label={t('training.model.remove', { n: index + 1 })} onClick={onRemove}>
        ×
      </button>
      {!ok && <span className="field-error">{t('training.model.widthError')}</span>}
    </span>
  );
}

export interface ModelBuilderProps {
  form: TrainForm;
  onChange: (patch: Partial<TrainForm>) => void;
  kind: DataKind;
  classes: number;
  disabled: boolean;
}

export function ModelBuilder({ form, onChange, kind, classes, disabled }: ModelBuilderProps) {
  const { t } = useI18n();
  const losses = lossChoices(kind, classes);
  const loss = form.loss === 'default' || !losses.includes(form.loss) ? 'default' : form.loss;
  return (
    <section className="panel-section" aria-labelledby="training-model-h">
      <h2 id="training-model-h">{t('training.section.model')}</h2>
      <ResetToApply live={!!disabled} testId="training-model-reset-to-apply" />
      <div className="field">
        <span className="field-label">{t('training.model.hidden')}</span>
        <div className="layers" data-testid="training-layers">
          {form.hidden.map((w, i) => (
            <WidthInput
              // a removed layer shifts the others: keyed by position and count, so every input re-reads its width
              key={`${i}:${form.hidden.length}`}
              value={w}
              index={i}
              disabled={disabled}
              onChange={(nw) => onChange({ hidden: form.hidden.map((x, j) => (j === i ? nw : x)) })}
              onRemove={() => onChange({ hidden: form.hidden.filter((_, j) => j !== i) })}
            />
          ))}
          <button
            type="button"
            className="ghost icon"
            data-testid="training-layer-add"
            aria-label={t('training.model.add')}
            title={t('training.model.add')}
            disabled={disabled || form.hidden.length >= MAX_LAYERS}
            onClick={() => onChange({ hidden: [...form.hidden, form.hidden[form.hidden.length - 1] ?? 16] })}
          >
            +
          </button>
        </div>
        {form.hidden.length === 0 && <span className="note">{t('training.model.linear')}</span>}
      </div>
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t('training.model.activation')}</span>
          <select data-testid="training-activation" value={form.activation} disabled={disabled} onChange={(e) => onChange({ activation: e.target.value as Activation })}>
            {ACTIVATIONS.map((a) => (
              <option key={a} value={a}>
                {t(ACTIVATION_LABELS[a])}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('training.model.loss')}</span>
          <select data-testid="training-loss" value={loss} disabled={disabled} onChange={(e) => onChange({ loss: e.target.value as LossChoice })}>
            <option value="default">{t('training.loss.default', { name: t(LOSS_LABELS[defaultLoss(kind)]) })}</option>
            {losses
              .filter((l) => l !== defaultLoss(kind))
              .map((l) => (
                <option key={l} value={l}>
                  {t(LOSS_LABELS[l])}
                </option>
              ))}
          </select>
        </label>
      </div>
      <fieldset className="hypers compact" disabled={disabled}>
        <HyperField meta={L2_META} value={form.l2} label={t('training.model.l2')} testId="training" onChange={(v) => onChange({ l2: Number(v) })} />
        <HyperField meta={DROPOUT_META} value={form.dropout} label={t('training.model.dropout')} testId="training" onChange={(v) => onChange({ dropout: Number(v) })} />
      </fieldset>
    </section>
  );
}
