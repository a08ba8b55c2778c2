/**
 * The experiments view: every stored run in one table (filter, sort, hyper-parameters as columns),
 * the selected run's editor or the sweep form beside it, and the ticked runs overlaid on one chart
 * below. Runs come from the host over the protocol only (runs/list, runs/get, runs/compare, …).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { LABS } from '../../../../../src/labs/index';
import type { Run } from '../../../../../src/experiments/run-types';
import { useI18n } from '../../i18n/i18n';
import './experiments.css';
import { ImportButton } from './ImportButton';
import { OverlayChart } from './OverlayChart';
import { RunEditor } from './RunEditor';
import { RunFilters } from './RunFilters';
import { RunPage } from './RunPage';
import { RunTable, type MetricMode } from './RunTable';
import { SweepForm } from './SweepForm';
import { SweepSummary } from './SweepSummary';
import { useSweeps } from './useSweeps';
import { DiskUsage, useStoreUsage } from './DiskUsage';
import { DEFAULT_QUERY, useRuns, type RunQuery } from './useRuns';

const isUnfiltered = (q: RunQuery) => !q.lab && !q.status && !q.tag && !q.text.trim() && !q.archived;

/** An id the hash asks for: #experiments?run=<id> (a run's page), #experiments?sweep=<id> (a sweep's runs and summary); docs/presets.md's hash grammar. */
function idFromHash(key: 'run' | 'sweep'): number | null {
  const query = location.hash.split('?')[1] ?? '';
  const id = Number(new URLSearchParams(query).get(key));
  return Number.isInteger(id) && id > 0 ? id : null;
}
const runFromHash = () => idFromHash('run');

