/**
 * The VAE lab: a variational autoencoder learning the shipped digits (or your own pictures), live (lab
 * "vae": native/core/labs/vae.hpp). Set the latent size, the layers, the decoder and β; play, pause,
 * step, reset. The latent map scatters the test images' means by class — click it to decode a point,
 * drag between two dots to interpolate; the manifold shows the decoder over a grid of z; reconstructions
 * sit under their originals; the charts split the loss into reconstruction and KL. β and the step size
 * change live. After the run, clicks and drags decode with its stored weights (runs/probe).
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
import { trainRowsOf } from '../../../../../src/data/image-set';
import { DataPicker, type Upload } from '../cnn/DataPicker';
import { LatentMap } from './LatentMap';
import { PictureHeading } from '../../recording/PictureHeading';
import { betaOf, checkForm, DIGITS_IMAGE, loadForm, presetTexts, rateOf, saveForm, type FieldErrors, type SideCheck, type VaeForm, vaeFormFromConfig } from './vaeForm';
import { clearPendingPreset, readPendingPreset } from '../../presets/pendingPreset';
import { VaeLive, type VaeFrame } from './vaeLive';
import './vae.css';

const SPEEDS = [0, 200, 30, 5];
const RECON_COLOR = '#2f6fde';
const KL_COLOR = '#e07b00';
const TRAIN_COLOR = '#2f6fde';
const TEST_COLOR = '#c0392b';


function Field(p: { id: keyof VaeForm; value: string; onChange: (v: string) => void; error: FieldErrors[keyof VaeForm]; disabled: boolean }) {
  const { t } = useI18n();
  return <LabField prefix="vae" className="vae-field" label={t(`vae.field.${p.id}` as StringKey)} {...p} />;
}

/** A layer list in the text form, a few lines tall. */
function LayersField(p: { id: 'encoderLayers' | 'decoderLayers'; value: string; onChange: (v: string) => void; error: FieldErrors[keyof VaeForm]; disabled: boolean }) {
  const { t } = useI18n();
  return (
    <label className="vae-field">
      <span>{t(`vae.field.${p.id}`)}</span>
      <textarea data-testid={`vae-${p.id}`} className="vae-layers" rows={4} spellCheck={false} translate="no" value={p.value} aria-invalid={p.error ? true : undefined} disabled={p.disabled} onChange={(e) => p.onChange(e.target.value)} />
      {p.error && (
        <span className="field-error" role="alert" data-testid={`vae-${p.id}-error`}>
          {t(p.error.key, p.error.vars)}
        </span>
      )}
    </label>
  );
}

/** Under a layer list: the engine's reason it cannot run, or what it makes (layers, output, parameters). */
function SideNote({ side, check }: { side: 'encoder' | 'decoder'; check: SideCheck | undefined }) {
  const { t } = useI18n();
  if (!check) return null;
  if (check.reason)
    return (
      <p className="field-error" data-testid={`vae-${side}-reason`} translate="no">
        {check.reason}
      </p>
    );
  const shapes = check.shapes ?? [];
  const params = shapes.reduce((a, l) => a + l.parameters, 0);
  return (
    <p className="muted" data-testid={`vae-${side}-summary`}>
      {t('vae.layers.summary', { layers: shapes.length, shape: `[${shapes.at(-1)?.output.join(', ') ?? ''}]`, params: params.toLocaleString('en-US') })}
    </p>
  );
}

const versionOf = (l: VaeLive) => l.version;
const snapshotOf = (l: VaeLive) => ({ n: l.numbers, frames: new Map(l.frames) });

/** A frame's image size: channels, rows and cols from its meta (28×28 grey for the digits). */
function imageSize(f: VaeFrame): { channels: number; rows: number; cols: number } {
  const m = f.meta;
  return { channels: Number(m.channels ?? 1), rows: Number(m.rows ?? 28), cols: Number(m.cols ?? 28) };
}

