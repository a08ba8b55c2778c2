/**
 * The CNN lab's settings as the form keeps them (model text, data sizes, learning rate, batch, epochs,
 * augmentation),
 * their checks with the reason shown at each field, and the training config they make. Remembered in
 * localStorage. The model is a layer stack in text form or a preset (src/native/layers.ts).
 */
import { inferShapes, modelText, parseModelText, type LayerEntry, type LayerShape } from '../../../../../src/native/layers';
import type { TrainConfig } from '../../../../../src/native/schemas';

export interface CnnForm {
  preset: string;
  model: string;
  train: string;
  test: string;
  lr: string;
  batch: string;
  epochs: string;
  /** training images shifted (and mirrored) at random: data/augment.hpp */
  augment: Augmentation;
  /** a shipped checkpoint the run starts from (its model; dropped when the model changes) */
  checkpoint?: string;
}

export const AUGMENTATIONS = ['none', 'shift1', 'shift2', 'shift2flip'] as const;
export type Augmentation = (typeof AUGMENTATIONS)[number];
const AUGMENT_CONFIG: Record<Augmentation, { shift?: number; flip?: boolean } | undefined> = {
  none: undefined,
  shift1: { shift: 1 },
  shift2: { shift: 2 },
  shift2flip: { shift: 2, flip: true },
};

export const DIGITS = { count: 10000, rows: 28, cols: 28, classes: 10 } as const;
export const PRESETS = ['lenet5', 'lenet5_wide', 'cnn_b50', 'vgg_small'] as const;

export const DEFAULT_FORM: CnnForm = { preset: 'cnn_b50', model: 'cnn_b50', train: '4000', test: '1000', lr: '0.002', batch: '32', epochs: '3', augment: 'none' };
const KEY = 'gradlab.cnn.form';

export function loadForm(): CnnForm {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<CnnForm> | null;
    const form = { ...DEFAULT_FORM, ...(saved ?? {}) };
    return (AUGMENTATIONS as readonly string[]).includes(form.augment) ? form : { ...form, augment: 'none' };
  } catch {
    return DEFAULT_FORM;
  }
}
export const saveForm = (f: CnnForm) => localStorage.setItem(KEY, JSON.stringify(f));

export type FieldErrors = Partial<Record<keyof CnnForm, { key: 'cnn.err.int' | 'cnn.err.lr' | 'cnn.err.total' | 'cnn.err.model' | 'cnn.err.batch'; vars?: Record<string, string | number> }>>;

export interface CheckedForm {
  errors: FieldErrors;
  layers: LayerEntry[] | null;
  shapes: LayerShape[] | null;
  /** the model's own message when it cannot be read or run */
  modelError: string | null;
}

const int = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);

/** What the network sees: one example's shape and the number of classes (the shipped digits by default). */
export interface DataShape {
  input: [number, number, number];
  classes: number;
}
export const DIGITS_SHAPE: DataShape = { input: [1, DIGITS.rows, DIGITS.cols], classes: DIGITS.classes };

export function checkForm(f: CnnForm, data: DataShape = DIGITS_SHAPE, uploaded = false): CheckedForm {
  const errors: FieldErrors = {};
  const train = int(f.train);
  const test = int(f.test);
  const batch = int(f.batch);
  const epochs = int(f.epochs);
  const lr = Number(f.lr);
  if (!uploaded) {  // the sizes of an upload are its own
    if (!(train >= 1 && train <= 10000)) errors.train = { key: 'cnn.err.int', vars: { min: 1, max: 10000 } };
    if (!(test >= 0 && test <= 9999)) errors.test = { key: 'cnn.err.int', vars: { min: 0, max: 9999 } };
    if (!errors.train && !errors.test && train + test > DIGITS.count) errors.test = { key: 'cnn.err.total', vars: { n: DIGITS.count } };
  }
  if (!(epochs >= 1 && epochs <= 1000)) errors.epochs = { key: 'cnn.err.int', vars: { min: 1, max: 1000 } };
  if (!(batch >= 1 && batch <= 10000)) errors.batch = { key: 'cnn.err.int', vars: { min: 1, max: 10000 } };
  else if (!uploaded && !errors.train && batch > train) errors.batch = { key: 'cnn.err.batch', vars: { n: train } };
  if (!(f.lr.trim() !== '' && Number.isFinite(lr) && lr > 0 && lr <= 10)) errors.lr = { key: 'cnn.err.lr' };
  let layers: LayerEntry[] | null = null;
  let shapes: LayerShape[] | null = null;
  let modelError: string | null = null;
  try {
    layers = parseModelText(f.model, 'model');
    shapes = inferShapes(layers, data.input, data.classes, 'model');
  } catch (e) {
    modelError = (e as Error).message;
    errors.model = { key: 'cnn.err.model' };
  }
  return { errors, layers, shapes, modelError };
}

/** The training config of a valid form (check it first); `upload`: the host's id and size of uploaded pictures. */
export function toConfig(f: CnnForm, layers: LayerEntry[], upload?: { id: number; trainImages: number }): TrainConfig {
  const train = upload ? upload.trainImages : Number(f.train);
  const batch = Number(f.batch);
  const epochs = Number(f.epochs);
  return {
    dataset: upload ? ({ name: 'upload', id: upload.id, seed: 1 } as unknown as TrainConfig['dataset']) : { name: 'digits', train, test: Number(f.test), seed: 1 },
    model: { layers },
    optimizer: { type: 'adam', lr: Number(f.lr), schedule: { type: 'cosine', total: Math.ceil(train / batch) * epochs } },
    batch_size: batch,
    epochs,
    seed: 1,
    ...(AUGMENT_CONFIG[f.augment] ? { augment: AUGMENT_CONFIG[f.augment] } : {}),
    threads: 0, // every core: the batch is split in fixed chunks, so the numbers do not depend on the machine's
    frames: { every_ms: 300, gallery: 500 },
    ...(f.checkpoint && !upload ? { checkpoint: f.checkpoint } : {}),
  };
}

/** A train config on the digits with a layer stack (a lesson's preset, a preset file) as the form;
 * null for what the form cannot show (another data set, another optimizer than Adam). */
export function cnnFormFromConfig(c: Record<string, unknown>): CnnForm | null {
  const ds = (typeof c.dataset === 'string' ? { name: c.dataset } : c.dataset) as Record<string, unknown> | undefined;
  const layers = (c.model as { layers?: unknown } | undefined)?.layers;
  const opt = (c.optimizer ?? { type: 'adam' }) as { type?: unknown; lr?: unknown };
  if (ds?.name !== 'digits' || !Array.isArray(layers) || opt.type !== 'adam') return null;
  const str = (v: unknown, d: string) => (typeof v === 'number' ? String(v) : d);
  const aug = c.augment as { shift?: number; flip?: boolean } | undefined;
  const augment: Augmentation = !aug || !aug.shift ? 'none' : aug.flip ? 'shift2flip' : aug.shift >= 2 ? 'shift2' : 'shift1';
  return {
    preset: 'custom',
    model: modelText(layers as LayerEntry[]),
    train: str(ds.train, '8000'),
    test: str(ds.test, '2000'),
    lr: str(opt.lr, '0.001'),
    batch: str(c.batch_size, '32'),
    epochs: str(c.epochs, '10'),
    augment,
    ...(typeof c.checkpoint === 'string' ? { checkpoint: c.checkpoint } : {}),
  };
}
