/**
 * Chooses an optimizer and edits its hyper-parameters, from the engine's catalog (so every optimizer the
 * engine has is offered, with its real defaults and ranges). The value is an OptimizerSpec as the
 * engine's schemas take it: {type, lr: …, beta: …}; hyper-parameters left at their default are omitted.
 * The update rule is shown under the choice.
 */
import { OPTIMIZERS, type HyperMeta } from '../../../../src/native/catalog';
import type { OptimizerSpec, ScheduleSpec } from '../../../../src/native/schemas';
import { catalogText } from '../catalog/catalogText';
import { useI18n } from '../i18n/i18n';
import { HyperField } from './HyperField';
import { ScheduleEditor } from './ScheduleEditor';

export type OptimizerValue = { type: string } & Record<string, number | boolean | string | ScheduleSpec | undefined>;

export function optimizerMeta(type: string) {
  return OPTIMIZERS.find((o) => o.type === type);
}

/** The spec with every hyper-parameter filled in (defaults for what the value leaves out). */
export function resolvedHypers(v: OptimizerValue): Record<string, number | boolean> {
  const meta = optimizerMeta(v.type);
  const out: Record<string, number | boolean> = {};
  for (const h of (meta?.hypers ?? []) as readonly HyperMeta[]) {
    const given = v[h.name];
    out[h.name] = typeof given === 'number' || typeof given === 'boolean' ? given : h.default;
  }
  return out;
}

export interface OptimizerEditorProps {
  value: OptimizerValue;
  onChange: (v: OptimizerValue) => void;
  /** restrict the choice (default: every optimizer of the engine) */
  types?: string[];
  /** hide hyper-parameters (e.g. weight_decay in the playground) */
  hide?: string[];
  testId?: string;
  /** a run is active: its optimizer's type cannot change (its hyper-parameters can, and are recorded) */
  typeLocked?: boolean;
  /** offer a learning-rate schedule (its `total` defaulting to this many steps); locked with the type */
  schedule?: { total?: number };
}

export function OptimizerEditor({ value, onChange, types, hide = [], testId, typeLocked = false, schedule }: OptimizerEditorProps) {
  const { t, lang } = useI18n();
  const meta = optimizerMeta(value.type);
  const choices = OPTIMIZERS.filter((o) => !types || types.includes(o.type));
  return (
    <div className="optimizer-editor">
      <label className="hyper">
        <span className="hyper-name">{t('field.optimizer')}</span>
        <select
          data-testid={testId ? `${testId}-type` : undefined}
          disabled={typeLocked}
          title={typeLocked ? t('field.optimizer.locked') : undefined}
          value={value.type}
          onChange={(e) => {
            // keep the learning rate across a change of type; other hyper-parameters differ per rule
            const lr = value.lr;
            onChange({ type: e.target.value, ...(typeof lr === 'number' ? { lr } : {}) });
          }}
        >
          {choices.map((o) => (
            <option key={o.type} value={o.type}>
              {catalogText(lang, o.title)}
            </option>
          ))}
        </select>
      </label>
      {meta && <code className="formula">{meta.formula}</code>}
      <div className="hypers">
        {((meta?.hypers ?? []) as readonly HyperMeta[])
          .filter((h) => !hide.includes(h.name))
          .map((h) => (
            <HyperField
              key={`${value.type}.${h.name}`}
              meta={h}
              value={value[h.name] as number | boolean | undefined}
              testId={testId}
              onChange={(v) => onChange({ ...value, [h.name]: v })}
            />
          ))}
      </div>
      {schedule && (
        <ScheduleEditor
          value={value.schedule as ScheduleSpec | undefined}
          onChange={(sch) => {
            const { schedule: _old, ...rest } = value;
            onChange(sch ? { ...rest, type: value.type, schedule: sch } : { ...rest, type: value.type });
          }}
          disabled={typeLocked}
          {...(testId ? { testId } : {})}
          {...(schedule.total !== undefined ? { total: schedule.total } : {})}
        />
      )}
    </div>
  );
}

/** The editor's value as the engine's OptimizerSpec. */
export function toOptimizerSpec(v: OptimizerValue): OptimizerSpec {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = x;
  return out as OptimizerSpec;
}
