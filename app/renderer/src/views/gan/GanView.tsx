/**
 * The GAN lab: a generator and a discriminator trained against each other on a 2-D distribution, live
 * (lab "gan": native/core/labs/gan.hpp). Pick a preset or a distribution (or draw one, or load a CSV),
 * the loss, the nets and the step sizes; play, pause, step (D and G, D only or G only) and slow it down.
 * The plane shows the real and generated points over the discriminator's verdict, the generator's pull
 * on each fake and its manifold; tiles give the modes captured, the high-quality share, KL and JS; the
 * charts follow the losses and scores. Step sizes, D updates and what a step trains change live.
 */
import { useEffect, useMemo, useState } from 'react';

import { LiveChart } from '../../charts/LiveChart';
import { ImageStrip } from '../../components/ImageStrip';
import { LabField } from '../../components/LabField';
import { ResetToApply } from '../../components/ResetToApply';
import { LabRunBar } from '../../controls/LabRunBar';
import { usePolled } from '../../controls/usePolled';
import { useLiveLab } from '../../controls/useLiveLab';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { compactNumber } from '../../../../../src/format/number';
import { csvPoints, readCsvTable } from '../../../../../src/data/csv-table';
import { GanTrainedStart } from './GanTrainedStart';
import { checkForm, DISTRIBUTIONS, LOSSES, loadForm, PRESETS, presetForm, saveForm, type FieldErrors, type GanForm, ganFormFromConfig } from './ganForm';
import { clearPendingPreset, readPendingPreset } from '../../presets/pendingPreset';
import { GanLive, type GanNumbers, type SamplesFrame } from './ganLive';
import { GanPlane, type Layers } from './GanPlane';
import { PictureTools } from '../../recording/PictureTools';
import './gan.css';

const SPEEDS = [0, 200, 30, 5, 1];
const D_COLOR = '#8a3ccf';
const G_COLOR = '#e07b00';
const MODES_COLOR = '#1b8a4c';
const KL_COLOR = '#2f6fde';
const JS_COLOR = '#c0392b';

type Nets = 'both' | 'd' | 'g';


function Field(p: { id: keyof GanForm; value: string; onChange: (v: string) => void; error: FieldErrors[keyof GanForm]; disabled: boolean }) {
  const { t } = useI18n();
  return <LabField prefix="gan" className="gan-field" label={t(`gan.field.${p.id}` as StringKey)} {...p} />;
}

const numbersVersion = (l: GanLive) => l.version;
const numbersOf = (l: GanLive): GanNumbers & { field: string | null; lo: number | null; hi: number | null; samples: SamplesFrame | null } => ({
  ...l.numbers,
  samples: l.samples,
  field: l.picture?.meta.field ?? null,
  lo: l.picture?.meta.field_min ?? null,
  hi: l.picture?.meta.field_max ?? null,
});

function Tile({ id, label, value, extra, note }: { id: string; label: string; value: string; extra?: Record<string, string>; note?: boolean }) {
  return (
    <div className="gan-tile" data-testid={`gan-${id}`} {...extra}>
      <span className="gan-tile-label">{label}</span>
      <span className={note ? 'gan-tile-value note' : 'gan-tile-value'}>{value}</span>
    </div>
  );
}

