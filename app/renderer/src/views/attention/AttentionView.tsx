/**
 * The attention lab: a decoder-only transformer learning copy, reverse, sort, addition or a repeated
 * pattern (or the RNN lab's shipped texts), live (lab "attention": native/core/labs/attention.hpp). The
 * attention maps of every layer and head over one input — the first held-out sequence or a prompt you
 * type, answered by the model itself — with a query row's numbers (q·k/√d, the softmax, the weighted sum of
 * the values, worked out from the layer's Q, K and V), accuracy per answer
 * position, the positional encoding, the loss and the held-out scores. The step size changes live.
 */
import { useEffect, useMemo, useState } from 'react';

import { LiveChart } from '../../charts/LiveChart';
import { LabField } from '../../components/LabField';
import { ResetToApply } from '../../components/ResetToApply';
import { LabRunBar } from '../../controls/LabRunBar';
import { usePolled } from '../../controls/usePolled';
import { useLiveLab } from '../../controls/useLiveLab';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { compactNumber } from '../../../../../src/format/number';
import english from '../../../../../assets/texts/english-moby-dick.txt?raw';
import chinese from '../../../../../assets/texts/chinese-lunyu-shijing.txt?raw';
import { divergingColor } from '../rnn/HiddenStrip';
import { SeqLive } from '../rnn/rnnLive';
import { ATTN_SOURCES, checkForm, isTaskSource, loadForm, parsePrompt, saveForm, type AttnForm, type FieldErrors, attnFormFromConfig } from './attentionForm';
import { clearPendingPreset, readPendingPreset } from '../../presets/pendingPreset';
import { MatrixCanvas, weightColor } from './MatrixCanvas';
import { queryNumbers } from './queryNumbers';
import { PictureHeading } from '../../recording/PictureHeading';
import './attention.css';

const SPEEDS = [0, 100, 20, 5];


function Field(p: { id: keyof AttnForm; value: string; onChange: (v: string) => void; error: FieldErrors[keyof AttnForm]; disabled: boolean }) {
  const { t } = useI18n();
  return <LabField prefix="attn" className="attn-field" label={t(`attn.field.${p.id}` as StringKey)} {...p} />;
}

const versionOf = (l: SeqLive) => l.version;
const snapshotOf = (l: SeqLive) => ({ n: l.numbers, frames: new Map(l.frames) });

