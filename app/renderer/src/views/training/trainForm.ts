/**
 * What the training view's form holds (data set, network, optimizer, training settings) and how it
 * becomes the engine's TrainConfig and data set spec. Pure functions, no React: the view keeps one
 * TrainForm in state and calls toTrainConfig when a run starts.
 */
import { DATASETS, type HyperMeta } from '../../../../../src/native/catalog';
import type { ACTIVATIONS, DatasetSpec, TrainConfig } from '../../../../../src/native/schemas';
import { toOptimizerSpec, type OptimizerValue } from '../../components/OptimizerEditor';
import { csvSpec, readCsvChoice, CSV_KEEP_BYTES, type CsvChoice } from './csvFile';
import { DRAW_VIEW, drawnCsv, type DrawnPoint } from './drawnData';

export type Activation = (typeof ACTIVATIONS)[number];
export type LossChoice = 'default' | 'cross_entropy' | 'bce' | 'mse';
export type DatasetChoice = (typeof DATASETS)[number]['name'] | 'draw' | 'file';
export type DataKind = 'classification' | 'regression';

export interface TrainForm {
  dataset: DatasetChoice;
  /** settings of each generated set, by set name (kept when switching back and forth) */
  params: Record<string, Record<string, number>>;
  drawn: DrawnPoint[];
  /** an opened CSV file and its chosen columns (dataset "file") */
  csv: CsvChoice | null;
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
  csv: null,
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

export function datasetKind(form: Pick<TrainForm, 'dataset'> & Partial<Pick<TrainForm, 'csv'>>): DataKind {
  if (form.dataset === 'file') return form.csv && form.csv.label === null ? 'regression' : 'classification';
  return form.dataset === 'draw' ? 'classification' : (datasetMeta(form.dataset)?.kind ?? 'classification');
}

/** The parameters of a generated set, with the catalog's defaults where the form has none. */
export function datasetParams(form: Pick<TrainForm, 'dataset' | 'params'>): Record<string, number> {
  const meta = datasetMeta(form.dataset);
  const out: Record<string, number> = {};
  for (const p of (meta?.params ?? []) as readonly HyperMeta[]) out[p.name] = form.params[form.dataset]?.[p.name] ?? (p.default as number);
  return out;
}

/** The spec the engine reads: {name, …settings}, the drawn points as CSV text, or an opened file's
 * chosen columns (null while the file cannot be read: its problem shows at the picker). */
export function datasetSpec(form: Pick<TrainForm, 'dataset' | 'params' | 'drawn'> & Partial<Pick<TrainForm, 'csv'>>): DatasetSpec | null {
  if (form.dataset === 'draw') return { name: 'csv', kind: 'classification', text: drawnCsv(form.drawn) };
  if (form.dataset === 'file') return csvSpec(readCsvChoice(form.csv ?? null));
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

/** `dataset`: the spec the view already made (an opened file is then not read again). */
export function toTrainConfig(form: TrainForm, classes: number, dataset?: DatasetSpec): TrainConfig {
  const kind = datasetKind(form);
  const loss = form.loss !== 'default' && lossChoices(kind, classes).includes(form.loss) ? form.loss : undefined;
  return {
    dataset: dataset ?? datasetSpec(form) ?? { name: 'csv', text: '' },
    model: { hidden: [...form.hidden], activation: form.activation, ...(form.dropout > 0 ? { dropout: form.dropout } : {}) },
    ...(loss ? { loss } : {}),
    optimizer: toOptimizerSpec(form.optimizer),
    batch_size: form.batchSize,
    epochs: form.epochs,
    seed: form.seed,
    ...(form.l2 > 0 ? { l2: form.l2 } : {}),
    // drawn points sit in a fixed square: the boundary covers all of it, not just the points' extent
    prediction: { ...predictionFor(kind), ...(form.dataset === 'draw' ? { view: { ...DRAW_VIEW } } : {}) },
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

/** A short run name for the experiments table: data set · optimizer · lr (identifiers, not UI text). */
export function runName(form: TrainForm): string {
  const lr = form.optimizer.lr;
  const data = form.dataset === 'draw' ? 'drawn' : form.dataset === 'file' ? (form.csv?.name ?? 'csv') : form.dataset;
  return `${data} · ${form.optimizer.type}${typeof lr === 'number' ? ` lr ${lr}` : ''} · ${form.hidden.join('-') || 'linear'}`;
}

const STORAGE_KEY = 'gradlab.training.form';

/** The form as the user left it in this window (kept across views), else the defaults. */
export function loadForm(storage: Pick<Storage, 'getItem'> | undefined = globalThis.sessionStorage): TrainForm {
  try {
    const saved = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as Partial<TrainForm> | null;
    if (!saved || typeof saved !== 'object') return DEFAULT_FORM;
    const form = { ...DEFAULT_FORM, ...saved };
    const csvOk = form.csv === null || (typeof form.csv?.text === 'string' && typeof form.csv.name === 'string');
    const ok =
      (form.dataset === 'draw' || (form.dataset === 'file' && form.csv !== null && csvOk) || datasetMeta(form.dataset) !== undefined) &&
      csvOk &&
      Array.isArray(form.hidden) && form.hidden.every((w) => Number.isInteger(w) && w >= 1 && w <= 4096) &&
      Array.isArray(form.drawn) && form.drawn.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isInteger(p.label)) &&
      typeof form.optimizer?.type === 'string';
    return ok ? form : DEFAULT_FORM;
  } catch {
    return DEFAULT_FORM;
  }
}

export function saveForm(form: TrainForm, storage: Pick<Storage, 'setItem'> | undefined = globalThis.sessionStorage): void {
  try {
    // a large file is not kept across views (storage holds a few MB): the form forgets it
    const keep = !form.csv || form.csv.text.length <= CSV_KEEP_BYTES;
    storage?.setItem(STORAGE_KEY, JSON.stringify(keep ? form : { ...form, csv: null, dataset: form.dataset === 'file' ? DEFAULT_FORM.dataset : form.dataset }));
  } catch {
    // storage full or disabled: the form simply starts fresh next time
  }
}

/** A train config (a lesson's preset) as the form: the data set and its settings, the MLP, loss,
 * penalties, optimizer, batch, epochs and seed; null for what the form cannot show (a layer stack, an
 * image set). Missing values keep the defaults. */
export function trainFormFromConfig(c: Record<string, unknown>): TrainForm | null {
  const ds = (typeof c.dataset === 'string' ? { name: c.dataset } : c.dataset) as Record<string, unknown> | undefined;
  const name = typeof ds?.name === 'string' ? ds.name : null;
  if (name === null || datasetMeta(name as DatasetChoice) === undefined) return null;
  const model = (c.model ?? {}) as Record<string, unknown>;
  if (model.layers !== undefined) return null;
  const { name: _name, ...settings } = ds!;
  // what the preset leaves out is the engine's default (labs/train.cpp), not the form's
  const form: TrainForm = {
    ...DEFAULT_FORM,
    dataset: name as DatasetChoice,
    params: { [name]: settings as Record<string, number> },
    hidden: [16],
    activation: 'tanh',
    loss: 'default',
    l2: 0,
    dropout: 0,
    optimizer: { type: 'adam' },
    batchSize: 32,
    epochs: 100,
    seed: 1,
  };
  if (Array.isArray(model.hidden)) form.hidden = model.hidden as number[];
  if (typeof model.activation === 'string') form.activation = model.activation as Activation;
  if (typeof model.dropout === 'number') form.dropout = model.dropout;
  if (typeof c.loss === 'string') form.loss = c.loss as LossChoice;
  if (typeof c.l2 === 'number') form.l2 = c.l2;
  if (c.optimizer && typeof c.optimizer === 'object') form.optimizer = { ...(c.optimizer as OptimizerValue) };
  if (typeof c.batch_size === 'number') form.batchSize = c.batch_size;
  if (typeof c.epochs === 'number') form.epochs = c.epochs;
  if (typeof c.seed === 'number') form.seed = c.seed;
  return form;
}
