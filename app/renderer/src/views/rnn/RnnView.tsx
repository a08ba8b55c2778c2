/**
 * The RNN lab: an RNN, LSTM or GRU learning a text character by character (Moby-Dick, 论语 and 诗经, or
 * yours) or a sequence task with a known answer, live (lab "seq": native/core/labs/seq.hpp). Play,
 * pause, step, reset; text sampled from the model as it learns (temperature and top-k live), the hidden
 * state over a passage, the gradient's norm through time, a held-out task sequence with the net's
 * outputs, the loss and the held-out score. The step size changes live.
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
import { GradientBars } from './GradientBars';
import { HiddenStrip } from './HiddenStrip';
import { PictureHeading } from '../../recording/PictureHeading';
import { characters, checkForm, isTask, loadForm, rateOf, saveForm, sourceDefaults, SOURCES, temperatureOf, topKOf, unigramBits, type FieldErrors, type RnnForm, type Source, rnnFormFromConfig } from './rnnForm';
import { clearPendingPreset, readPendingPreset } from '../../presets/pendingPreset';
import { SeqLive } from './rnnLive';
import { TaskExample } from './TaskExample';
import './rnn.css';

const SPEEDS = [0, 100, 20, 5];
const LOSS_COLOR = '#2f6fde';
const SCORE_COLOR = '#c0392b';


function Field(p: { id: keyof RnnForm; value: string; onChange: (v: string) => void; error: FieldErrors[keyof RnnForm]; disabled: boolean }) {
  const { t } = useI18n();
  return <LabField prefix="rnn" className="rnn-field" label={t(`rnn.field.${p.id}` as StringKey)} {...p} />;
}

const versionOf = (l: SeqLive) => l.version;
const snapshotOf = (l: SeqLive) => ({ n: l.numbers, frames: new Map(l.frames) });

/** The text a source trains on (empty for a task). */
function textOf(source: Source, yours: string): string {
  return source === 'english' ? english : source === 'chinese' ? chinese : source === 'yours' ? yours : '';
}