export default function VaeView() {
  const { t } = useI18n();
  // a lesson's preset or an opened preset file (read once; cleared after mounting), else the saved form
  const [form, setForm] = useState<VaeForm>(() => {
    const c = readPendingPreset('vae-lab');
    return (c ? vaeFormFromConfig(c) : null) ?? loadForm();
  });
  useEffect(() => clearPendingPreset(), []);
  useEffect(() => saveForm(form), [form]);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [decodedAt, setDecodedAt] = useState<[number, number] | null>(null);
  const [between, setBetween] = useState<[number, number] | null>(null);
  const uploadRef = upload
    ? { id: upload.id, trainImages: upload.testImages > 0 ? upload.images : trainRowsOf(upload.images), image: [upload.channels, upload.rows, upload.cols] as [number, number, number] }
    : null;
  const preset = presetTexts(uploadRef?.image ?? DIGITS_IMAGE);
  const checked = useMemo(() => checkForm(form, uploadRef), [form, uploadRef?.id, uploadRef?.trainImages]); // eslint-disable-line react-hooks/exhaustive-deps -- the upload compares by id

  const { live, run } = useLiveLab('vae', () => new VaeLive());
  const c = run.controller;
  const active = run.phase === 'running' || run.phase === 'paused' || run.phase === 'starting';
  const canProbe = run.runId !== null && (run.live || (run.phase === 'ended' && run.outcome?.status !== 'failed'));
  const { n, frames } = usePolled(live, versionOf, snapshotOf, 150);
  const patch = (p: Partial<VaeForm>) => setForm((f) => ({ ...f, ...p }));
  const liveSet = (key: 'beta' | 'lr', v: string) => {
    patch({ [key]: v });
    const x = key === 'beta' ? betaOf(v) : rateOf(v);
    if (run.live && x !== null) c.update({ set: { [key]: x } });
  };
  const latentSize = Number(frames.get('latent')?.meta.latent ?? 2);
  const decode = (z: [number, number]) => {
    setDecodedAt(z);
    const full = Array.from({ length: latentSize }, (_, k) => (k < 2 ? Number(z[k]!.toFixed(4)) : 0));
    c.probe({ z: full });
  };
  const interpolate = (from: number, to: number) => {
    setBetween([from, to]);
    c.probe({ between: [from, to], steps: 9 });
  };

  const latent = frames.get('latent');
  const manifold = frames.get('manifold');
  const rec = frames.get('reconstructions');
  const decoded = frames.get('decoded');
  const inter = frames.get('interpolation');
  const fmt = (v: number) => (Number.isFinite(v) ? compactNumber(v) : '—');

  return (
    <div className="vae" data-testid="vae-view" data-run-id={run.runId ?? ''} data-phase={run.phase}>
      <aside className="vae-settings">
        <ResetToApply live={active} testId="vae-reset-to-apply" />
        <h2>{t('vae.section.data')}</h2>
        <DataPicker upload={upload} onUpload={setUpload} disabled={active} />
        {!upload && (
          <>
            <p className="muted">{t('vae.data.note')}</p>
            <Field id="trainCount" value={form.trainCount} onChange={(v) => patch({ trainCount: v })} error={checked.errors.trainCount} disabled={active} />
            <Field id="testCount" value={form.testCount} onChange={(v) => patch({ testCount: v })} error={checked.errors.testCount} disabled={active} />
          </>
        )}
        <h2>{t('vae.section.model')}</h2>
        <Field id="latent" value={form.latent} onChange={(v) => patch({ latent: v })} error={checked.errors.latent} disabled={active} />
        <label className="vae-field">
          <span>{t('vae.field.network')}</span>
          <select data-testid="vae-network" value={form.network} disabled={active} onChange={(e) => patch({ network: e.target.value as VaeForm['network'] })}>
            <option value="mlp">{t('vae.network.mlp')}</option>
            <option value="conv">{t('vae.network.conv')}</option>
          </select>
        </label>
        {form.network === 'mlp' ? (
          <Field id="hidden" value={form.hidden} onChange={(v) => patch({ hidden: v })} error={checked.errors.hidden} disabled={active} />
        ) : (
          <>
            <p className="muted">{t('vae.layers.help')}</p>
            <LayersField id="encoderLayers" value={form.encoderLayers} onChange={(v) => patch({ encoderLayers: v })} error={checked.errors.encoderLayers} disabled={active} />
            <SideNote side="encoder" check={checked.encoder} />
            <LayersField id="decoderLayers" value={form.decoderLayers} onChange={(v) => patch({ decoderLayers: v })} error={checked.errors.decoderLayers} disabled={active} />
            <SideNote side="decoder" check={checked.decoder} />
            {preset ? (
              <button type="button" data-testid="vae-layers-preset" disabled={active} onClick={() => patch(preset)}>
                {t('vae.layers.preset')}
              </button>
            ) : (
              <p className="muted">{t('vae.layers.no_preset')}</p>
            )}
          </>
        )}
        <label className="vae-field">
          <span>{t('vae.field.decoder')}</span>
          <select data-testid="vae-decoder" value={form.decoder} disabled={active} onChange={(e) => patch({ decoder: e.target.value as VaeForm['decoder'] })}>
            <option value="bernoulli">{t('vae.decoder.bernoulli')}</option>
            <option value="gaussian">{t('vae.decoder.gaussian')}</option>
          </select>
        </label>
        <h2>{t('vae.section.training')}</h2>
        <p className="muted">{t('vae.live.note')}</p>
        <Field id="beta" value={form.beta} onChange={(v) => liveSet('beta', v)} error={checked.errors.beta} disabled={false} />
        <Field id="lr" value={form.lr} onChange={(v) => liveSet('lr', v)} error={checked.errors.lr} disabled={false} />
        <Field id="epochs" value={form.epochs} onChange={(v) => patch({ epochs: v })} error={checked.errors.epochs} disabled={active} />
        <Field id="batch" value={form.batch} onChange={(v) => patch({ batch: v })} error={checked.errors.batch} disabled={active} />
        <Field id="seed" value={form.seed} onChange={(v) => patch({ seed: v })} error={checked.errors.seed} disabled={active} />
      </aside>

      <section className="vae-stage">
        <LabRunBar
          prefix="vae"
          lab="vae"
          run={run}
          config={checked.config}
          onLeave={() => {
            setDecodedAt(null);
            setBetween(null);
          }}
          speeds={SPEEDS}
        ></LabRunBar>
        <div className="vae-tiles">
          {(
            [
              ['epoch', 'vae.tile.epoch', String(n.epoch)],
              ['step', 'vae.tile.step', String(n.step)],
              ['test', 'vae.tile.test', fmt(n.testLoss)],
              ['recon', 'vae.tile.recon', fmt(n.recon)],
              ['kl', 'vae.tile.kl', fmt(n.kl)],
              ['beta', 'vae.tile.beta', fmt(n.beta)],
            ] as const
          ).map(([id, label, value]) => (
            <div key={id} className="vae-tile" data-testid={`vae-tile-${id}`}>
              <span className="vae-tile-label">{t(label)}</span>
              <span className="vae-tile-value">{value}</span>
            </div>
          ))}
        </div>
        <div className="vae-row">
          <div className="vae-panel">
            <PictureHeading title={t('vae.panel.latent')} target='[data-testid="vae-latent-map"]' name="vae-latent-map" testId="vae-latent-picture" />
            <LatentMap live={live} decodedAt={decodedAt} between={between} onDecode={decode} onInterpolate={interpolate} disabled={!canProbe} label={t('vae.latent.label')} />
            <p className="muted">{latent ? t('vae.latent.help') : t('vae.waiting')}</p>
            {latentSize > 2 && <p className="muted">{t('vae.latent.higher', { z: latentSize })}</p>}
          </div>
          <div className="vae-panel">
            <PictureHeading title={t('vae.panel.manifold', { r: manifold ? compactNumber(Number(manifold.meta.range)) : '3' })} target='[data-testid="vae-manifold"]' name="vae-manifold" testId="vae-manifold-picture" />
            {manifold ? (
              <ImageStrip data={manifold.data} count={manifold.shape[0]! * manifold.shape[1]!} perRow={manifold.shape[1]!} {...imageSize(manifold)} displayWidth={460} testId="vae-manifold" label={t('vae.panel.manifold', { r: String(manifold.meta.range) })} />
            ) : (
              <p className="muted">{t('vae.waiting')}</p>
            )}
          </div>
        </div>
        <div className="vae-row">
          <div className="vae-panel">
            <h3>{t('vae.panel.decoded')}</h3>
            {decoded ? (
              <div className="vae-decoded">
                <ImageStrip data={decoded.data} count={1} perRow={1} {...imageSize(decoded)} scale={4} testId="vae-decoded" label={t('vae.panel.decoded')} />
                <span data-testid="vae-decoded-z">
                  {t('vae.decoded.at', {
                    x: compactNumber(Number((decoded.meta.z as number[])[0])),
                    y: compactNumber(Number((decoded.meta.z as number[])[1] ?? 0)),
                  })}
                </span>
              </div>
            ) : (
              <p className="muted">{t('vae.decoded.none')}</p>
            )}
          </div>
          <div className="vae-panel">
            <h3>{t('vae.panel.interpolation')}</h3>
            {inter ? (
              <>
                <p className="muted" data-testid="vae-interpolation-label">
                  {t('vae.interpolation.between', { from: String(inter.meta.from), to: String(inter.meta.to) })}
                </p>
                <ImageStrip data={inter.data} count={inter.shape[0]!} perRow={inter.shape[0]!} {...imageSize(inter)} scale={2} gap={2} testId="vae-interpolation" label={t('vae.panel.interpolation')} />
              </>
            ) : (
              <p className="muted">{t('vae.interpolation.none')}</p>
            )}
          </div>
        </div>
        {rec && (
          <div className="vae-panel">
            <PictureHeading title={t('vae.panel.reconstructions')} target='[data-testid="vae-reconstructions"]' name="vae-reconstructions" testId="vae-reconstructions-picture" />
            <ImageStrip data={rec.data} count={2 * rec.shape[1]!} perRow={rec.shape[1]!} {...imageSize(rec)} scale={2} gap={2} testId="vae-reconstructions" label={t('vae.panel.reconstructions')} />
          </div>
        )}
        <div className="vae-charts">
          <div className="vae-panel">
            <h3>{t('vae.chart.terms')}</h3>
            <LiveChart buffer={live.terms} labels={[t('vae.series.recon'), t('vae.series.kl')]} colors={[RECON_COLOR, KL_COLOR]} xLabel={t('vae.axis.step')} xAxisLabel={false} height={170} testId="vae-chart-terms" />
          </div>
          <div className="vae-panel">
            <h3>{t('vae.chart.elbo')}</h3>
            <LiveChart buffer={live.elbo} labels={[t('vae.series.train'), t('vae.series.test')]} colors={[TRAIN_COLOR, TEST_COLOR]} xLabel={t('vae.axis.epoch')} xAxisLabel={false} height={170} testId="vae-chart-elbo" />
          </div>
        </div>
        <p className="muted vae-about">{t('vae.about')}</p>
      </section>
    </div>
  );
}
