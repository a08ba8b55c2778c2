/**
 * Sets up a parameter sweep without config paths: the lab, what to start from (its defaults, a preset,
 * or a run's settings), then a row per hyper-parameter in words — kept, a list of values, a range of N
 * values (linear or log), or random draws — with the runs it will queue counted as you type. Errors
 * show next to their field (sweepSpec.ts checks each value with the lab's schema); the base config's
 * JSON and one more config path are under "Advanced". `sweeps/start` queues the runs.
 */
import { useMemo, useState } from 'react';

import { labOf } from '../../../../../src/labs/index';
import { fieldValue, type SweepField } from '../../../../../src/labs/sweep-fields';
import { catalogText } from '../../catalog/catalogText';
import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';
import { labLabel } from './labels';
import { buildSweep, defaultForm, emptyRow, formFields, SWEEP_LABS, type FieldError, type FieldRow, type RowMode, type SweepForm as Form } from './sweepSpec';

export interface SweepFormProps {
  /** a run's lab and settings to start from ("Sweep from this run"); the lab's defaults otherwise */
  from?: { lab: string; config: Record<string, unknown> } | null;
  onStarted: (sweepId: number, runIds: number[]) => void;
  onClose: () => void;
}

export function SweepForm({ from, onStarted, onClose }: SweepFormProps) {
  const client = useClient();
  const { t, lang } = useI18n();
  const [form, setForm] = useState<Form>(() => (from ? defaultForm(from.lab, from.config) : defaultForm()));
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const [done, setDone] = useState<{ id: number; n: number } | null>(null);
  const { params, runs, errors } = useMemo(() => buildSweep(form), [form]);
  const { base, fields } = useMemo(() => formFields(form), [form]);
  const ok = Object.keys(errors).length === 0;
  const d = labOf(form.lab);
  const words = lang === 'en' ? 'en' : 'zh';
  const anyRandom = fields.some((f) => form.rows[f.path]?.mode === 'random');
  const msg = (e: FieldError | undefined) => e && <span className="field-error">{t(e.key, e.vars)}</span>;
  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setHostError(null);
    setDone(null);
  };
  const setRow = (field: SweepField, patch: Partial<FieldRow>) => set({ rows: { ...form.rows, [field.path]: { ...(form.rows[field.path] ?? emptyRow(field)), ...patch } } });

  const start = async () => {
    setBusy(true);
    setHostError(null);
    try {
      const r = await client.request('sweeps/start', params);
      setDone({ id: r.sweepId, n: r.runIds.length });
      onStarted(r.sweepId, r.runIds);
    } catch (e) {
      setHostError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const startFrom = (value: string) => {
    const preset = d?.presets.find((p) => `preset:${p.id}` === value);
    const config = value === 'defaults' ? (d?.defaults ?? {}) : (preset?.config ?? null);
    if (config) set({ start: value, base: JSON.stringify(config, null, 2) });
  };

  const shown = (f: SweepField) => {
    const v = base ? fieldValue(base, f) : undefined;
    return v === undefined ? t('experiments.sweep.engine_default') : typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v);
  };

  return (
    <form
      className="sweep-form"
      data-testid="sweep-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok && !busy) void start();
      }}
    >
      <header className="editor-head">
        <h2>{t('experiments.sweep.title')}</h2>
        <button type="button" className="ghost small" onClick={onClose}>
          {t('experiments.sweep.close')}
        </button>
      </header>
      <div className="form-row">
        <label>
          {t('experiments.sweep.lab')}
          <select data-testid="sweep-lab" value={form.lab} onChange={(e) => set(defaultForm(e.target.value))}>
            {SWEEP_LABS.map((l) => (
              <option key={l} value={l}>
                {labLabel(lang, l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('experiments.sweep.start_from')}
          <select data-testid="sweep-start-from" value={form.start} onChange={(e) => startFrom(e.target.value)}>
            <option value="defaults">{t('experiments.sweep.from_defaults')}</option>
            {d?.presets.map((p) => (
              <option key={p.id} value={`preset:${p.id}`}>
                {p.names[words]}
              </option>
            ))}
            {form.start === 'custom' && <option value="custom">{from ? t('experiments.sweep.from_run') : t('experiments.sweep.from_custom')}</option>}
          </select>
        </label>
        <label className="grow">
          {t('experiments.sweep.name')}
          <input data-testid="sweep-name" value={form.name} placeholder={t('experiments.sweep.name_placeholder')} maxLength={200} onChange={(e) => set({ name: e.target.value })} />
        </label>
      </div>
      {msg(errors.base)}

      <table className="sweep-fields" data-testid="sweep-fields">
        <thead>
          <tr>
            <th>{t('experiments.sweep.col_param')}</th>
            <th>{t('experiments.sweep.col_base')}</th>
            <th>{t('experiments.sweep.col_vary')}</th>
            <th>{t('experiments.sweep.col_values')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <FieldRowView key={f.path} field={f} row={form.rows[f.path] ?? emptyRow(f)} base={shown(f)} error={errors[`field:${f.path}`]} onChange={(patch) => setRow(f, patch)} />
          ))}
        </tbody>
      </table>

      {anyRandom && (
        <div className="form-row">
          <label>
            {t('experiments.sweep.samples')}
            <input className="mono short" data-testid="sweep-samples" value={form.samples} aria-invalid={Boolean(errors.samples)} onChange={(e) => set({ samples: e.target.value })} />
          </label>
          <label>
            {t('experiments.sweep.seed')}
            <input className="mono short" data-testid="sweep-seed" value={form.seed} aria-invalid={Boolean(errors.seed)} onChange={(e) => set({ seed: e.target.value })} />
          </label>
          <span className="muted small-note">{t('experiments.sweep.samples_note')}</span>
          {msg(errors.samples)}
          {msg(errors.seed)}
        </div>
      )}

      <details className="sweep-advanced" open={Boolean(errors.base) || undefined}>
        <summary>{t('experiments.sweep.advanced')}</summary>
        <div className="editor-field">
          <label htmlFor="sweep-base">{t('experiments.sweep.base')}</label>
          <textarea
            id="sweep-base"
            data-testid="sweep-base"
            className="mono"
            rows={6}
            spellCheck={false}
            value={form.base}
            aria-invalid={Boolean(errors.base)}
            onChange={(e) => set({ base: e.target.value, start: 'custom' })}
          />
          {msg(errors.base)}
        </div>
        <div className="param-row">
          <label>
            {t('experiments.sweep.path')}
            <input className="mono" data-testid="sweep-extra-path" value={form.extra.path} placeholder="optimizer.schedule.warmup" aria-invalid={Boolean(errors['extra.path'])} onChange={(e) => set({ extra: { ...form.extra, path: e.target.value } })} />
          </label>
          <label className="grow">
            {t('experiments.sweep.values')}
            <input className="mono" data-testid="sweep-extra-values" value={form.extra.values} placeholder="0, 50, 100" aria-invalid={Boolean(errors['extra.values'])} onChange={(e) => set({ extra: { ...form.extra, values: e.target.value } })} />
          </label>
          {msg(errors['extra.path'])}
          {msg(errors['extra.values'])}
        </div>
      </details>

      {msg(errors.params)}
      <div className="inline">
        <button type="submit" className="primary" data-testid="sweep-start" disabled={!ok || busy}>
          {t('experiments.sweep.start')}
        </button>
        {ok && <span className="muted" data-testid="sweep-count">{t('experiments.sweep.count', { n: runs })}</span>}
      </div>
      {hostError && (
        <p className="field-error" role="alert">
          {hostError}
        </p>
      )}
      {done && (
        <p className="saved" role="status">
          {t('experiments.sweep.started', done)}
        </p>
      )}
    </form>
  );
}

