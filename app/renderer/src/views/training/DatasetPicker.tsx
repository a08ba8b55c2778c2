/**
 * Chooses the data set: a generated one of the engine's catalog (with its settings as HyperFields:
 * samples, noise, test share, seed, classes…) or "draw your own", where clicks on the plot add points
 * of the chosen class (with undo and clear), or "your CSV file" (CsvPicker). Shows how the engine split
 * the points.
 */
import { ResetToApply } from '../../components/ResetToApply';
import { ErrorDetails, splitError } from '../../components/ErrorMessage';
import { DATASETS, type HyperMeta } from '../../../../../src/native/catalog';
import type { DatasetPoints } from '../../../../../src/protocol/methods';
import { catalogText } from '../../catalog/catalogText';
import { HyperField } from '../../components/HyperField';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { CsvPicker } from './CsvPicker';
import type { CsvRead } from './csvFile';
import { DRAW_CLASSES, drawnReady, MIN_DRAWN_POINTS, type DrawnPoint } from './drawnData';
import { classColor } from './palette';
import { datasetMeta, datasetParams, type DatasetChoice, type TrainForm } from './trainForm';

const PARAM_LABELS: Record<string, StringKey> = {
  n: 'training.param.n',
  noise: 'training.param.noise',
  test_fraction: 'training.param.test_fraction',
  seed: 'training.param.seed',
  classes: 'training.param.classes',
  factor: 'training.param.factor',
  size: 'training.param.size',
  x_max: 'training.param.x_max',
  levels: 'training.param.levels',
};

export const DATASET_LABELS: Record<DatasetChoice, StringKey> = {
  spiral: 'training.data.spiral',
  circles: 'training.data.circles',
  moons: 'training.data.moons',
  xor: 'training.data.xor',
  blobs: 'training.data.blobs',
  checkerboard: 'training.data.checkerboard',
  sine: 'training.data.sine',
  polynomial: 'training.data.polynomial',
  step: 'training.data.step',
  draw: 'training.data.draw',
  file: 'training.data.file',
};

export interface DatasetPickerProps {
  form: TrainForm;
  onChange: (patch: Partial<TrainForm>) => void;
  drawClass: number;
  onDrawClass: (k: number) => void;
  points: DatasetPoints | null;
  error: string | null;
  /** the opened CSV file as read (dataset "file") */
  csv: CsvRead;
  disabled: boolean;
}

export function DatasetPicker({ form, onChange, drawClass, onDrawClass, points, error, csv, disabled }: DatasetPickerProps) {
  const { t, lang } = useI18n();
  const meta = datasetMeta(form.dataset);
  const values = datasetParams(form);
  const group = (kind: string) => DATASETS.filter((d) => d.kind === kind);
  const setDrawn = (drawn: DrawnPoint[]) => onChange({ drawn });
  const n = points ? points.x.length / Math.max(1, points.d) : 0;
  return (
    <section className="panel-section" aria-labelledby="training-data-h">
      <h2 id="training-data-h">{t('training.section.data')}</h2>
      <ResetToApply live={!!disabled} testId="training-data-reset-to-apply" />
      <label className="field inline">
        <span className="field-label">{t('training.data.set')}</span>
        <select data-testid="training-dataset" value={form.dataset} disabled={disabled} onChange={(e) => onChange({ dataset: e.target.value as DatasetChoice })}>
          <optgroup label={t('training.data.classification')}>
            {group('classification').map((d) => (
              <option key={d.name} value={d.name}>
                {t(DATASET_LABELS[d.name])}
              </option>
            ))}
            <option value="draw">{t('training.data.draw')}</option>
          </optgroup>
          <optgroup label={t('training.data.own')}>
            <option value="file">{t('training.data.file')}</option>
          </optgroup>
          <optgroup label={t('training.data.regression')}>
            {group('regression').map((d) => (
              <option key={d.name} value={d.name}>
                {t(DATASET_LABELS[d.name])}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      {meta && <p className="note">{catalogText(lang, meta.description)}</p>}
      {meta && (
        <fieldset className="hypers compact" disabled={disabled}>
          {(meta.params as readonly HyperMeta[]).map((p) => (
            <HyperField
              key={`${meta.name}.${p.name}`}
              meta={p}
              value={values[p.name]}
              testId="training-data"
              {...(PARAM_LABELS[p.name] ? { label: t(PARAM_LABELS[p.name]!) } : {})}
              onChange={(v) => onChange({ params: { ...form.params, [meta.name]: { ...values, [p.name]: Number(v) } } })}
            />
          ))}
        </fieldset>
      )}
      {form.dataset === 'draw' && (
        <fieldset className="draw-tools" disabled={disabled}>
          <p className="note">{t('training.draw.hint')}</p>
          <div className="draw-classes" role="radiogroup" aria-label={t('training.draw.hint')}>
            {Array.from({ length: DRAW_CLASSES }, (_, k) => (
              <button
                key={k}
                type="button"
                role="radio"
                aria-checked={drawClass === k}
                data-testid={`training-draw-class-${k}`}
                className={drawClass === k ? 'swatch active' : 'swatch'}
                onClick={() => onDrawClass(k)}
              >
                <span className="dot" style={{ background: classColor(k) }} /> {t('training.draw.class', { n: k + 1 })}
              </button>
            ))}
          </div>
          <div className="row">
            <span data-testid="training-draw-count">{t('training.draw.count', { n: form.drawn.length })}</span>
            <button type="button" onClick={() => setDrawn(form.drawn.slice(0, -1))} disabled={form.drawn.length === 0}>
              {t('training.draw.undo')}
            </button>
            <button type="button" data-testid="training-draw-clear" onClick={() => setDrawn([])} disabled={form.drawn.length === 0}>
              {t('training.draw.clear')}
            </button>
          </div>
          {!drawnReady(form.drawn) && <p className="field-error">{t('training.draw.need', { n: MIN_DRAWN_POINTS })}</p>}
        </fieldset>
      )}
      {form.dataset === 'file' && <CsvPicker choice={form.csv} read={csv} onChange={(c) => onChange({ csv: c })} disabled={disabled} />}
      {error && (form.dataset !== 'draw' || drawnReady(form.drawn)) && (
        <p className="field-error" role="alert">
          {t('training.data.error', { reason: splitError(error).text })}
            <ErrorDetails message={error} />
        </p>
      )}
      {points && !error && n > 0 && (
        <p className="note" data-testid="training-split">
          {t('training.data.summary', { train: points.nTrain, test: n - points.nTrain })}
        </p>
      )}
    </section>
  );
}