export default function GanView() {
  const { t } = useI18n();
  // a lesson's preset or an opened preset file (read once; cleared after mounting), else the saved form
  const [form, setForm] = useState<GanForm>(() => {
    const c = readPendingPreset('gan-lab');
    return (c ? ganFormFromConfig(c) : null) ?? loadForm();
  });
  useEffect(() => clearPendingPreset(), []);
  useEffect(() => saveForm(form), [form]);
  const [drawn, setDrawn] = useState<number[]>([]);
  const [csv, setCsv] = useState<{ file: string; x: string; y: string; points: number[] } | null>(null);
  const [csvError, setCsvError] = useState<string | null>(null);
  const [layers, setLayers] = useState<Layers>({ field: true, real: true, fakes: true, pull: true, manifold: false });
  const [nets, setNets] = useState<Nets>('both');
  const checked = useMemo(() => checkForm(form, form.data === 'draw' ? drawn : form.data === 'csv' ? (csv?.points ?? []) : []), [form, drawn, csv]);

  const { live, run } = useLiveLab('gan', () => new GanLive());
  const c = run.controller;
  const active = run.phase === 'running' || run.phase === 'paused' || run.phase === 'starting';
  const n = usePolled(live, numbersVersion, numbersOf, 150);
  // a change of the data or of the nets' sizes drops a checkpoint: its weights are for the nets it was trained as
  const patch = (p: Partial<GanForm>) =>
    setForm((f) => {
      const next: GanForm = { ...f, preset: 'custom', ...p };
      if (next.checkpoint !== undefined && (['data', 'zDim', 'gHidden', 'dHidden', 'arch'] as const).some((k) => next[k] !== f[k])) delete next.checkpoint;
      return next;
    });
  /** a live change: sent at once when the run is going and the value is good */
  const liveSet = (key: 'g_lr' | 'd_lr' | 'd_steps', field: 'gLr' | 'dLr' | 'dSteps', v: string) => {
    patch({ [field]: v });
    const x = Number(v);
    const ok = key === 'd_steps' ? Number.isInteger(x) && x >= 1 && x <= 100 : Number.isFinite(x) && x > 0 && x <= 10;
    if (run.live && ok && v.trim() !== '') c.update({ set: { [key]: x } });
  };
  const chooseNets = (v: Nets) => {
    setNets(v);
    if (run.live) c.update({ nets: v });
  };

  const loadCsv = async (file: File) => {
    setCsvError(null);
    try {
      const table = readCsvTable(await file.text(), file.name);
      const p = csvPoints(table, { kind: 'regression' });
      const xy: number[] = [];
      for (let i = 0; i < p.x.length; i++) xy.push(p.x[i]!, p.y[i]!);
      setCsv({ file: file.name, x: p.columns.x, y: p.columns.y, points: xy });
    } catch (e) {
      setCsv(null);
      setCsvError((e as Error).message);
    }
  };

  const scored = Number.isFinite(n.evalStep);
  const mixture = Number.isFinite(n.modes);
  const na = scored ? t('gan.tile.na') : '—';
  const modesTotal = form.data === 'ring8' ? 8 : form.data === 'grid25' ? 25 : null;
  const fmt = (v: number) => (Number.isFinite(v) ? compactNumber(v) : '—');
  const drawing = !active && run.phase !== 'ended' && form.data === 'draw';
  // an image GAN: its samples instead of the plane (the run's kind once it has frames, else the form's)
  const images = n.samples !== null || (live.picture === null && form.data === 'digits');

  return (
    <div className="gan" data-testid="gan-view" data-run-id={run.runId ?? ''} data-phase={run.phase}>
      <aside className="gan-settings">
        <ResetToApply live={active} testId="gan-reset-to-apply" />
        <label className="gan-field">
          <span>{t('gan.preset')}</span>
          <select data-testid="gan-preset" value={form.preset} disabled={active} onChange={(e) => setForm(e.target.value === 'custom' ? { ...form, preset: 'custom' } : presetForm(e.target.value as Exclude<GanForm['preset'], 'custom'>))}>
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`gan.preset.${p}` as StringKey)}
              </option>
            ))}
          </select>
        </label>
        <h2>{t('gan.section.data')}</h2>
        <label className="gan-field">
          <span>{t('gan.data')}</span>
          <select data-testid="gan-data" value={form.data} disabled={active} onChange={(e) => patch({ data: e.target.value as GanForm['data'] })}>
            {DISTRIBUTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`gan.data.${d}` as StringKey)}
              </option>
            ))}
          </select>
        </label>
        {form.data === 'draw' && (
          <div className="gan-draw">
            <p className="muted" data-testid="gan-draw-help">
              {t('gan.draw.help', { n: drawn.length / 2 })}
            </p>
            <button type="button" disabled={active || drawn.length === 0} onClick={() => setDrawn([])}>
              {t('gan.draw.clear')}
            </button>
          </div>
        )}
        {form.data === 'csv' && (
          <div className="gan-draw">
            <label className="gan-file">
              <span>{t('gan.csv.pick')}</span>
              <input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid="gan-csv" disabled={active} onChange={(e) => e.target.files?.[0] && void loadCsv(e.target.files[0])} />
            </label>
            {csv && <p className="muted" data-testid="gan-csv-loaded">{t('gan.csv.loaded', { n: csv.points.length / 2, file: csv.file, x: csv.x, y: csv.y })}</p>}
            {csvError && (
              <p className="field-error" role="alert" data-testid="gan-csv-error">
                {t('gan.csv.error', { reason: csvError })}
              </p>
            )}
          </div>
        )}
        {checked.errors.points && (
          <p className="field-error" role="alert" data-testid="gan-points-error">
            {t(checked.errors.points.key)}
          </p>
        )}
        <h2>{t('gan.section.model')}</h2>
        <label className="gan-field">
          <span>{t('gan.loss')}</span>
          <select data-testid="gan-loss" value={form.loss} disabled={active} onChange={(e) => patch({ loss: e.target.value as GanForm['loss'], ...(e.target.value === 'wgan-gp' ? { dSteps: '5' } : {}) })}>
            {LOSSES.map((l) => (
              <option key={l} value={l}>
                {t(`gan.loss.${l}` as StringKey)}
              </option>
            ))}
          </select>
        </label>
        {form.data === 'digits' && (
          <label className="gan-field">
            <span>{t('gan.field.arch')}</span>
            <select data-testid="gan-arch" value={form.arch} disabled={active} aria-invalid={checked.errors.arch ? true : undefined} onChange={(e) => patch({ arch: e.target.value as GanForm['arch'] })}>
              <option value="mlp">{t('gan.arch.mlp')}</option>
              <option value="dcgan">{t('gan.arch.dcgan')}</option>
            </select>
            {checked.errors.arch && (
              <span className="field-error" role="alert" data-testid="gan-arch-error">
                {t(checked.errors.arch.key)}
              </span>
            )}
          </label>
        )}
        {form.data === 'digits' && form.arch === 'dcgan' ? (
          <p className="muted" data-testid="gan-dcgan-note">{t('gan.arch.dcgan_note')}</p>
        ) : (
          <>
            <Field id="gHidden" value={form.gHidden} onChange={(v) => patch({ gHidden: v })} error={checked.errors.gHidden} disabled={active} />
            <Field id="dHidden" value={form.dHidden} onChange={(v) => patch({ dHidden: v })} error={checked.errors.dHidden} disabled={active} />
          </>
        )}
        <Field id="zDim" value={form.zDim} onChange={(v) => patch({ zDim: v })} error={checked.errors.zDim} disabled={active} />
        <Field id="pack" value={form.pack} onChange={(v) => patch({ pack: v })} error={checked.errors.pack} disabled={active} />
        <h2>{t('gan.section.training')}</h2>
        <p className="muted">{t('gan.live.note')}</p>
        <Field id="gLr" value={form.gLr} onChange={(v) => liveSet('g_lr', 'gLr', v)} error={checked.errors.gLr} disabled={false} />
        <Field id="dLr" value={form.dLr} onChange={(v) => liveSet('d_lr', 'dLr', v)} error={checked.errors.dLr} disabled={false} />
        <Field id="dSteps" value={form.dSteps} onChange={(v) => liveSet('d_steps', 'dSteps', v)} error={checked.errors.dSteps} disabled={false} />
        <Field id="steps" value={form.steps} onChange={(v) => patch({ steps: v })} error={checked.errors.steps} disabled={active} />
        <Field id="batch" value={form.batch} onChange={(v) => patch({ batch: v })} error={checked.errors.batch} disabled={active} />
        <label className="gan-field">
          <span>{t('gan.field.schedule')}</span>
          <select data-testid="gan-schedule" value={form.schedule} disabled={active} onChange={(e) => patch({ schedule: e.target.value as GanForm['schedule'] })}>
            <option value="cosine">{t('gan.schedule.cosine')}</option>
            <option value="constant">{t('gan.schedule.constant')}</option>
          </select>
        </label>
        <Field id="seed" value={form.seed} onChange={(v) => patch({ seed: v })} error={checked.errors.seed} disabled={active} />
      </aside>

      <section className="gan-stage">
        <LabRunBar
          prefix="gan"
          lab="gan"
          run={run}
          config={checked.config ? { ...checked.config, nets } : null}
          speeds={SPEEDS}
        >
          <label className="gan-nets">
            {t('gan.nets')}{' '}
            <select data-testid="gan-nets" value={nets} onChange={(e) => chooseNets(e.target.value as Nets)}>
              {(['both', 'd', 'g'] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`gan.nets.${v}`)}
                </option>
              ))}
            </select>
          </label>
        </LabRunBar>
        {form.data === 'digits' && form.arch === 'mlp' && (
          <GanTrainedStart
            checkpoint={form.checkpoint}
            disabled={active}
            // trained nets go on at a gentle 2e-4 (Adam's first steps at the from-scratch rate would shake them)
            onPick={(ck) => setForm({ ...presetForm('digits'), preset: 'custom', steps: '2000', gLr: '0.0002', dLr: '0.0002', seed: String((ck.config.seed as number | undefined) ?? 1), checkpoint: ck.id })}
            onDrop={() => setForm((f) => ({ ...f, checkpoint: undefined }))}
          />
        )}
        <PictureTools target={images ? '[data-testid="gan-samples"]' : '[data-testid="gan-plane"]'} name="gan" prefix="gan" />
        <div className="gan-row">
          {images ? (
            <div className="gan-samples">
              <h3>{t('gan.samples.title')}</h3>
              {n.samples ? (
                <ImageStrip data={n.samples.data} count={n.samples.shape[0]!} perRow={8} {...n.samples.meta} displayWidth={8 * 58} gap={2} testId="gan-samples" label={t('gan.samples.title')} />
              ) : (
                <p className="muted">{t('gan.samples.waiting')}</p>
              )}
              <p className="muted">{t('gan.samples.note')}</p>
            </div>
          ) : (
            <div className="gan-plane-box">
              <GanPlane live={live} layers={layers} drawn={drawn} drawing={drawing} onDraw={(xy) => setDrawn((d) => [...d, ...xy])} label={t('gan.plane.label')} />
              {!drawing && n.step === 0 && !live.picture && <p className="gan-waiting muted">{t('gan.plane.waiting')}</p>}
            </div>
          )}
          <div className="gan-side">
            <div className="gan-tiles">
              <Tile id="step" label={t('gan.tile.step')} value={`${n.step}`} />
              {!images && (
                <>
              <Tile
                id="modes"
                label={t('gan.tile.modes')}
                value={mixture ? `${n.modes}${modesTotal ? ` / ${modesTotal}` : ''}` : na}
                extra={{ 'data-modes': mixture ? String(n.modes) : '' }}
                note={scored && !mixture}
              />
              <Tile id="quality" label={t('gan.tile.quality')} value={mixture ? `${(100 * n.highQuality).toFixed(1)} %` : na} note={scored && !mixture} />
              <Tile id="kl" label={t('gan.tile.kl')} value={fmt(n.kl)} />
              <Tile id="js" label={t('gan.tile.js')} value={fmt(n.js)} />
                </>
              )}
              <Tile id="d-loss" label={t('gan.tile.dLoss')} value={fmt(n.dLoss)} />
              <Tile id="g-loss" label={t('gan.tile.gLoss')} value={fmt(n.gLoss)} />
            </div>
            {!images && (
              <>
            <fieldset className="gan-layers">
              <legend>{t('gan.layers')}</legend>
              {(Object.keys(layers) as (keyof Layers)[]).map((k) => (
                <label key={k}>
                  <input type="checkbox" data-testid={`gan-layer-${k}`} checked={layers[k]} onChange={(e) => setLayers({ ...layers, [k]: e.target.checked })} /> {t(`gan.layer.${k}`)}
                </label>
              ))}
            </fieldset>
            <div className="gan-legend">
              {n.field === 'score' && n.lo !== null && n.hi !== null ? (
                <span>{t('gan.legend.score', { lo: compactNumber(n.lo), hi: compactNumber(n.hi) })}</span>
              ) : null}
              <span>
                <i className="swatch real" /> {t('gan.legend.real')}
              </span>
              <span>
                <i className="swatch fake" /> {t('gan.legend.fake')}
              </span>
            </div>
              </>
            )}
            <p className="muted gan-about">{t(images ? (form.arch === 'dcgan' ? 'gan.about.dcgan' : 'gan.about.images') : 'gan.about')}</p>
          </div>
        </div>
        <div className="gan-charts">
          <div className="gan-chart">
            <h3>{t('gan.chart.losses')}</h3>
            <LiveChart buffer={live.losses} labels={[t('gan.series.d'), t('gan.series.g')]} colors={[D_COLOR, G_COLOR]} xLabel={t('gan.axis.step')} xAxisLabel={false} height={170} testId="gan-chart-losses" nanMarks="first" />
          </div>
          {!images && (
            <>
          <div className="gan-chart">
            <h3>{t('gan.chart.modes')}</h3>
            <LiveChart buffer={live.modes} labels={[t('gan.series.modes')]} colors={[MODES_COLOR]} xLabel={t('gan.axis.step')} xAxisLabel={false} height={170} testId="gan-chart-modes" />
          </div>
          <div className="gan-chart">
            <h3>{t('gan.chart.quality')}</h3>
            <LiveChart buffer={live.quality} labels={[t('gan.series.quality')]} colors={[MODES_COLOR]} xLabel={t('gan.axis.step')} xAxisLabel={false} height={170} testId="gan-chart-quality" />
          </div>
          <div className="gan-chart">
            <h3>{t('gan.chart.divergence')}</h3>
            <LiveChart buffer={live.divergence} labels={[t('gan.series.kl'), t('gan.series.js')]} colors={[KL_COLOR, JS_COLOR]} xLabel={t('gan.axis.step')} xAxisLabel={false} height={170} testId="gan-chart-divergence" />
          </div>
            </>
          )}
        </div>
      </section>
    </div>
  );
}
