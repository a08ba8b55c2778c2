/**
 * A run's own page (#experiments?run=<id>, #11): everything the store kept about it — its settings in
 * words and in full, every series on its own chart with the live changes marked, the live changes and
 * the status history as tables, the frames and weights it kept — and what can be done with it: open
 * its lab on these settings, run it again, export it (CSV, run file, PyTorch script).
 */
import { useEffect, useMemo, useState } from 'react';

import { flattenConfig } from '../../../../../src/experiments/flatten-config';
import type { Run } from '../../../../../src/experiments/run-types';
import { labOf } from '../../../../../src/labs/index';
import { PYTORCH_LAB_IDS } from '../../../../../src/export/pytorch/labs';
import { downloadData } from '../../charts/download';
import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';
import { fmtDuration, fmtFullDate, fmtMsPerStep, fmtValue } from './format';
import { labLabel, statusLabel } from './labels';
import { overlayEvents, type RunEventLike } from './overlayEvents';
import { rereading } from './rereading';
import { RunSeriesChart } from './RunSeriesChart';
import { axisOnly, titleOver } from './seriesTitles';
import { isActive } from './useRuns';

interface RunDetails {
  run: Run;
  series: { name: string; points: number }[];
  artifacts: { id: number; kind: string; name: string; step: number; bytes: number; createdAt: number }[];
  log: { at: number; status: Run['status']; detail: string | null }[];
  events: (RunEventLike & { at: number })[];
}

/** The link to a run's page. */
export const runPageHash = (id: number) => `#experiments?run=${id}`;

