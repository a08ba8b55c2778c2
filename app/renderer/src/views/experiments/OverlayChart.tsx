/**
 * Ticked runs overlaid on one chart: `runs/compare` for one series (the choice lists the series the
 * runs have, from runs/get) on a shared x — step, epoch, examples seen or time — each run reduced by
 * the store to at most MAX_POINTS points with every bucket's min, max and NaN kept, so nothing is hidden.
 * Runs without that series are named below the chart. Re-read every 1.5 s while one of them is active.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

import type { Run } from '../../../../../src/experiments/run-types';
import { ChartToolbar, useChartOptions } from '../../charts/ChartToolbar';
import { LiveChart, type LiveChartHandle } from '../../charts/LiveChart';
import { colorAt } from '../../charts/palette';
import { SeriesBuffer } from '../../charts/SeriesBuffer';
import { useClient } from '../../connection/ClientProvider';
import { alignments, labOf } from '../../../../../src/labs/index';
import { overlayEvents, type RunEventLike } from './overlayEvents';
import { meanBand, seedGroups } from './seedGroups';
import { axisOnly, titleOver } from './seriesTitles';
import { useI18n } from '../../i18n/i18n';
import { joinSeries } from './joinSeries';
import { rereading } from './rereading';
import { isActive } from './useRuns';

export const MAX_POINTS = 3000;
const X_CHOICES = ['step', 'epoch', 'examples', 'time'] as const;
type XBy = (typeof X_CHOICES)[number];
const PREFERRED = ['train_loss', 'epoch_test_loss', 'epoch_test_acc', 'race_f'];

export function OverlayChart({ runs }: { runs: Run[] }) {
  const client = useClient();
  const { t, lang } = useI18n();
  const ids = runs.map((r) => r.id);
  const idsKey = ids.join(',');
  const [seriesOf, setSeriesOf] = useState<Map<number, string[]>>(new Map());
  const [eventsOf, setEventsOf] = useState<Map<number, RunEventLike[]>>(new Map());
  const [series, setSeries] = useState('');
  const [xBy, setXBy] = useState<XBy>('step');
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ ids: number[]; labels: string[]; colors: string[]; faint: boolean[] }>({ ids: [], labels: [], colors: [], faint: [] });
  const [bySeeds, setBySeeds] = useState(true);
  const [opts, setOpts] = useChartOptions();
  const chart = useRef<LiveChartHandle>(null);
  const buffers = useRef(new Map<number, SeriesBuffer>());
  const anyActive = runs.some(isActive);
  const activeKey = runs.map((r) => `${r.id}:${r.status}`).join(',');

  // which series each run has (runs/get), re-read as runs progress
  useEffect(() => {
    let alive = true;
    Promise.all(ids.map((id) => client.request('runs/get', { id }).then((g) => [id, g.series.map((s) => s.name), g.events] as const))).then(
      (rows) => {
        if (!alive) return;
        setSeriesOf(new Map(rows.map(([id, names]) => [id, names])));
        setEventsOf(new Map(rows.map(([id, , events]) => [id, events])));
      },
      (e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      alive = false;
    };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the ids as text: the array is new each render
  }, [client, idsKey, activeKey]);

  const choices = useMemo(() => {
    const all = new Set<string>();
    for (const names of seriesOf.values()) for (const n of names) all.add(n);
    const having = (n: string) => runs.filter((r) => seriesOf.get(r.id)?.includes(n));
    return [...all].filter((n) => !axisOnly(n, having(n))).sort((a, b) => {
      const pa = PREFERRED.indexOf(a),
        pb = PREFERRED.indexOf(b);
      return (pa < 0 ? 99 : pa) - (pb < 0 ? 99 : pb) || a.localeCompare(b, 'en', { numeric: true });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs matter through seriesOf, which is re-read with them
  }, [seriesOf]);
  useEffect(() => {
    if (choices.length > 0 && !choices.includes(series)) setSeries(choices[0]!);
  }, [choices, series]);

  const seriesLabel = series ? titleOver(series, runs.filter((r) => seriesOf.get(r.id)?.includes(series)), lang) : '';

  // epochs and examples seen as x only when every run's lab aligns this series by epoch (its descriptor says)
  const byEpoch = runs.length > 0 && runs.every((r) => {
    const d = labOf(r.lab);
    return d !== undefined && alignments(d, series).includes('epoch');
  });
  useEffect(() => {
    if (!byEpoch && (xBy === 'epoch' || xBy === 'examples')) setXBy('step');
  }, [byEpoch, xBy]);

  const having = ids.filter((id) => seriesOf.get(id)?.includes(series));
  const missing = ids.filter((id) => seriesOf.has(id) && !seriesOf.get(id)!.includes(series));
  const havingKey = having.join(',');
  // runs of one sweep that differ only in their seed: drawn as mean ± std when asked (seedGroups.ts)
  const groups = useMemo(() => seedGroups(having.flatMap((id) => runs.find((r) => r.id === id) ?? [])), [havingKey, runs]); // eslint-disable-line react-hooks/exhaustive-deps
  const groupsKey = groups.map((g) => g.join(',')).join(';'); // the reads restart only when the grouping changes
  const anyGroup = groups.some((g) => g.length > 1);
  const grouped = bySeeds && anyGroup;
  const k = grouped ? groups.reduce((n, g) => n + (g.length > 1 ? 3 : 1), 0) : having.length;
  let buffer = buffers.current.get(k);
  if (!buffer) buffers.current.set(k, (buffer = new SeriesBuffer(k)));

  useEffect(() => {
    if (!series || having.length === 0) return;
    return rereading((alive) => {
      client.request('runs/compare', { ids: having, series, x: xBy, maxPoints: MAX_POINTS }).then(
        (res) => {
          if (!alive()) return;
          const scale = xBy === 'time' ? 1 / 1000 : 1;
          const joined = joinSeries(res.series.map((s) => ({ x: scale === 1 ? s.x : s.x.map((v) => v * scale), values: s.values })));
          const byId = new Map(runs.map((r) => [r.id, r]));
          const at = new Map(res.series.map((s, i) => [s.id, i]));
          const out = { ys: [] as (number | null)[][], ids: [] as number[], labels: [] as string[], colors: [] as string[], faint: [] as boolean[] };
          const single = (id: number) => {
            out.ys.push(joined.ys[at.get(id)!]!);
            out.ids.push(id);
            out.labels.push(`#${id} ${byId.get(id)?.name ?? ''}`);
            out.colors.push(colorAt(ids.indexOf(id)));
            out.faint.push(false);
          };
          for (const g of grouped ? groups : having.map((id) => [id])) {
            const members = g.filter((id) => at.has(id));
            if (members.length === 0) continue;
            if (!grouped || g.length === 1) {
              for (const id of members) single(id);
              continue;
            }
            const band = meanBand(members.map((id) => joined.ys[at.get(id)!]!));
            const name = t('experiments.overlay.seeds_group', { sweep: byId.get(members[0]!)?.sweepId ?? '?', n: members.length });
            const color = colorAt(ids.indexOf(members[0]!));
            out.ys.push(band.mean, band.hi, band.lo);
            out.ids.push(members[0]!, members[0]!, members[0]!);
            out.labels.push(`${name} · ${t('experiments.overlay.mean')}`, `${name} · ${t('experiments.overlay.mean_plus')}`, `${name} · ${t('experiments.overlay.mean_minus')}`);
            out.colors.push(color, color, color);
            out.faint.push(false, true, true);
          }
          if (out.ys.length !== buffer.series) return; // the grouping changed meanwhile: the next read draws it
          buffer.clear();
          buffer.appendWithGaps(joined.x, out.ys);
          setShown({ ids: out.ids, labels: out.labels, colors: out.colors, faint: out.faint });
          setError(null);
        },
        (e: unknown) => alive() && setError(e instanceof Error ? e.message : String(e)),
      );
    }, anyActive);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by havingKey (the ids as text): the arrays are new each render
  }, [client, havingKey, series, xBy, anyActive, buffer, grouped, groupsKey, lang]);

  const xLabel = t(`experiments.overlay.x.${xBy}`);
  return (
    <section className="overlay" data-testid="overlay" data-runs={shown.ids.length} aria-label={t('experiments.overlay.title')}>
      <div className="overlay-head">
        <h2>{t('experiments.overlay.title')}</h2>
        <label>
          {t('experiments.overlay.series')}
          <select data-testid="overlay-series" value={series} onChange={(e) => setSeries(e.target.value)}>
            {choices.map((c) => (
              <option key={c} value={c} title={c}>
                {titleOver(c, runs.filter((r) => seriesOf.get(r.id)?.includes(c)), lang)}
              </option>
            ))}
          </select>
        </label>
        {anyGroup && (
          <label className="check">
            <input type="checkbox" data-testid="overlay-seeds" checked={bySeeds} onChange={(e) => setBySeeds(e.target.checked)} /> {t('experiments.overlay.by_seeds')}
          </label>
        )}
        <label>
          {t('experiments.overlay.x')}
          <select data-testid="overlay-x" value={xBy} onChange={(e) => setXBy(e.target.value as XBy)}>
            {X_CHOICES.filter((x) => byEpoch || (x !== 'epoch' && x !== 'examples')).map((x) => (
              <option key={x} value={x}>
                {t(`experiments.overlay.x.${x}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ChartToolbar options={opts} onChange={setOpts} chart={chart} filename={`overlay-${series || 'chart'}.png`} testId="overlay-chart" />
      {choices.length === 0 && seriesOf.size > 0 && <p className="muted">{t('experiments.overlay.none')}</p>}
      <LiveChart
        buffer={buffer}
        labels={shown.labels.length === k ? shown.labels : having.map((id) => `#${id}`)}
        colors={shown.colors.length === k ? shown.colors : having.map((id) => colorAt(ids.indexOf(id)))}
        faint={shown.faint.length === k ? shown.faint : []}
        events={xBy === 'step' ? overlayEvents(having, eventsOf) : []}
        xLabel={xLabel}
        logX={opts.logX}
        logY={opts.logY}
        smoothing={opts.smoothing}
        height={230}
        chartRef={chart}
        title={seriesLabel}
        yLabel={seriesLabel}
        testId="overlay-chart"
        pictureButtons={false}
      />
      {missing.length > 0 && <p className="muted small">{t('experiments.overlay.missing', { series, runs: missing.map((id) => `#${id}`).join(', ') })}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
