/**
 * The filter bar above the run table: lab, status, tag, sweep, free text (name, notes, config; typed text is
 * applied after a short pause) and whether archived runs show. The store filters (runs/list).
 */
import { useEffect, useState } from 'react';

import type { SweepInfo } from '../../../../../src/experiments/run-types';
import { useI18n } from '../../i18n/i18n';
import { labLabel, STATUSES, statusLabel } from './labels';
import type { RunQuery } from './useRuns';

export interface RunFiltersProps {
  query: RunQuery;
  onChange: (q: RunQuery) => void;
  labs: string[];
  tags: string[];
  /** the store's sweeps (sweeps/list), newest first */
  sweeps: SweepInfo[];
}

export function RunFilters({ query, onChange, labs, tags, sweeps }: RunFiltersProps) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(query.text);
  useEffect(() => setText(query.text), [query.text]);
  useEffect(() => {
    if (text === query.text) return;
    const timer = setTimeout(() => onChange({ ...query, text }), 250);
    return () => clearTimeout(timer);
  }, [text, query, onChange]);
  const set = (patch: Partial<RunQuery>) => onChange({ ...query, ...patch });
  const filtered = query.lab || query.status || query.tag || query.text || query.archived || query.sweep !== null;
  return (
    <div className="run-filters" role="search" aria-label={t('experiments.filter.label')}>
      <label>
        {t('experiments.filter.lab')}
        <select data-testid="filter-lab" value={query.lab} onChange={(e) => set({ lab: e.target.value })}>
          <option value="">{t('experiments.filter.any')}</option>
          {labs.map((l) => (
            <option key={l} value={l}>
              {labLabel(lang, l)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('experiments.filter.status')}
        <select data-testid="filter-status" value={query.status} onChange={(e) => set({ status: e.target.value as RunQuery['status'] })}>
          <option value="">{t('experiments.filter.any')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(t, s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('experiments.filter.tag')}
        <select data-testid="filter-tag" value={query.tag} onChange={(e) => set({ tag: e.target.value })}>
          <option value="">{t('experiments.filter.any')}</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      {sweeps.length > 0 && (
        <label>
          {t('experiments.filter.sweep')}
          <select data-testid="filter-sweep" value={query.sweep ?? ''} onChange={(e) => set({ sweep: e.target.value === '' ? null : Number(e.target.value) })}>
            <option value="">{t('experiments.filter.any')}</option>
            {sweeps.map((s) => (
              <option key={s.id} value={s.id}>
                {t('experiments.filter.sweep_option', { id: s.id, name: s.name, n: s.runs })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="filter-text">
        {t('experiments.filter.text')}
        <input type="search" data-testid="filter-text" value={text} placeholder={t('experiments.filter.text_placeholder')} onChange={(e) => setText(e.target.value)} />
      </label>
      <label className="filter-check">
        <input type="checkbox" data-testid="filter-archived" checked={query.archived} onChange={(e) => set({ archived: e.target.checked })} />
        {t('experiments.filter.archived')}
      </label>
      {filtered && (
        <button type="button" className="ghost small" onClick={() => onChange({ ...query, lab: '', status: '', tag: '', text: '', archived: false, sweep: null })}>
          {t('experiments.filter.clear')}
        </button>
      )}
    </div>
  );
}
