/**
 * Sets up a parameter sweep: the lab, a base config (JSON, starting from a sensible default per lab,
 * checked by the lab's schema as you type), then a grid over one or two hyper-parameters (a path such
 * as optimizers[0].lr and a list of values) or a random search (samples, seed, ranges, log scale).
 * Errors show next to their field; `sweeps/start` queues the runs and they appear in the table.
 */
import { useMemo, useState } from 'react';

import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';
import { labLabel } from './labels';
import { buildSweep, defaultForm, SWEEP_LABS, type FieldError, type SweepForm as Form, type SweepLab } from './sweepSpec';

export interface SweepFormProps {
  onStarted: (sweepId: number, runIds: number[]) => void;
  onClose: () => void;
}

export function SweepForm({ onStarted, onClose }: SweepFormProps) {
  const client = useClient();
  const { t, lang } = useI18n();
  const [form, setForm] = useState<Form>(() => defaultForm());
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const [done, setDone] = useState<{ id: number; n: number } | null>(null);
  const { params, runs, errors } = useMemo(() => buildSweep(form), [form]);
  const ok = Object.keys(errors).length === 0;
  const msg = (e: FieldError | undefined) => e && <span className="field-error">{t(e.key, e.vars)}</span>;
  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setHostError(null);
    setDone(null);
  };

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
          <select
            data-testid="sweep-lab"
            value={form.lab}
            onChange={(e) => {
              const lab = e.target.value as SweepLab;
              const fresh = defaultForm(lab);
              set({ lab, base: fresh.base, grid: fresh.grid, random: fresh.random });
            }}
          >
            {SWEEP_LABS.map((l) => (
              <option key={l} value={l}>
                {labLabel(lang, l)}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          {t('experiments.sweep.name')}
          <input data-testid="sweep-name" value={form.name} placeholder={t('experiments.sweep.name_placeholder')} maxLength={200} onChange={(e) => set({ name: e.target.value })} />
        </label>
      </div>
      <div className="editor-field">
        <div className="inline spread">
          <label htmlFor="sweep-base">{t('experiments.sweep.base')}</label>
          <button type="button" className="ghost small" onClick={() => set({ base: defaultForm(form.lab).base })}>
            {t('experiments.sweep.reset_base')}
          </button>
        </div>
        <textarea
          id="sweep-base"
          data-testid="sweep-base"
          className="mono"
          rows={6}
          spellCheck={false}
          value={form.base}
          aria-invalid={Boolean(errors.base)}
          onChange={(e) => set({ base: e.target.value })}
        />
        {msg(errors.base)}
      </div>
      <fieldset className="sweep-mode">
        <legend>{t('experiments.sweep.mode')}</legend>
        {(['grid', 'random'] as const).map((m) => (
          <label key={m} className="radio">
            <input type="radio" name="sweep-mode" data-testid={`sweep-mode-${m}`} checked={form.mode === m} onChange={() => set({ mode: m })} />
            {t(m === 'grid' ? 'experiments.sweep.grid' : 'experiments.sweep.random')}
          </label>
        ))}
      </fieldset>
      {form.mode === 'grid'
        ? form.grid.map((row, i) => (
            <div key={i} className="param-row">
              <span className="param-n">
                {t('experiments.sweep.param_n', { n: i + 1 })} {i > 0 && <span className="muted">{t('experiments.sweep.optional')}</span>}
              </span>
              <label>
                {t('experiments.sweep.path')}
                <input
                  className="mono"
                  data-testid={`sweep-grid-path-${i}`}
                  value={row.path}
                  aria-invalid={Boolean(errors[`grid${i}.path`])}
                  onChange={(e) => set({ grid: form.grid.map((r, j) => (j === i ? { ...r, path: e.target.value } : r)) })}
                />
              </label>
              <label className="grow">
                {t('experiments.sweep.values')}
                <input
                  className="mono"
                  data-testid={`sweep-grid-values-${i}`}
                  value={row.values}
                  placeholder="0.001, 0.01, 0.1"
                  aria-invalid={Boolean(errors[`grid${i}.values`])}
                  onChange={(e) => set({ grid: form.grid.map((r, j) => (j === i ? { ...r, values: e.target.value } : r)) })}
                />
              </label>
              {msg(errors[`grid${i}.path`])}
              {msg(errors[`grid${i}.values`])}
            </div>
          ))
        : [
            <div key="s" className="form-row">
              <label>
                {t('experiments.sweep.samples')}
                <input className="mono short" data-testid="sweep-samples" value={form.samples} aria-invalid={Boolean(errors.samples)} onChange={(e) => set({ samples: e.target.value })} />
              </label>
              <label>
                {t('experiments.sweep.seed')}
                <input className="mono short" data-testid="sweep-seed" value={form.seed} aria-invalid={Boolean(errors.seed)} onChange={(e) => set({ seed: e.target.value })} />
              </label>
              {msg(errors.samples)}
              {msg(errors.seed)}
            </div>,
            ...form.random.map((row, i) => {
              const upd = (patch: Partial<typeof row>) => set({ random: form.random.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
              return (
                <div key={i} className="param-row">
                  <span className="param-n">
                    {t('experiments.sweep.param_n', { n: i + 1 })} {i > 0 && <span className="muted">{t('experiments.sweep.optional')}</span>}
                  </span>
                  <label>
                    {t('experiments.sweep.path')}
                    <input className="mono" data-testid={`sweep-random-path-${i}`} value={row.path} aria-invalid={Boolean(errors[`random${i}.path`])} onChange={(e) => upd({ path: e.target.value })} />
                  </label>
                  <label>
                    {t('experiments.sweep.min')}
                    <input className="mono short" data-testid={`sweep-random-min-${i}`} value={row.min} onChange={(e) => upd({ min: e.target.value })} />
                  </label>
                  <label>
                    {t('experiments.sweep.max')}
                    <input className="mono short" data-testid={`sweep-random-max-${i}`} value={row.max} onChange={(e) => upd({ max: e.target.value })} />
                  </label>
                  <label className="check">
                    <input type="checkbox" checked={row.log} onChange={(e) => upd({ log: e.target.checked })} />
                    {t('experiments.sweep.log')}
                  </label>
                  <label className="check">
                    <input type="checkbox" checked={row.integer} onChange={(e) => upd({ integer: e.target.checked })} />
                    {t('experiments.sweep.integer')}
                  </label>
                  {msg(errors[`random${i}.path`])}
                  {msg(errors[`random${i}.range`])}
                </div>
              );
            }),
          ]}
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
