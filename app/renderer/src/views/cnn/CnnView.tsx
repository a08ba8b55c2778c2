/**
 * The CNN lab: a convolutional network learning the shipped handwritten digits, live. Build the network
 * (a preset or layers typed in, each layer's output shape and parameter count shown as you edit), then
 * play / pause / step / reset and watch the losses and accuracies, every convolution kernel, one test
 * digit's feature maps through every layer, the test set's confusion matrix (click a cell for its
 * digits), the digits it is surest of and wrong about, one convolution worked out with its numbers, and a
 * canvas to draw your own digit on, classified with the current weights.
 * The run goes through useTrainingRun (lab "train" with the digits and a layer stack); its frames are
 * described in native/core/labs/image_frames.hpp.
 */
import { useEffect, useMemo, useState } from 'react';

import { ResetToApply } from '../../components/ResetToApply';
import { ErrorDetails, splitError } from '../../components/ErrorMessage';
import { ActiveRuns } from '../../controls/ActiveRuns';
import { useAdoptWhenReady } from '../../controls/useAdoptWhenReady';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { MetricsPanel } from '../training/MetricsPanel';
import { TrainingRunBar } from '../training/TrainingRunBar';
import { TrainedStart } from './TrainedStart';
import { useTrainingRun } from '../training/useTrainingRun';
import { AUGMENTATIONS, checkForm, DIGITS_SHAPE, loadForm, PRESETS, saveForm, toConfig, type Augmentation, type CnnForm, type DataShape, type FieldErrors, cnnFormFromConfig } from './cnnForm';
import { clearPendingPreset, readPendingPreset } from '../../presets/pendingPreset';
import { SavePresetButton } from '../../presets/SavePresetButton';
import { trainLab } from '../../../../../src/labs/train';
import { DataPicker, type Upload } from './DataPicker';
import { ConfusionMatrix } from './ConfusionMatrix';
import { ConvStep } from './ConvStep';
import { DrawDigit } from './DrawDigit';
import { ExampleStrip } from './ExampleStrip';
import { FeatureMaps, Probabilities } from './FeatureMaps';
import { PictureHeading } from '../../recording/PictureHeading';
import { FilterGrid } from './FilterGrid';
import { cellExamples, confidentlyWrong, confusionMatrix, features, filterLayers, gallery, predictions } from './frames';
import { LayerTable } from './LayerTable';
import { trainRowsOf } from '../../../../../src/data/image-set';
import { MODEL_PRESETS } from '../../../../../src/native/layers';
import { useLabFrames } from './useLabFrames';
import '../training/training.css';
import './cnn.css';

const SPEEDS = [0, 100, 30, 10];

function Field({ id, label, value, onChange, error, disabled, wide }: { id: keyof CnnForm; label: StringKey; value: string; onChange: (v: string) => void; error: FieldErrors[keyof CnnForm]; disabled: boolean; wide?: boolean }) {
  const { t } = useI18n();
  return (
    <label className={`cnn-field${wide ? ' wide' : ''}`}>
      <span>{t(label)}</span>
      {wide ? (
        <textarea data-testid={`cnn-${id}`} value={value} rows={3} spellCheck={false} aria-invalid={error ? true : undefined} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input data-testid={`cnn-${id}`} value={value} inputMode="decimal" aria-invalid={error ? true : undefined} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
      )}
      {error && (
        <span className="field-error" role="alert" data-testid={`cnn-${id}-error`}>
          {t(error.key, error.vars)}
        </span>
      )}
    </label>
  );
}

