/**
 * What the training view's form holds (data set, network, optimizer, training settings) and how it
 * becomes the engine's TrainConfig and data set spec. Pure functions, no React: the view keeps one
 * TrainForm in state and calls toTrainConfig when a run starts.
 */
import { DATASETS, type HyperMeta } from '../../../../../src/native/catalog';
import type { ACTIVATIONS, DatasetSpec, TrainConfig } from '../../../../../src/native/schemas';
import { toOptimizerSpec, type OptimizerValue } from '../../components/OptimizerEditor';
import { drawnCsv, type DrawnPoint } from './drawnData';

export type Activation = (typeof ACTIVATIONS)[number];
export type LossChoice = 'default' | 'cross_entropy' | 'bce' | 'mse';
export type DatasetChoice = (typeof DATASETS)[number]['name'] | 'draw';
export type DataKind = 'classification' | 'regression';

export interface TrainForm {
  dataset: DatasetChoice;
  /** settings of each generated set, by set name (kept when switching back and forth) */
  params: Record<string, Record<string, number>>;
  drawn: DrawnPoint[];
  hidden: number[];
  activation: Activation;
  loss: LossChoice;
  l2: number;
  dropout: number;
  optimizer: OptimizerValue;
  /** 0 = full batch */
  batchSize: number;
  epochs: number;
  seed: number;
}

export const DEFAULT_FORM: TrainForm = {
  dataset: 'spiral',
  params: {},
  drawn: [],
  hidden: [32, 32],
  activation: 'tanh',
  loss: 'default',
  l2: 0,
  dropout: 0,
  optimizer: { type: 'adam', lr: 0.01 },
  batchSize: 32,
  epochs: 500,
  seed: 1,
};

export function datasetMeta(name: DatasetChoice) {
  return DATASETS.find((d) => d.name === name);
}

export function datasetKind(form: Pick<TrainForm, 'dataset'>): DataKind {
  return form.dataset === 'draw' ? 'classification' : (datasetMeta(form.dataset)?.kind ?? 'classification');
}

/** The parameters of a generated set, with the catalog's defaults where the form has none. */
export function datasetParams(form: Pick<TrainForm, 'dataset' | 'params'>): Record<string, number> {
  const meta = datasetMeta(form.dataset);
  const out: Record<string, number> = {};
  for (const p of (meta?.params ?? []) as readonly HyperMeta[]) out[p.name] = form.params[form.dataset]?.[p.name] ?? (p.default as number);
  return out;
}

/** The spec the engine reads: {name, …settings} or the drawn points as CSV text. */
export function datasetSpec(form: Pick<TrainForm, 'dataset' | 'params' | 'drawn'>): DatasetSpec {
  if (form.dataset === 'draw') return { name: 'csv', kind: 'classification', text: drawnCsv(form.drawn) };
  return { name: form.dataset, ...datasetParams(form) } as DatasetSpec;
}

/** The loss the engine uses when the form says "default" (cross-entropy for classes, MSE for regression). */
export function defaultLoss(kind: DataKind): Exclude<LossChoice, 'default'> {
  return kind === 'regression' ? 'mse' : 'cross_entropy';
}

/** The losses that fit a data set: bce only with exactly two classes. */
export function lossChoices(kind: DataKind, classes: number): Exclude<LossChoice, 'default'>[] {
  if (kind === 'regression') return ['mse'];
  return classes === 2 ? ['cross_entropy', 'bce'] : ['cross_entropy'];
}

/** Prediction frames: a 64×64 grid (2-D) or 256 points along x (1-D), about 10 a second. */
export function predictionFor(kind: DataKind) {
  return { size: kind === 'regression' ? 256 : 64, every_ms: 100 };
}

export function toTrainConfig(form: TrainForm, classes: number): TrainConfig {
  const kind = datasetKind(form);
  const loss = form.loss !== 'default' && lossChoices(kind, classes).includes(form.loss) ? form.loss : undefined;
  return {
    dataset: datasetSpec(form),
    model: { hidden: [...form.hidden], activation: form.activation, ...(form.dropout > 0 ? { dropout: form.dropout } : {}) },
    ...(loss ? { loss } : {}),
    optimizer: toOptimizerSpec(form.optimizer),
    batch_size: form.batchSize,
    epochs: form.epochs,
    seed: form.seed,
    ...(form.l2 > 0 ? { l2: form.l2 } : {}),
    prediction: predictionFor(kind),
  };
}

/** A field's range as the catalog writes it (HyperField shows the error next to the field). */
export function fieldMeta(name: string, kind: 'integer' | 'number', def: number, min: number | null, max: number | null, maxExclusive = false): HyperMeta {
  return { name, default: def, kind, min, max, minExclusive: false, maxExclusive, doc: '' };
}

/** A batch holds at most the whole training set (0 = exactly that, full batch). */
export const batchMeta = (trainRows: number | null) => fieldMeta('batch_size', 'integer', 32, 0, trainRows ?? 1_000_000);
export const batchFits = (batch: number, trainRows: number | null) => trainRows === null || batch <= trainRows;
export const EPOCHS_META = fieldMeta('epochs', 'integer', 500, 1, 100_000);
export const SEED_META = fieldMeta('seed', 'integer', 1, 0, Number.MAX_SAFE_INTEGER);
export const L2_META = fieldMeta('l2', 'number', 0, 0, null);
export const DROPOUT_META = fieldMeta('dropout', 'number', 0, 0, 1, true);
