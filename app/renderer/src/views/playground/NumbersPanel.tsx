/**
 * The actual numbers of one update, for the selected optimizer and step, next to its update rule. Row k
 * of a stream is the state after k updates, so update k reads θ and g from row k − 1 and lr, the state
 * (v; G; m, v, m̂, v̂; E[g²], E[Δ²]) and the new θ and f from row k. The step follows the latest one
 * unless the slider picks another. Re-renders a few times a second from the store, never per point.
 * Every value cell carries its full-precision number in data-value (the text shows 6 significant digits).
 */
import { useEffect, useState } from 'react';

import { fixedSignificant } from '../../../../../src/format/number';
import { optimizerMeta, resolvedHypers, type OptimizerValue } from '../../components/OptimizerEditor';
import { catalogText } from '../../catalog/catalogText';
import type { StringKey } from '../../i18n/strings';
import { useClient } from '../../connection/ClientProvider';
import { useI18n } from '../../i18n/i18n';
import type { TrajectoryStore } from './TrajectoryStore';
import type { ExactRows } from './exactRows';
import { useStoreTick } from './useStoreTick';

export interface NumbersPanelProps {
  store: TrajectoryStore;
  /** the run's optimizers (what the numbers came from), with their colours */
  optimizers: { value: OptimizerValue; color: string }[];
  index: number;
  onIndex: (i: number) => void;
  /** null = follow the latest step */
  step: number | null;
  onStep: (k: number | null) => void;
  /** the run (its stored rows answer for steps a long race's track no longer keeps) */
  runId: number | null;
  exact: ExactRows;
}

function stateLabel(type: string, name: string): StringKey | null {
  if (name === 'v') return type === 'momentum' || type === 'nesterov' ? 'playground.state.v.momentum' : 'playground.state.v.adam';
  if (name === 'G') return type === 'adagrad' ? 'playground.state.G.adagrad' : 'playground.state.G.rmsprop';
  const known: Record<string, StringKey> = { m: 'playground.state.m', m_hat: 'playground.state.m_hat', v_hat: 'playground.state.v_hat', Eg2: 'playground.state.Eg2', Edx2: 'playground.state.Edx2' };
  return known[name] ?? null;
}

function Cell({ name, v, span }: { name: string; v: number; span?: boolean }) {
  return (
    <td className="pg-num" colSpan={span ? 2 : undefined} data-testid={`pg-num-${name}`} data-value={String(v)}>
      {fixedSignificant(v)}
    </td>
  );
}