export function RunPage({ id, onBack }: { id: number; onBack: () => void }) {
  const client = useClient();
  const { t, lang } = useI18n();
  const [details, setDetails] = useState<RunDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const active = details ? isActive(details.run) : false;

  useEffect(
    () =>
      rereading((alive) => {
        client.request('runs/get', { id }).then(
          (d) => {
            if (!alive()) return;
            setDetails(d as RunDetails);
            setError(null);
          },
          (e: unknown) => alive() && setError(e instanceof Error ? e.message : String(e)),
        );
      }, active),
    [client, id, active, version],
  );

  const events = useMemo(() => (details ? overlayEvents([id], new Map([[id, details.events]])) : []), [details, id]);
  if (error && !details)
    return (
      <div className="run-page" data-testid="run-page">
        <button type="button" className="ghost" onClick={onBack}>
          ← {t('experiments.page.back')}
        </button>
        <p className="field-error" role="alert">
          {t('experiments.page.error', { id, message: error })}
        </p>
      </div>
    );
  if (!details) return <p className="muted pad">{t('experiments.loading')}</p>;

  const { run } = details;
  const d = labOf(run.lab);
  const config = (run.config ?? {}) as Record<string, unknown>;
  const settings = flattenConfig(config);
  const shown = details.series.filter((s) => !axisOnly(s.name, [run]) && s.points > 0);
  const metrics = Object.keys(run.final).filter((k) => !axisOnly(k, [run]));
  const exportAs = async (format: 'csv' | 'bundle' | 'pytorch') => {
    try {
      const { data, filename } = await client.request('runs/export', { id, format });
      downloadData(data, filename);
      setNotice(null);
    } catch (e) {
      setNotice(e instanceof Error ? e.message : String(e));
    }
  };
  const openInLab = async () => {
    const { presetLink, presetProblem } = await import('../../presets/presetFiles');
    const problem = presetProblem(run.lab, config);
    if (problem) setNotice(t('experiments.page.cannot_open', { reason: problem }));
    else location.hash = presetLink(run.lab, config);
  };
  const runAgain = async () => {
    try {
      const { id: next } = await client.request('runs/start', { lab: run.lab, config: run.config, name: t('experiments.page.again_name', { name: run.name }), tags: run.tags });
      location.hash = runPageHash(next);
    } catch (e) {
      setNotice(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="run-page" data-testid="run-page" data-run={run.id} data-status={run.status} data-series={shown.length}>
      <div className="run-page-head">
        <button type="button" className="ghost" onClick={onBack} data-testid="run-page-back">
          ← {t('experiments.page.back')}
        </button>
        <h2>
          #{run.id} {run.name}
        </h2>
        <span className={`status status-${run.status}`} data-testid="run-page-status">
          {statusLabel(t, run.status)}
        </span>
      </div>
      <p className="muted run-page-facts">
        {[labLabel(lang, run.lab), fmtFullDate(run.createdAt, lang), t('experiments.page.steps', { n: run.steps }), fmtDuration(run.durationMs), run.msPerStep === null ? '' : t('experiments.page.ms_per_step', { ms: fmtMsPerStep(run.msPerStep) }), run.tags.join(', ')]
          .filter((s) => s !== '')
          .map((s, i) => (
            <span key={i}>{s}</span>
          ))}
      </p>
      <div className="run-page-actions">
        <button type="button" className="primary" onClick={() => void openInLab()} data-testid="run-page-open">
          {t('experiments.page.open')}
        </button>
        <button type="button" onClick={() => void runAgain()} data-testid="run-page-again" disabled={active}>
          {t('experiments.page.again')}
        </button>
        <button type="button" onClick={() => void exportAs('csv')} data-testid="run-page-csv">
          {t('experiments.editor.export_csv')}
        </button>
        <button type="button" onClick={() => void exportAs('bundle')} data-testid="run-page-bundle">
          {t('experiments.editor.export_bundle')}
        </button>
        {PYTORCH_LAB_IDS.includes(run.lab) && (
          <button type="button" onClick={() => void exportAs('pytorch')} data-testid="run-page-pytorch" disabled={active} title={t('experiments.page.pytorch_title')}>
            {t('experiments.page.pytorch')}
          </button>
        )}
        <button type="button" className="ghost" onClick={() => setVersion((v) => v + 1)}>
          {t('experiments.page.reload')}
        </button>
      </div>
      {notice && (
        <p className="field-error" role="alert" data-testid="run-page-notice">
          {notice}
        </p>
      )}
      {run.error && (
        <p className="field-error" role="alert">
          {run.error.message}
        </p>
      )}

      <div className="run-page-columns">
      <section className="run-page-section">
        <h3>{t('experiments.page.settings')}</h3>
        {d && (
          <p data-testid="run-page-words">
            <strong>{d.runName(config)}</strong>
            <br />
            <span translate="no">{d.keyHypers(config)}</span>
          </p>
        )}
        {run.notes && <p className="run-page-notes">{run.notes}</p>}
        <table className="run-page-table" data-testid="run-page-settings">
          <tbody>
            {Object.entries(settings).map(([k, v]) => (
              <tr key={k}>
                <th translate="no">{k}</th>
                <td translate="no">{fmtValue(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {metrics.length > 0 && (
        <section className="run-page-section">
          <h3>{t('experiments.page.metrics')}</h3>
          <table className="run-page-table" data-testid="run-page-metrics">
            <thead>
              <tr>
                <th />
                <th>{t('experiments.metrics.final')}</th>
                <th>{t('experiments.metrics.best')}</th>
              </tr>
            </thead>
            <tbody>
              {metrics.map((k) => (
                <tr key={k}>
                  <th>{titleOver(k, [run], lang)}</th>
                  <td>{fmtValue(run.final[k])}</td>
                  <td>{fmtValue(run.best[k])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      </div>

      <section className="run-page-section">
        <h3>{t('experiments.page.series', { n: shown.length })}</h3>
        {shown.length === 0 && <p className="muted">{t('experiments.page.no_series')}</p>}
        <div className="run-page-charts">
          {shown.map((s, i) => (
            <RunSeriesChart key={s.name} id={run.id} name={s.name} title={titleOver(s.name, [run], lang)} xLabel={t('experiments.page.step')} color={i} events={events} active={active} testId={`run-chart-${s.name}`} />
          ))}
        </div>
      </section>

      <section className="run-page-section">
        <h3>{t('experiments.page.changes', { n: details.events.length })}</h3>
        {details.events.length === 0 ? (
          <p className="muted">{t('experiments.page.no_changes')}</p>
        ) : (
          <table className="run-page-table" data-testid="run-page-events">
            <thead>
              <tr>
                <th>{t('experiments.page.step')}</th>
                <th>{t('experiments.page.field')}</th>
                <th>{t('experiments.page.change')}</th>
              </tr>
            </thead>
            <tbody>
              {details.events.map((e, i) => (
                <tr key={i}>
                  <td>{e.step}</td>
                  <td translate="no">{e.field}</td>
                  <td translate="no">{`${e.old === null ? '' : `${String(e.old)} → `}${String(e.new)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="run-page-section">
        <h3>{t('experiments.page.history')}</h3>
        <table className="run-page-table" data-testid="run-page-log">
          <tbody>
            {details.log.map((l, i) => (
              <tr key={i}>
                <td>{fmtFullDate(l.at, lang)}</td>
                <td>{statusLabel(t, l.status)}</td>
                <td>{l.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="run-page-section">
        <h3>{t('experiments.page.artifacts', { n: details.artifacts.length })}</h3>
        {details.artifacts.length === 0 ? (
          <p className="muted">{t('experiments.page.no_artifacts')}</p>
        ) : (
          <table className="run-page-table" data-testid="run-page-artifacts">
            <tbody>
              {details.artifacts.map((a) => (
                <tr key={a.id}>
                  <td>{t(a.kind === 'weights' ? 'experiments.page.kind.weights' : a.kind === 'frame' ? 'experiments.page.kind.frame' : 'experiments.page.kind.latest')}</td>
                  <td translate="no">{a.name}</td>
                  <td>{t('experiments.page.at_step', { n: a.step })}</td>
                  <td>{fmtValue(a.bytes)} B</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