export default function RnnView() {
  const { t } = useI18n();
  // a lesson's preset or an opened preset file (read once; cleared after mounting), else the saved form
  const [form, setForm] = useState<RnnForm>(() => {
    const c = readPendingPreset('rnn-lab');
    return (c ? rnnFormFromConfig(c) : null) ?? loadForm();
  });
  useEffect(() => clearPendingPreset(), []);
  useEffect(() => saveForm(form), [form]);
  const text = textOf(form.source, form.yours);
  const checked = useMemo(() => checkForm(form, text), [form, text]);
  const textInfo = useMemo(() => (text ? { n: characters(text), v: new Set(Array.from(text)).size, unigram: unigramBits(text) } : null), [text]);

  const { live, run } = useLiveLab('seq', () => new SeqLive());
  const c = run.controller;
  const active = run.phase === 'running' || run.phase === 'paused' || run.phase === 'starting';
  const { n, frames } = usePolled(live, versionOf, snapshotOf, 150);
  const patch = (p: Partial<RnnForm>) => setForm((f) => ({ ...f, ...p }));
  const task = isTask(form.source);
  const setLr = (v: string) => {
    patch({ lr: v });
    const x = rateOf(v);
    if (run.live && x !== null) c.update({ set: { lr: x } });
  };
  const setSampling = (p: Partial<Pick<RnnForm, 'temperature' | 'topK'>>) => {
    patch(p);
    const temperature = temperatureOf(p.temperature ?? form.temperature);
    const topK = topKOf(p.topK ?? form.topK);
    if (run.live && !task && temperature !== null && topK !== null) c.update({ sampling: { temperature, top_k: topK } });
  };
  const openFile = async (file: File) => patch({ yours: await file.text() });

  const sample = frames.get('sample');
  const hidden = frames.get('hidden');
  const gradients = frames.get('gradients');
  const example = frames.get('example');
  const fmt = (v: number) => (Number.isFinite(v) ? compactNumber(v) : '—');
  const metricKey = (n.metricName || (task ? (form.source === 'sine' ? 'val_mse' : 'acc') : 'val_bpc')) as 'val_bpc' | 'acc' | 'val_mse';
  const metricValue = metricKey === 'acc' && Number.isFinite(n.metric) ? `${(100 * n.metric).toFixed(1)} %` : fmt(n.metric);

  return (
    <div className="rnn" data-testid="rnn-view" data-run-id={run.runId ?? ''} data-phase={run.phase}>
      <aside className="rnn-settings">
        <ResetToApply live={active} testId="rnn-reset-to-apply" />
        <h2>{t('rnn.section.data')}</h2>
        <label className="rnn-field">
          <span>{t('rnn.source')}</span>
          <select data-testid="rnn-source" value={form.source} disabled={active} onChange={(e) => patch({ source: e.target.value as Source, ...sourceDefaults(e.target.value as Source) })}>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`rnn.source.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {form.source === 'yours' && (
          <label className="rnn-field">
            <span>{t('rnn.yours.label')}</span>
            <textarea data-testid="rnn-yours" rows={5} value={form.yours} disabled={active} spellCheck={false} translate="no" aria-invalid={checked.errors.yours ? true : undefined} onChange={(e) => patch({ yours: e.target.value })} />
            <span className="rnn-file">
              <input type="file" accept=".txt,text/plain" data-testid="rnn-yours-file" disabled={active} aria-label={t('rnn.yours.open')} onChange={(e) => e.target.files?.[0] && void openFile(e.target.files[0])} />
            </span>
            {checked.errors.yours && (
              <span className="field-error" role="alert" data-testid="rnn-yours-error">
                {t(checked.errors.yours.key)}
              </span>
            )}
          </label>
        )}
        <p className="muted" data-testid="rnn-source-note">
          {textInfo ? t('rnn.source.note', { n: textInfo.n, v: textInfo.v }) : t('rnn.task.note')}
        </p>
        <h2>{t('rnn.section.model')}</h2>
        <label className="rnn-field">
          <span>{t('rnn.field.cell')}</span>
          <select data-testid="rnn-cell" value={form.cell} disabled={active} onChange={(e) => patch({ cell: e.target.value as RnnForm['cell'] })}>
            {(['lstm', 'gru', 'rnn'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`rnn.cell.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {!task && <Field id="embed" value={form.embed} onChange={(v) => patch({ embed: v })} error={checked.errors.embed} disabled={active} />}
        <Field id="hidden" value={form.hidden} onChange={(v) => patch({ hidden: v })} error={checked.errors.hidden} disabled={active} />
        <Field id="seqLen" value={form.seqLen} onChange={(v) => patch({ seqLen: v })} error={checked.errors.seqLen} disabled={active} />
        <h2>{t('rnn.section.training')}</h2>
        <p className="muted">{t('rnn.live.note')}</p>
        <Field id="lr" value={form.lr} onChange={setLr} error={checked.errors.lr} disabled={false} />
        <Field id="steps" value={form.steps} onChange={(v) => patch({ steps: v })} error={checked.errors.steps} disabled={active} />
        <Field id="batch" value={form.batch} onChange={(v) => patch({ batch: v })} error={checked.errors.batch} disabled={active} />
        <Field id="clip" value={form.clip} onChange={(v) => patch({ clip: v })} error={checked.errors.clip} disabled={active} />
        <Field id="seed" value={form.seed} onChange={(v) => patch({ seed: v })} error={checked.errors.seed} disabled={active} />
        {!task && (
          <>
            <h2>{t('rnn.section.sampling')}</h2>
            <label className="rnn-field">
              <span>{t('rnn.field.temperature', { t: form.temperature })}</span>
              <input type="range" min={0.1} max={2} step={0.05} data-testid="rnn-temperature" value={temperatureOf(form.temperature) ?? 1} onChange={(e) => setSampling({ temperature: e.target.value })} />
            </label>
            <Field id="topK" value={form.topK} onChange={(v) => setSampling({ topK: v })} error={checked.errors.topK} disabled={false} />
          </>
        )}
      </aside>

      <section className="rnn-stage">
        <LabRunBar
          prefix="rnn"
          lab="seq"
          run={run}
          config={checked.config}
          speeds={SPEEDS}
        ></LabRunBar>
        <div className="rnn-tiles">
          <div className="rnn-tile" data-testid="rnn-tile-step">
            <span className="rnn-tile-label">{t('rnn.tile.step')}</span>
            <span className="rnn-tile-value">{n.step}</span>
          </div>
          <div className="rnn-tile" data-testid="rnn-tile-loss">
            <span className="rnn-tile-label">{t(task ? 'rnn.tile.loss' : 'rnn.tile.loss.bits')}</span>
            <span className="rnn-tile-value">{fmt(n.loss)}</span>
          </div>
          <div className="rnn-tile" data-testid="rnn-tile-score" data-value={Number.isFinite(n.metric) ? String(n.metric) : ''}>
            <span className="rnn-tile-label">{t(`rnn.tile.${metricKey}`)}</span>
            <span className="rnn-tile-value">{metricValue}</span>
          </div>
          {textInfo && (
            <div className="rnn-tile" data-testid="rnn-tile-unigram">
              <span className="rnn-tile-label">{t('rnn.tile.unigram')}</span>
              <span className="rnn-tile-value">{fmt(textInfo.unigram)}</span>
            </div>
          )}
        </div>
        {!gradients && <p className="muted">{t('rnn.waiting')}</p>}
        {sample && (
          <div className="rnn-panel">
            <h3>{t('rnn.panel.sample')}</h3>
            <pre className="rnn-sample" data-testid="rnn-sample" data-step={sample.step} translate="no">
              {String(sample.meta.text ?? '')}
            </pre>
          </div>
        )}
        {hidden && (
          <div className="rnn-panel rnn-scroll">
            <PictureHeading title={t('rnn.panel.hidden', { u: hidden.shape[1] ?? 0 })} target='[data-testid="rnn-hidden-strip"]' name="rnn-hidden-states" testId="rnn-hidden-picture" />
            <HiddenStrip frame={hidden} label={t('rnn.panel.hidden', { u: hidden.shape[1] ?? 0 })} />
          </div>
        )}
        {example && (
          <div className="rnn-panel rnn-scroll">
            <h3>{t('rnn.panel.example')}</h3>
            <TaskExample frame={example} />
          </div>
        )}
        {gradients && (
          <div className="rnn-panel">
            <PictureHeading title={t('rnn.panel.gradients', { t: gradients.shape[0] ?? 0 })} target='[data-testid="rnn-gradients"]' name="rnn-gradient-through-time" testId="rnn-gradients-picture" />
            <GradientBars frame={gradients} label={t('rnn.panel.gradients', { t: gradients.shape[0] ?? 0 })} />
          </div>
        )}
        <div className="rnn-charts">
          <div className="rnn-panel">
            <h3>{t(task ? 'rnn.chart.loss' : 'rnn.tile.loss.bits')}</h3>
            <LiveChart buffer={live.loss} labels={[t('rnn.series.loss')]} colors={[LOSS_COLOR]} xLabel={t('rnn.axis.step')} xAxisLabel={false} height={170} testId="rnn-chart-loss" />
          </div>
          <div className="rnn-panel">
            <h3>{t(`rnn.tile.${metricKey}`)}</h3>
            <LiveChart buffer={live.score} labels={[t('rnn.series.score')]} colors={[SCORE_COLOR]} xLabel={t('rnn.axis.step')} xAxisLabel={false} height={170} testId="rnn-chart-score" />
          </div>
        </div>
      </section>
    </div>
  );
}