interface FieldRowProps {
  field: SweepField;
  row: FieldRow;
  base: string;
  error: FieldError | undefined;
  onChange: (patch: Partial<FieldRow>) => void;
}

/** One hyper-parameter: its name (the catalog's description on hover), its base value, how it varies and the values. */
function FieldRowView({ field, row, base, error, onChange }: FieldRowProps) {
  const { t, lang } = useI18n();
  const label = field.label[lang === 'en' ? 'en' : 'zh'];
  const numeric = field.kind === 'number' || field.kind === 'integer';
  const modes: RowMode[] = numeric ? ['fixed', 'values', 'range', 'random'] : ['fixed', 'values'];
  const id = field.path;
  const ticked = new Set(row.values.split(',').map((s) => s.trim()).filter(Boolean));
  const options = field.kind === 'boolean' ? ['true', 'false'] : (field.choices ?? []);
  return (
    <tr data-testid={`sweep-field-${id}`} className={row.mode === 'fixed' ? 'kept' : 'varied'}>
      <th scope="row" title={field.doc ? catalogText(lang, field.doc) : undefined}>
        {label}
      </th>
      <td className="mono base-value">{base}</td>
      <td>
        <select aria-label={t('experiments.sweep.vary_label', { name: label })} data-testid={`sweep-mode-${id}`} value={row.mode} onChange={(e) => {
            const mode = e.target.value as RowMode;
            // a choice listed starts from the base's choice, ticked
            onChange({ mode, ...(mode === 'values' && !numeric && row.values === '' && options.includes(base) ? { values: base } : {}) });
          }}>
          {modes.map((m) => (
            <option key={m} value={m}>
              {t(`experiments.sweep.mode_${m}`)}
            </option>
          ))}
        </select>
      </td>
      <td className="values">
        {row.mode === 'values' && !numeric && (
          <span className="choices">
            {options.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  data-testid={`sweep-choice-${id}-${c}`}
                  checked={ticked.has(c)}
                  onChange={(e) => onChange({ values: options.filter((o) => (o === c ? e.target.checked : ticked.has(o))).join(', ') })}
                />
                {c}
              </label>
            ))}
          </span>
        )}
        {row.mode === 'values' && numeric && (
          <input className="mono" data-testid={`sweep-values-${id}`} value={row.values} placeholder={field.kind === 'integer' ? '16, 32, 64' : '0.001, 0.01, 0.1'} aria-invalid={Boolean(error)} onChange={(e) => onChange({ values: e.target.value })} />
        )}
        {(row.mode === 'range' || row.mode === 'random') && (
          <span className="range">
            <input className="mono short" aria-label={t('experiments.sweep.min')} placeholder={t('experiments.sweep.min')} data-testid={`sweep-min-${id}`} value={row.min} aria-invalid={Boolean(error)} onChange={(e) => onChange({ min: e.target.value })} />
            <span className="muted">…</span>
            <input className="mono short" aria-label={t('experiments.sweep.max')} placeholder={t('experiments.sweep.max')} data-testid={`sweep-max-${id}`} value={row.max} aria-invalid={Boolean(error)} onChange={(e) => onChange({ max: e.target.value })} />
            {row.mode === 'range' && (
              <label className="check" title={t('experiments.sweep.count_label')}>
                ×
                <input className="mono tiny" aria-label={t('experiments.sweep.count_label')} data-testid={`sweep-count-${id}`} value={row.count} onChange={(e) => onChange({ count: e.target.value })} />
              </label>
            )}
            <label className="check">
              <input type="checkbox" data-testid={`sweep-log-${id}`} checked={row.log} onChange={(e) => onChange({ log: e.target.checked })} />
              {t('experiments.sweep.log')}
            </label>
          </span>
        )}
        {error && <span className="field-error">{t(error.key, error.vars)}</span>}
      </td>
    </tr>
  );
}
