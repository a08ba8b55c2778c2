/**
 * The learning-rate schedule of an optimizer (the engine's optim/schedule.hpp): constant, step decay,
 * exponential decay or cosine, each with an optional linear warm-up, and the fields each one takes —
 * checked like every hyper-parameter (HyperField, so an invalid one holds Play). `total` defaults to the
 * run's own length when the view knows it.
 */
import type { HyperMeta } from '../../../../src/native/catalog';
import type { ScheduleSpec } from '../../../../src/native/schemas';
import type { StringKey } from '../i18n/strings';
import { useI18n } from '../i18n/i18n';
import { HyperField } from './HyperField';

type Kind = ScheduleSpec['type'];
const KINDS: Kind[] = ['constant', 'step', 'exponential', 'cosine'];
const meta = (name: string, kind: 'integer' | 'number', def: number, min: number, max: number | null, minExclusive = false): HyperMeta => ({
  name,
  default: def,
  kind,
  min,
  max,
  minExclusive,
  maxExclusive: false,
  doc: '',
});
/** each kind's fields, in order, with their defaults */
const FIELDS: Record<Kind, HyperMeta[]> = {
  constant: [],
  step: [meta('step_size', 'integer', 100, 1, null), meta('gamma', 'number', 0.5, 0, null, true)],
  exponential: [meta('gamma', 'number', 0.99, 0, null, true)],
  cosine: [meta('total', 'integer', 1000, 1, null), meta('min_factor', 'number', 0, 0, 1)],
};
const WARMUP = meta('warmup', 'integer', 0, 0, null);

export function ScheduleEditor({ value, onChange, disabled, testId, total }: { value: ScheduleSpec | undefined; onChange: (s: ScheduleSpec | undefined) => void; disabled?: boolean; testId?: string; total?: number }) {
  const { t } = useI18n();
  const kind: Kind = value?.type ?? 'constant';
  const set = (patch: Partial<ScheduleSpec>) => {
    const next = { ...(value ?? { type: 'constant' as const }), ...patch } as ScheduleSpec;
    onChange(next.type === 'constant' && !next.warmup ? undefined : next);
  };
  return (
    <fieldset className="schedule-editor advanced" disabled={disabled}>
      <label className="hyper">
        <span className="hyper-label">{t('schedule.label')}</span>
        <select
          data-testid={testId ? `${testId}-schedule` : undefined}
          value={kind}
          onChange={(e) => {
            const type = e.target.value as Kind;
            const fields: Record<string, number> = {};
            for (const f of FIELDS[type]) fields[f.name] = f.name === 'total' && total ? total : (f.default as number);
            onChange(type === 'constant' && !value?.warmup ? undefined : ({ type, ...fields, ...(value?.warmup ? { warmup: value.warmup } : {}) } as ScheduleSpec));
          }}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`schedule.${k}` as StringKey)}
            </option>
          ))}
        </select>
      </label>
      <div className="hypers">
        {[...FIELDS[kind], WARMUP].map((f) => (
          <HyperField
            key={`${kind}.${f.name}`}
            meta={f}
            value={(value as Record<string, number> | undefined)?.[f.name] ?? (f.name === 'total' && total ? total : (f.default as number))}
            label={t(`schedule.field.${f.name}` as StringKey)}
            {...(testId ? { testId: `${testId}-schedule` } : {})}
            onChange={(v) => set({ [f.name]: v } as Partial<ScheduleSpec>)}
          />
        ))}
      </div>
    </fieldset>
  );
}