export function NumbersPanel(p: NumbersPanelProps) {
  const { t, lang } = useI18n();
  useStoreTick(p.store, 100);
  const opt = p.optimizers[p.index];
  const track = p.store.tracks[p.index];
  const client = useClient();
  const last = track ? track.lastStep : -1;
  const k = p.step === null ? last : Math.min(p.step, last);
  const type = opt?.value.type ?? '';
  const meta = optimizerMeta(type);
  const hypers = opt ? Object.entries(resolvedHypers(opt.value)).filter(([name]) => name !== 'weight_decay' || type === 'adamw') : [];
  const states = track && track.names.length > 0 ? track.stateNames() : [...(meta?.state ?? [])];
  // a value at a step: from the track where it keeps the step, else from the store (read on demand)
  const kept = (step: number) => step < 0 || (track?.rowOfStep(step) ?? -1) >= 0;
  const fromStore = !kept(k) || !kept(k - 1);
  useEffect(() => {
    if (fromStore && track && p.runId !== null && k >= 0) p.exact.fetch(client, p.runId, p.index, Math.max(0, k - 1), k, track.names);
  });
  const v = (name: string, step: number) => {
    const row = track?.rowOfStep(step) ?? -1;
    if (row >= 0) return track!.value(name, row);
    return p.runId === null ? NaN : (p.exact.get(p.runId, p.index, step)?.[name] ?? NaN);
  };
  const exactReady = !fromStore || (p.runId !== null && p.exact.get(p.runId, p.index, k) !== undefined);
  // rows read from the store come after this render: look again until they are here
  const [, setSeen] = useState(0);
  useEffect(() => {
    if (exactReady) return;
    const timer = setInterval(() => setSeen(p.exact.version), 100);
    return () => clearInterval(timer);
  }, [exactReady, p.exact]);
  return (
    <section className="pg-card pg-numbers" aria-label={t('playground.numbers.title')} data-testid="pg-numbers" data-step={k} data-index={p.index} data-source={fromStore ? (exactReady ? 'store' : 'reading') : 'kept'}>
      <div className="pg-card-head">
        <h2>{t('playground.numbers.title')}</h2>
        {p.optimizers.length > 1 && (
          <select data-testid="pg-numbers-optimizer" aria-label={t('playground.numbers.optimizer')} value={p.index} onChange={(e) => p.onIndex(Number(e.target.value))}>
            {p.optimizers.map((o, i) => (
              <option key={i} value={i}>
                #{i + 1} {catalogText(lang, optimizerMeta(o.value.type)?.title ?? o.value.type)}
              </option>
            ))}
          </select>
        )}
      </div>
      {opt && (
        <div className="pg-rule">
          <span className="pg-swatch" style={{ background: opt.color }} />
          <strong>{catalogText(lang, meta?.title ?? type)}</strong>
          <code className="formula">{meta?.formula}</code>
          <code className="pg-hypers">{hypers.map(([name, x]) => `${name} = ${String(x)}`).join(',  ')}</code>
        </div>
      )}
      {k < 0 || !track ? (
        <p className="pg-help">{t('playground.numbers.empty')}</p>
      ) : (
        <>
          <div className="pg-step-pick">
            <label>
              {t('playground.numbers.step')}{' '}
              <input
                type="range"
                min={0}
                max={Math.max(0, last)}
                value={k}
                data-testid="pg-numbers-step"
                onChange={(e) => p.onStep(Number(e.target.value))}
              />
            </label>
            <span className="pg-step-value">
              {k} / {last}
            </span>
            <label className="pg-check">
              <input type="checkbox" checked={p.step === null} data-testid="pg-numbers-follow" onChange={(e) => p.onStep(e.target.checked ? null : k)} /> {t('playground.numbers.follow')}
            </label>
          </div>
          <p className="pg-update-title">{k === 0 ? t('playground.numbers.start') : t('playground.numbers.update', { k, prev: k - 1 })}</p>
          {fromStore && <p className="pg-help">{exactReady ? t('playground.numbers.from_store') : t('playground.numbers.reading')}</p>}
          <table className="pg-table">
            <thead>
              <tr>
                <th scope="col">{t('playground.numbers.quantity')}</th>
                <th scope="col">x</th>
                <th scope="col">y</th>
              </tr>
            </thead>
            <tbody>
              {k > 0 && (
                <>
                  <tr>
                    <th scope="row">{t('playground.row.theta_before', { prev: k - 1 })}</th>
                    <Cell name="x_prev" v={v('x', k - 1)} />
                    <Cell name="y_prev" v={v('y', k - 1)} />
                  </tr>
                  <tr>
                    <th scope="row">{t('playground.row.g', { prev: k - 1 })}</th>
                    <Cell name="gx" v={v('gx', k - 1)} />
                    <Cell name="gy" v={v('gy', k - 1)} />
                  </tr>
                  <tr>
                    <th scope="row">{t('playground.row.gnorm')}</th>
                    <Cell name="gnorm" v={v('gnorm', k - 1)} span />
                  </tr>
                  <tr>
                    <th scope="row">{t('playground.row.lr')}</th>
                    <Cell name="lr" v={v('lr', k)} span />
                  </tr>
                  {states.map((s) => {
                    const key = stateLabel(type, s);
                    return (
                      <tr key={s}>
                        <th scope="row">{key ? t(key) : t('playground.state.other', { name: s })}</th>
                        <Cell name={`${s}_x`} v={v(`${s}_x`, k)} />
                        <Cell name={`${s}_y`} v={v(`${s}_y`, k)} />
                      </tr>
                    );
                  })}
                </>
              )}
              <tr className="pg-row-result">
                <th scope="row">{k === 0 ? t('playground.row.theta', { k: 0 }) : t('playground.row.theta', { k })}</th>
                <Cell name="x" v={v('x', k)} />
                <Cell name="y" v={v('y', k)} />
              </tr>
              <tr className="pg-row-result">
                <th scope="row">{t('playground.row.f', { k })}</th>
                <Cell name="f" v={v('f', k)} span />
              </tr>
              {k === 0 && (
                <>
                  <tr>
                    <th scope="row">{t('playground.row.g_now')}</th>
                    <Cell name="gx" v={v('gx', 0)} />
                    <Cell name="gy" v={v('gy', 0)} />
                  </tr>
                  <tr>
                    <th scope="row">{t('playground.row.gnorm')}</th>
                    <Cell name="gnorm" v={v('gnorm', 0)} span />
                  </tr>
                </>
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