export default function AttentionView() {
  const { t } = useI18n();
  // a lesson's preset or an opened preset file (read once; cleared after mounting), else the saved form
  const [form, setForm] = useState<AttnForm>(() => {
    const c = readPendingPreset('attention-lab');
    return (c ? attnFormFromConfig(c) : null) ?? loadForm();
  });
  useEffect(() => clearPendingPreset(), []);
  useEffect(() => saveForm(form), [form]);
  const [prompt, setPrompt] = useState('');
  const [query, setQuery] = useState<number | null>(null);
  const text = form.source === 'english' ? english : form.source === 'chinese' ? chinese : '';
  const checked = useMemo(() => checkForm(form, text), [form, text]);

  const { live, run } = useLiveLab('attention', () => new SeqLive());
  const c = run.controller;
  const active = run.phase === 'running' || run.phase === 'paused' || run.phase === 'starting';
  const { n, frames } = usePolled(live, versionOf, snapshotOf, 200);
  const patch = (p: Partial<AttnForm>) => setForm((f) => ({ ...f, ...p }));
  const task = isTaskSource(form.source);
  const setLr = (v: string) => {
    patch({ lr: v });
    const x = Number(v);
    if (run.live && v.trim() !== '' && Number.isFinite(x) && x > 0 && x <= 10) c.update({ set: { lr: x } });
  };
  const parsed = parsePrompt(form, prompt);
  const promptError = prompt.trim() !== '' && parsed === null;

  const attn = frames.get('attention');
  const byPos = frames.get('by_position');
  const qkv = frames.get('qkv');
  const dimOf = Number(qkv?.meta.dim ?? 0);
  const positions = frames.get('positions');
  const [layers, heads, size] = attn ? [attn.shape[0]!, attn.shape[1]!, attn.shape[2]!] : [0, 0, 0];
  const tokens = (attn?.meta.tokens as string[] | undefined)?.slice(0, size) ?? [];
  const cell = size > 24 ? 8 : size > 14 ? 12 : 16;
  const q = query !== null && query < size ? query : null;
  const fmt = (v: number) => (Number.isFinite(v) ? compactNumber(v) : '—');
  const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '—');
  const seqAcc = live.score;  // the charted score: whole-sequence accuracy (tasks) or bits per character

  return (
    <div className="attn" data-testid="attn-view" data-run-id={run.runId ?? ''} data-phase={run.phase}>
      <aside className="attn-settings">
        <ResetToApply live={active} testId="attn-reset-to-apply" />
        <h2>{t('attn.section.data')}</h2>
        <label className="attn-field">
          <span>{t('attn.source')}</span>
          <select data-testid="attn-source" value={form.source} disabled={active} onChange={(e) => patch({ source: e.target.value as AttnForm['source'] })}>
            {ATTN_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`attn.source.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {task ? (
          <>
            <Field id="length" value={form.length} onChange={(v) => patch({ length: v })} error={checked.errors.length} disabled={active} />
            {form.source !== 'addition' && <Field id="vocab" value={form.vocab} onChange={(v) => patch({ vocab: v })} error={checked.errors.vocab} disabled={active} />}
          </>
        ) : (
          <Field id="seqLen" value={form.seqLen} onChange={(v) => patch({ seqLen: v })} error={checked.errors.seqLen} disabled={active} />
        )}
        <h2>{t('attn.section.model')}</h2>
        <Field id="layers" value={form.layers} onChange={(v) => patch({ layers: v })} error={checked.errors.layers} disabled={active} />
        <Field id="heads" value={form.heads} onChange={(v) => patch({ heads: v })} error={checked.errors.heads} disabled={active} />
        <Field id="dim" value={form.dim} onChange={(v) => patch({ dim: v })} error={checked.errors.dim} disabled={active} />
        <label className="attn-field">
          <span>{t('attn.field.positions')}</span>
          <select data-testid="attn-positions" value={form.positions} disabled={active} onChange={(e) => patch({ positions: e.target.value as AttnForm['positions'] })}>
            <option value="sinusoidal">{t('attn.positions.sinusoidal')}</option>
            <option value="learned">{t('attn.positions.learned')}</option>
          </select>
        </label>
        <Field id="dropout" value={form.dropout} onChange={(v) => patch({ dropout: v })} error={checked.errors.dropout} disabled={active} />
        <h2>{t('attn.section.training')}</h2>
        <p className="muted">{t('attn.live.note')}</p>
        <Field id="lr" value={form.lr} onChange={setLr} error={checked.errors.lr} disabled={false} />
        <Field id="steps" value={form.steps} onChange={(v) => patch({ steps: v })} error={checked.errors.steps} disabled={active} />
        <Field id="batch" value={form.batch} onChange={(v) => patch({ batch: v })} error={checked.errors.batch} disabled={active} />
        <Field id="seed" value={form.seed} onChange={(v) => patch({ seed: v })} error={checked.errors.seed} disabled={active} />
      </aside>

      <section className="attn-stage">
        <LabRunBar
          prefix="attn"
          lab="attention"
          run={run}
          config={checked.config}
          onLeave={() => setQuery(null)}
          speeds={SPEEDS}
        ></LabRunBar>
        <div className="attn-tiles">
          <div className="attn-tile" data-testid="attn-tile-step">
            <span className="attn-tile-label">{t('attn.tile.step')}</span>
            <span className="attn-tile-value">{n.step}</span>
          </div>
          <div className="attn-tile" data-testid="attn-tile-loss">
            <span className="attn-tile-label">{t('attn.tile.loss')}</span>
            <span className="attn-tile-value">{fmt(n.loss)}</span>
          </div>
          <div className="attn-tile" data-testid="attn-tile-score" data-value={Number.isFinite(n.metric) ? String(n.metric) : ''}>
            <span className="attn-tile-label">{t(task ? 'attn.tile.seq_acc' : 'attn.tile.val_bpc')}</span>
            <span className="attn-tile-value">{task ? pct(n.metric) : fmt(n.metric)}</span>
          </div>
        </div>
        {!attn && <p className="muted">{t('attn.waiting')}</p>}
        {attn && (
          <div className="attn-panel">
            <PictureHeading title={t(attn.meta.source === 'yours' ? 'attn.maps.yours' : 'attn.maps.heldout')} target='[data-testid="attn-maps"]' name="attention-maps" testId="attn-maps-picture" />
            <p className="attn-seq" translate="no">
              <span>{t('attn.maps.input')}</span> <code data-testid="attn-text">{String(attn.meta.text)}</code>
            </p>
            <p className="attn-seq" translate="no">
              <span>{t('attn.maps.predicted')}</span> <code data-testid="attn-predicted">{String(attn.meta.predicted_text)}</code>
            </p>
            <div className="attn-maps" data-testid="attn-maps" data-layers={layers} data-heads={heads} data-size={size}>
              {Array.from({ length: layers }, (_, l) => (
                <div key={l} className="attn-layer">
                  <span className="attn-layer-name">{t('attn.layer', { l: l + 1 })}</span>
                  {Array.from({ length: heads }, (_, h) => (
                    <figure key={h}>
                      <MatrixCanvas
                        data={attn.data}
                        offset={(l * heads + h) * size * size}
                        rows={size}
                        cols={size}
                        cell={cell}
                        color={weightColor}
                        rowLabels={tokens}
                        colLabels={tokens}
                        selectedRow={q}
                        onRow={setQuery}
                        testId={`attn-map-${l}-${h}`}
                        label={t('attn.head', { l: l + 1, h: h + 1 })}
                      />
                      <figcaption>{t('attn.head', { l: l + 1, h: h + 1 })}</figcaption>
                    </figure>
                  ))}
                </div>
              ))}
            </div>
            <p className="muted">{t('attn.maps.help')}</p>
            {q !== null && qkv && (
              <div className="attn-query attn-scroll" data-testid="attn-query">
                <p>{t('attn.query.title', { q: q + 1, token: tokens[q] ?? '' })}</p>
                <table>
                  <thead>
                    <tr>
                      <th />
                      <th>{t('attn.query.key')}</th>
                      {tokens.slice(0, q + 1).map((tok, j) => (
                        <th key={j} translate="no">{tok}</th>
                      ))}
                      <th>{t('attn.query.sum')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Array.from({ length: layers * heads }, (_, m) => {
                      const num = queryNumbers(qkv.data, size, dimOf, heads, Math.floor(m / heads), m % heads, q);
                      const head = t('attn.head', { l: Math.floor(m / heads) + 1, h: (m % heads) + 1 });
                      return [
                        <tr key={`${m}s`} className="attn-query-head">
                          <th rowSpan={2}>{head}</th>
                          <th>{t('attn.query.score')}</th>
                          {num.scores.map((v, j) => (
                            <td key={j}>{v.toFixed(2)}</td>
                          ))}
                          <td rowSpan={2} className="attn-query-sum" translate="no">
                            [{num.sum.slice(0, 4).map((v) => v.toFixed(2)).join(', ')}
                            {num.sum.length > 4 ? ', …' : ''}] (|v| = {Math.hypot(...num.sum).toFixed(2)})
                          </td>
                        </tr>,
                        <tr key={`${m}w`} data-testid="attn-query-weights">
                          <th>{t('attn.query.weight')}</th>
                          {num.weights.map((v, j) => (
                            <td key={j}>{v.toFixed(3)}</td>
                          ))}
                        </tr>,
                      ];
                    })}
                  </tbody>
                </table>
                <p className="muted">{t('attn.query.note')}</p>
              </div>
            )}
            <form
              className="attn-prompt"
              onSubmit={(e) => {
                e.preventDefault();
                if (parsed !== null && run.runId !== null) c.update({ input: parsed });
              }}
            >
              <label>
                {t(task ? (form.source === 'addition' ? 'attn.prompt.addition' : 'attn.prompt.task') : 'attn.prompt.text', { l: form.length })}{' '}
                <input data-testid="attn-prompt" value={prompt} onChange={(e) => setPrompt(e.target.value)} aria-invalid={promptError ? true : undefined} translate="no" />
              </label>
              <button type="submit" data-testid="attn-prompt-show" disabled={parsed === null || !run.live}>
                {t('attn.prompt.show')}
              </button>
              <button type="button" disabled={!run.live || attn.meta.source !== 'yours'} onClick={() => c.update({ input: null })}>
                {t('attn.prompt.back')}
              </button>
              {promptError && (
                <span className="field-error" role="alert" data-testid="attn-prompt-error">
                  {t(task ? 'attn.prompt.bad_task' : 'attn.prompt.bad_text', { l: form.length })}
                </span>
              )}
              {!run.live && <span className="muted">{t('attn.prompt.live')}</span>}
            </form>
          </div>
        )}
        <div className="attn-row">
          {byPos && (
            <div className="attn-panel">
              <h3>{t('attn.panel.by_position')}</h3>
              <div className="attn-bars" data-testid="attn-by-position">
                {Array.from(byPos.data, (v, k) => (
                  <div key={k} className="attn-bar-row">
                    <span>{k + 1}</span>
                    <span className="attn-bar-track">
                      <span className="attn-bar-fill" style={{ width: `${Math.round(100 * v)}%` }} />
                    </span>
                    <span>{pct(v)}</span>
                  </div>
                ))}
              </div>
            </div>
          )}
          {positions && (
            <div className="attn-panel attn-scroll">
              <h3>{t(positions.meta.kind === 'learned' ? 'attn.panel.positions.learned' : 'attn.panel.positions')}</h3>
              <MatrixCanvas data={positions.data} rows={positions.shape[0]!} cols={positions.shape[1]!} cell={positions.shape[1]! > 64 ? 3 : 6} color={divergingColor} testId="attn-positions-map" label={t('attn.panel.positions')} />
              <p className="muted">{t('attn.positions.help')}</p>
            </div>
          )}
        </div>
        <div className="attn-charts">
          <div className="attn-panel">
            <h3>{t('attn.chart.loss')}</h3>
            <LiveChart buffer={live.loss} labels={[t('attn.series.loss')]} colors={['#2f6fde']} xLabel={t('attn.axis.step')} xAxisLabel={false} height={170} testId="attn-chart-loss" />
          </div>
          <div className="attn-panel">
            <h3>{t(task ? 'attn.tile.seq_acc' : 'attn.tile.val_bpc')}</h3>
            <LiveChart buffer={seqAcc} labels={[t('attn.series.score')]} colors={['#c0392b']} xLabel={t('attn.axis.step')} xAxisLabel={false} height={170} testId="attn-chart-score" />
          </div>
        </div>
      </section>
    </div>
  );
}