export default function ExperimentsView() {
  const [pageRun, setPageRun] = useState(runFromHash);
  useEffect(() => {
    const onHash = () => setPageRun(runFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  if (pageRun !== null)
    return (
      <div className="experiments" data-testid="experiments">
        <RunPage key={pageRun} id={pageRun} onBack={() => (location.hash = '#experiments')} />
      </div>
    );
  return <RunsOverview />;
}

function RunsOverview() {
  const { t } = useI18n();
  const [query, setQuery] = useState<RunQuery>(() => ({ ...DEFAULT_QUERY, sweep: idFromHash('sweep') }));
  const { runs, error, reload } = useRuns(query);
  // sizes read again when a run comes, goes or ends, not on every poll of the list (a full scan of the chunks' lengths)
  const runsKey = (runs ?? []).map((r) => `${r.id}:${r.status}`).join(',');
  const [compactions, setCompactions] = useState(0); // sizes read again after a compaction
  const usage = useStoreUsage(`${runsKey}#${compactions}`);
  const sweeps = useSweeps(runsKey);
  const [sweepFrom, setSweepFrom] = useState<{ lab: string; config: Record<string, unknown> } | null>(null);
  const [formKey, setFormKey] = useState(0); // a new form each time one is opened
  useEffect(() => {
    const onHash = () => {
      const sweep = idFromHash('sweep');
      if (sweep !== null) setQuery((q) => ({ ...q, sweep }));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const [side, setSide] = useState<'run' | 'sweep'>('run');
  const [metricMode, setMetricMode] = useState<MetricMode>('final');

  // labs and tags seen so far, for the filter choices (a filtered list alone would hide the others)
  const seenLabs = useRef(new Set<string>(LABS.map((d) => d.id)));
  const seenTags = useRef(new Set<string>());
  for (const r of runs ?? []) {
    seenLabs.current.add(r.lab);
    for (const tag of r.tags) seenTags.current.add(tag);
  }
  const labs = [...seenLabs.current].sort();
  const tags = [...seenTags.current].sort();

  // runs as last listed, so a ticked or selected run stays on the chart / in the editor when a filter hides it
  const known = useRef(new Map<number, Run>());
  const byId = useMemo(() => {
    for (const r of runs ?? []) known.current.set(r.id, r);
    return new Map(known.current);
  }, [runs]);
  const selected = selectedId !== null ? byId.get(selectedId) : undefined;
  const overlayRuns = useMemo(() => [...checked].sort((a, b) => a - b).flatMap((id) => byId.get(id) ?? []), [checked, byId]);

  // the metric sort follows the final / best switch
  useEffect(() => {
    const m = /^(final|best)\.(.+)$/.exec(query.sort.by);
    if (m && m[1] !== metricMode) setQuery((q) => ({ ...q, sort: { ...q.sort, by: `${metricMode}.${m[2]}` } }));
  }, [metricMode, query.sort.by]);

  const onCheck = useCallback((ids: number[], on: boolean) => {
    setChecked((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  return (
    <div className="experiments" data-testid="experiments">
      <div className="exp-toolbar">
        <h1 className="exp-title">
          {t('experiments.title')} {runs && <span className="muted count">{t('experiments.runs_count', { n: runs.length })}</span>}
        </h1>
        <RunFilters query={query} onChange={setQuery} labs={labs} tags={tags} sweeps={sweeps} />
        <DiskUsage usage={usage} onCompacted={() => setCompactions((n) => n + 1)} />
        <div className="exp-actions">
          <label>
            {t('experiments.metrics.label')}
            <select data-testid="metric-mode" value={metricMode} onChange={(e) => setMetricMode(e.target.value as MetricMode)}>
              <option value="final">{t('experiments.metrics.final')}</option>
              <option value="best">{t('experiments.metrics.best')}</option>
            </select>
          </label>
          <ImportButton
            onImported={(id) => {
              setSelectedId(id);
              setSide('run');
              reload();
            }}
          />
          <button
            type="button"
            className="primary"
            data-testid="sweep-new"
            onClick={() => {
              setSweepFrom(null);
              setFormKey((k) => k + 1);
              setSide('sweep');
            }}
          >
            {t('experiments.sweep.new')}
          </button>
        </div>
      </div>
      <div className={`exp-main${side === 'sweep' || selected ? ' with-side' : ''}${side === 'sweep' ? ' wide-side' : ''}`}>
        <div className={`exp-left${query.sweep !== null && runs ? ' with-summary' : ''}`}>
          <div className="table-wrap">
            {error && (
              <p className="field-error" role="alert">
                {t('experiments.error', { message: error })}
              </p>
            )}
            {!runs && !error && <p className="muted pad">{t('experiments.loading')}</p>}
            {runs && runs.length > 0 && (
              <RunTable
                runs={runs}
                sort={query.sort}
                onSort={(sort) => setQuery((q) => ({ ...q, sort }))}
                metricMode={metricMode}
                selectedId={selectedId}
                onSelect={(id) => {
                  setSelectedId(id);
                  setSide('run');
                }}
                checked={checked}
                onCheck={onCheck}
                sizes={usage?.runs ?? null}
              />
            )}
            {runs && runs.length === 0 && (
              <p className="muted pad">{isUnfiltered(query) ? t('experiments.empty') : t('experiments.empty_filtered')}</p>
            )}
          </div>
          {query.sweep !== null && runs && (
            <SweepSummary
              key={query.sweep}
              sweepId={query.sweep}
              sweep={sweeps.find((s) => s.id === query.sweep)}
              runs={runs}
              metricMode={metricMode}
              onSelect={(id) => {
                setSelectedId(id);
                setSide('run');
              }}
              onCheck={onCheck}
            />
          )}
          {overlayRuns.length > 0 ? <OverlayChart runs={overlayRuns} /> : <p className="muted overlay-hint">{t('experiments.editor.none')}</p>}
        </div>
        {(side === 'sweep' || selected) && (
          <aside className="exp-side">
            {side === 'sweep' ? (
              <SweepForm
                key={formKey}
                from={sweepFrom}
                onStarted={(sweepId) => {
                  setQuery((q) => ({ ...q, sweep: sweepId }));
                  reload();
                }}
                onClose={() => setSide('run')}
              />
            ) : (
              selected && (
                <RunEditor
                  run={selected}
                  size={usage?.runs[selected.id] ?? null}
                  onChanged={reload}
                  onClose={() => setSelectedId(null)}
                  onSweepFrom={(r) => {
                    setSweepFrom({ lab: r.lab, config: r.config as Record<string, unknown> });
                    setFormKey((k) => k + 1);
                    setSide('sweep');
                  }}
                  onShowSweep={(sweep) => setQuery((q) => ({ ...q, sweep }))}
                  onDeleted={(id) => {
                    setSelectedId(null);
                    known.current.delete(id);
                    onCheck([id], false);
                    reload();
                  }}
                />
              )
            )}
          </aside>
        )}
      </div>
    </div>
  );
}