export default function CnnView() {
  const { t } = useI18n();
  // a lesson's preset or an opened preset file (read once; cleared after mounting), else the saved form
  const [form, setForm] = useState<CnnForm>(() => {
    const c = readPendingPreset('cnn');
    return (c ? cnnFormFromConfig(c) : null) ?? loadForm();
  });
  useEffect(() => clearPendingPreset(), []);
  useEffect(() => saveForm(form), [form]);
  const [upload, setUpload] = useState<Upload | null>(null);
  const shape: DataShape = upload ? { input: [upload.channels, upload.rows, upload.cols], classes: Math.max(2, upload.classes.length) } : DIGITS_SHAPE;
  const checked = useMemo(() => checkForm(form, shape, upload !== null), [form, shape.input.join(), shape.classes, upload]);  // eslint-disable-line react-hooks/exhaustive-deps -- the shape compares by value
  const uploadRef = upload ? { id: upload.id, trainImages: upload.testImages > 0 ? upload.images : trainRowsOf(upload.images) } : undefined;
  const dataKey = upload ? `upload-${upload.id}` : 'digits';
  // the config of a new run (a paused run resumes with its own: the config is then not read)
  const config = () => toConfig(form, checked.layers ?? [], uploadRef);
  const drawable = shape.input.join() === '1,28,28';
  const valid = Object.keys(checked.errors).length === 0 && checked.layers !== null;
  const run = useTrainingRun();
  const frames = useLabFrames(run.live);
  const [cell, setCell] = useState<[number, number] | null>(null);
  const [example, setExample] = useState(0);
  const live = run.phase === 'running' || run.phase === 'paused' || run.phase === 'starting';
  // a new model drops the checkpoint: its weights are for the model it was trained as
  const patch = (p: Partial<CnnForm>) => setForm((f) => ({ ...f, ...p, ...(p.model !== undefined && p.model !== f.model && p.checkpoint === undefined ? { checkpoint: undefined } : {}) }));

  const begin = (fn: typeof run.play) => {
    if (!valid || !checked.layers) return;
    setCell(null);
    setExample(0);
    fn(config(), dataKey, `CNN ${form.preset === 'custom' ? '' : form.preset} ${upload ? upload.classes.length + ' classes' : `${form.train}/${form.test}`}`.replace(/\s+/g, ' '));
  };

  // a run left going by a reloaded page, opened here (controls/ActiveRuns): followed at once
  useAdoptWhenReady('train', valid && checked.layers !== null, (p) =>
    run.adopt(config(), dataKey, `CNN ${form.preset === 'custom' ? '' : form.preset} ${form.train}/${form.test}`.replace(/\s+/g, ' '), p.id, p.status),
  );

  const g = frames.get('examples') ? gallery(frames.get('examples')!) : null;
  const preds = frames.get('evaluation') ? predictions(frames.get('evaluation')!) : [];
  const feat = frames.get('features') ? features(frames.get('features')!) : null;
  const filt = frames.get('filters') ? filterLayers(frames.get('filters')!) : [];
  const matrix = frames.get('confusion') ? confusionMatrix(frames.get('confusion')!) : null;
  const firstConv = checked.layers?.find((l) => typeof l !== 'string' && l.type === 'conv');
  const convSpec = firstConv && typeof firstConv !== 'string' && firstConv.type === 'conv' ? firstConv : null;

  const pick = (i: number) => {
    setExample(i);
    run.probe({ example: i });
  };

  return (
    <div className="cnn" data-testid="cnn-view" data-run-id={run.runId ?? ''} data-phase={run.phase}>
      <aside className="cnn-settings">
        <ResetToApply live={live} testId="cnn-reset-to-apply" />
        <h2>{t('cnn.section.data')}</h2>
        <DataPicker upload={upload} onUpload={setUpload} disabled={live} />
        {!upload && (
          <>
            <p className="muted">{t('cnn.data.note')}</p>
            <Field id="train" label="cnn.data.train" value={form.train} onChange={(v) => patch({ train: v })} error={checked.errors.train} disabled={live} />
            <Field id="test" label="cnn.data.test" value={form.test} onChange={(v) => patch({ test: v })} error={checked.errors.test} disabled={live} />
          </>
        )}
        <h2>{t('cnn.section.model')}</h2>
        <label className="cnn-field">
          <span>{t('cnn.model.preset')}</span>
          <select
            data-testid="cnn-preset"
            value={form.preset}
            disabled={live}
            onChange={(e) => patch({ preset: e.target.value, ...(e.target.value !== 'custom' ? { model: e.target.value } : {}) })}
          >
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`cnn.model.${p}` as StringKey)}
              </option>
            ))}
            <option value="custom">{t('cnn.model.custom')}</option>
          </select>
        </label>
        <Field
          id="model"
          wide
          label="cnn.model.text"
          value={form.model in MODEL_PRESETS ? MODEL_PRESETS[form.model as keyof typeof MODEL_PRESETS] : form.model}
          onChange={(v) => patch({ model: v, preset: 'custom' })}
          error={checked.errors.model}
          disabled={live}
        />
        {checked.modelError ? (
          <p className="field-error" data-testid="cnn-model-reason" translate="no">
            {checked.modelError}
          </p>
        ) : (
          <p className="muted">{t('cnn.model.help')}</p>
        )}
        {checked.shapes && <LayerTable shapes={checked.shapes} input={shape.input} />}
        <h2>{t('cnn.section.training')}</h2>
        <Field id="lr" label="cnn.opt.lr" value={form.lr} onChange={(v) => patch({ lr: v })} error={checked.errors.lr} disabled={live} />
        <Field id="batch" label="cnn.opt.batch" value={form.batch} onChange={(v) => patch({ batch: v })} error={checked.errors.batch} disabled={live} />
        <Field id="epochs" label="cnn.opt.epochs" value={form.epochs} onChange={(v) => patch({ epochs: v })} error={checked.errors.epochs} disabled={live} />
        <label className="cnn-field">
          <span>{t('cnn.opt.augment')}</span>
          <select data-testid="cnn-augment" value={form.augment} disabled={live} onChange={(e) => patch({ augment: e.target.value as Augmentation })}>
            {AUGMENTATIONS.map((a) => (
              <option key={a} value={a}>
                {t(`cnn.augment.${a}` as StringKey)}
              </option>
            ))}
          </select>
        </label>
      </aside>

      <section className="cnn-stage">
        <TrainingRunBar run={run} config={config} dataKey={dataKey} begin={begin} canStart={valid} speeds={SPEEDS} />
        <SavePresetButton testId="cnn-save-preset" lab={trainLab.id} config={valid ? () => config() as unknown as Record<string, unknown> : null} />
        <TrainedStart
          form={form}
          disabled={live || upload !== null}
          onPick={(ck) => {
            const f = cnnFormFromConfig({ ...ck.config, checkpoint: ck.id });
            if (f) setForm({ ...f, preset: 'custom', epochs: '1' });
          }}
          onDrop={() => patch({ checkpoint: undefined })}
        />
        {!valid && !live && (
          <p className="field-error" role="alert" data-testid="cnn-blocked">
            {t('cnn.err.blocked')}
          </p>
        )}
        <ActiveRuns lab="train" own={run.runId} />
        {run.error && (
          <p className="field-error" role="alert" data-testid="cnn-error">
            {t('cnn.error.control', { reason: splitError(run.error).text })}
            <ErrorDetails message={run.error} />
          </p>
        )}
        <div className="cnn-row">
          <div className="cnn-panel">
            <h3>{t('cnn.panel.draw')}</h3>
            {!drawable && <p className="muted">{t('cnn.draw.needs_digits')}</p>}
            <DrawDigit
              disabled={!drawable || run.runId === null || !(run.phase === 'running' || run.phase === 'paused' || (run.phase === 'ended' && run.outcome?.status !== 'failed'))}
              onDigit={(px) => run.probe({ pixels: Array.from(px, (v) => Math.round(v * 1000) / 1000) })}
              onClear={() => run.probe({ example })}
            />
            {feat?.source === 'drawn' && (
              <>
                <p data-testid="cnn-drawn-result">{t('cnn.draw.result', { d: feat.probs.indexOf(Math.max(...feat.probs)) })}</p>
                <Probabilities probs={feat.probs} testId="cnn-drawn-probs" />
              </>
            )}
          </div>
          <div className="cnn-panel">
            <h3>{t('cnn.panel.conv')}</h3>
            {feat && filt[0] && convSpec ? <ConvStep f={feat} filt={filt[0]} stride={convSpec.stride ?? 1} pad={convSpec.pad ?? 0} /> : <p className="muted">{t('cnn.panel.waiting')}</p>}
          </div>
        </div>
        <div className="cnn-panel">
          <PictureHeading title={t('cnn.panel.features')} target='[data-testid="cnn-features"]' name="cnn-feature-maps" testId="cnn-features-picture" />
          {feat ? (
            <>
              <p className="cnn-feature-title">
                <strong>{feat.source === 'drawn' ? t('cnn.features.drawn') : t('cnn.features.of', { i: feat.example ?? example, label: feat.label ?? '?' })}</strong>
                {' · '}
                <label>
                  {t('cnn.features.pick')}{' '}
                  <input
                    type="number"
                    data-testid="cnn-example"
                    min={0}
                    max={Math.max(0, (g?.count ?? 1) - 1)}
                    value={example}
                    onChange={(e) => pick(Math.max(0, Math.min((g?.count ?? 1) - 1, Math.floor(Number(e.target.value) || 0))))}
                  />
                </label>
              </p>
              <FeatureMaps f={feat} />
            </>
          ) : (
            <p className="muted">{t('cnn.panel.waiting')}</p>
          )}
        </div>
      </section>

      <section className="cnn-side">
        <MetricsPanel live={run.live} regression={false} />
        <div className="cnn-panel">
          <h3>{t('cnn.panel.filters')}</h3>
          {frames.get('filters') ? <FilterGrid layers={filt} /> : <p className="muted">{t('cnn.panel.waiting')}</p>}
        </div>
        <div className="cnn-panel">
          <h3>{t('cnn.panel.confusion')}</h3>
          {matrix ? (
            <ConfusionMatrix matrix={matrix} epoch={Number(frames.get('confusion')!.meta.epoch)} selected={cell} onSelect={setCell} />
          ) : (
            <p className="muted">{t('cnn.panel.waiting')}</p>
          )}
          {cell && g && (
            <>
              <h4>{t('cnn.panel.cell', { t: cell[0], p: cell[1] })}</h4>
              <ExampleStrip g={g} preds={preds} items={cellExamples(g.labels, preds, cell[0], cell[1]).slice(0, 40)} onPick={pick} testId="cnn-cell-examples" empty={t('cnn.confusion.none', { n: g.count })} />
            </>
          )}
        </div>
        <div className="cnn-panel">
          <h3>{t('cnn.panel.wrong')}</h3>
          {g && preds.length > 0 ? (
            <ExampleStrip g={g} preds={preds} items={confidentlyWrong(g.labels, preds, 12)} onPick={pick} testId="cnn-wrong" empty={t('cnn.wrong.none', { n: g.count })} />
          ) : (
            <p className="muted">{t('cnn.panel.waiting')}</p>
          )}
        </div>
      </section>
    </div>
  );
}
