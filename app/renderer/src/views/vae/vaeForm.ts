/**
 * The VAE lab's settings as typed (strings), checked field by field with the reason in the UI's words,
 * and turned into the session's config (src/native/vae-schema.ts VaeLabConfigSchema). Remembered on the
 * machine between visits.
 */
import { ANY_OUTPUTS, inferShapes, modelText, parseModelText, type LayerEntry, type LayerShape } from '../../../../../src/native/layers';
import type { VaeLabConfig } from '../../../../../src/native/vae';
import { vaeConvLayers } from '../../../../../src/native/vae-layers';

export interface VaeForm {
  trainCount: string;
  testCount: string;
  latent: string;
  hidden: string;
  /** fully connected over `hidden`, or both sides as layer lists */
  network: 'mlp' | 'conv';
  encoderLayers: string;
  decoderLayers: string;
  decoder: 'bernoulli' | 'gaussian';
  beta: string;
  lr: string;
  epochs: string;
  batch: string;
  seed: string;
}

/** The convolutional preset's text for images of this shape (native/vae-layers.ts). */
export function presetTexts(image: readonly [number, number, number]): { encoderLayers: string; decoderLayers: string } | null {
  try {
    return { encoderLayers: modelText(vaeConvLayers('encoder', image, 'encoder')), decoderLayers: modelText(vaeConvLayers('decoder', image, 'decoder')) };
  } catch {
    return null; // sides that are not multiples of 4: no preset
  }
}

export const DIGITS_IMAGE: [number, number, number] = [1, 28, 28];

export const DEFAULT_FORM: VaeForm = {
  trainCount: '5000', testCount: '1000', latent: '2', hidden: '256', network: 'mlp', ...presetTexts(DIGITS_IMAGE)!,
  decoder: 'bernoulli', beta: '1', lr: '0.001', epochs: '10', batch: '64', seed: '1',
};

/** The 10 000 shipped digits: training and test counts may add up to this many. */
export const DIGITS_COUNT = 10_000;

const KEY = 'gradlab.vae.form';

export function loadForm(): VaeForm {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<VaeForm> | null;
    const f = { ...DEFAULT_FORM };
    if (saved && typeof saved === 'object') for (const k of Object.keys(DEFAULT_FORM) as (keyof VaeForm)[]) if (typeof saved[k] === 'string') (f as Record<string, string>)[k] = saved[k];
    if (f.decoder !== 'bernoulli' && f.decoder !== 'gaussian') f.decoder = 'bernoulli';
    if (f.network !== 'mlp' && f.network !== 'conv') f.network = 'mlp';
    return f;
  } catch {
    return DEFAULT_FORM;
  }
}

export const saveForm = (f: VaeForm) => localStorage.setItem(KEY, JSON.stringify(f));

export type ErrorKey = 'vae.err.int' | 'vae.err.number' | 'vae.err.rate' | 'vae.err.widths' | 'vae.err.total' | 'vae.err.batch' | 'vae.err.layers';
export type FieldErrors = Partial<Record<keyof VaeForm, { key: ErrorKey; vars?: Record<string, string | number> }>>;

const intIn = (s: string, min: number, max: number) => {
  const v = Number(s.trim());
  return s.trim() !== '' && Number.isInteger(v) && v >= min && v <= max ? v : null;
};

/** "512,256" → [512, 256]; null unless 1–8 whole widths of 1–8192. */
export function parseHidden(s: string): number[] | null {
  const parts = s.split(/[\s,]+/).filter(Boolean);
  if (parts.length < 1 || parts.length > 8) return null;
  const w = parts.map((p) => intIn(p, 1, 8192));
  return w.every((v) => v !== null) ? (w as number[]) : null;
}

/** β: a number ≥ 0; the step size: > 0 and ≤ 10. */
export const betaOf = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) && Number(s) >= 0 ? Number(s) : null);
export const rateOf = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) && Number(s) > 0 && Number(s) <= 10 ? Number(s) : null);

/** A layer list's check: its layers and shapes, or the engine's reason (its words: layer names stay as typed). */
export interface SideCheck {
  layers: LayerEntry[] | null;
  shapes: LayerShape[] | null;
  reason: string | null;
}

export interface CheckedForm {
  errors: FieldErrors;
  config: VaeLabConfig | null;
  /** with network "conv": each side's check */
  encoder?: SideCheck;
  decoder?: SideCheck;
}

function checkSide(text: string, input: readonly number[], outputs: number, path: string): SideCheck {
  try {
    const layers = parseModelText(text, path);
    return { layers, shapes: inferShapes(layers, input, outputs, path), reason: null };
  } catch (e) {
    return { layers: null, shapes: null, reason: (e as Error).message };
  }
}

/** The form checked; `upload`: the host's id, training size and picture shape of uploaded pictures (their sizes are their own). */
export function checkForm(f: VaeForm, upload: { id: number; trainImages: number; image?: [number, number, number] } | null): CheckedForm {
  const errors: FieldErrors = {};
  const int = (k: keyof VaeForm, min: number, max: number) => {
    const v = intIn(f[k], min, max);
    if (v === null) errors[k] = { key: 'vae.err.int', vars: { min, max } };
    return v;
  };
  const train = upload ? upload.trainImages : int('trainCount', 1, DIGITS_COUNT - 1);
  const test = upload ? 0 : int('testCount', 1, DIGITS_COUNT - 1);
  if (!upload && train !== null && test !== null && train + test > DIGITS_COUNT) errors.testCount = { key: 'vae.err.total', vars: { n: DIGITS_COUNT } };
  const latent = int('latent', 1, 512);
  const epochs = int('epochs', 1, 100_000);
  const batch = int('batch', 1, 1_000_000);
  if (batch !== null && train !== null && batch > train) errors.batch = { key: 'vae.err.batch', vars: { n: train } };
  const seed = int('seed', 0, Number.MAX_SAFE_INTEGER);
  const conv = f.network === 'conv';
  const hidden = conv ? null : parseHidden(f.hidden);
  if (!conv && !hidden) errors.hidden = { key: 'vae.err.widths' };
  let encoder: SideCheck | undefined;
  let decoder: SideCheck | undefined;
  if (conv) {
    const image = upload?.image ?? DIGITS_IMAGE;
    encoder = checkSide(f.encoderLayers, image, ANY_OUTPUTS, 'encoder_layers');
    if (encoder.reason) errors.encoderLayers = { key: 'vae.err.layers' };
    if (latent !== null) {
      decoder = checkSide(f.decoderLayers, [latent], image[0] * image[1] * image[2], 'decoder_layers');
      if (decoder.reason) errors.decoderLayers = { key: 'vae.err.layers' };
    }
  }
  const beta = betaOf(f.beta);
  if (beta === null) errors.beta = { key: 'vae.err.number' };
  const lr = rateOf(f.lr);
  if (lr === null) errors.lr = { key: 'vae.err.rate' };
  const sides = conv ? { encoder, decoder } : {};
  if (Object.keys(errors).length > 0) return { errors, config: null, ...sides };
  const dataset = upload ? ({ name: 'upload', id: upload.id, seed: 1 } as unknown as VaeLabConfig['dataset']) : { name: 'digits' as const, train: train!, test: test!, seed: 1 };
  const network = conv ? { encoder_layers: encoder!.layers!, decoder_layers: decoder!.layers! } : { hidden: hidden! };
  return {
    errors,
    config: { dataset, latent: latent!, ...network, decoder: f.decoder, beta: beta!, epochs: epochs!, batch_size: batch!, seed: seed!, optimizer: { type: 'adam', lr: lr! } },
    ...sides,
  };
}

/** A VAE config (a lesson's preset, a preset file) as the form; null for what the form cannot show
 * (an image set other than the digits). Missing values keep the defaults. */
export function vaeFormFromConfig(c: Record<string, unknown>): VaeForm | null {
  const ds = c.dataset === undefined || c.dataset === 'digits' ? { name: 'digits' } : (c.dataset as Record<string, unknown>);
  if (ds.name !== 'digits') return null;
  const f: VaeForm = { ...DEFAULT_FORM };
  const str = (v: unknown) => (typeof v === 'number' ? String(v) : undefined);
  f.trainCount = str(ds.train) ?? f.trainCount;
  f.testCount = str(ds.test) ?? f.testCount;
  f.latent = str(c.latent) ?? f.latent;
  if (Array.isArray(c.hidden)) f.hidden = (c.hidden as number[]).join(',');
  if (Array.isArray(c.encoder_layers) || Array.isArray(c.decoder_layers)) {
    // a form holds both sides as lists or neither: one side given alone takes the preset on the other
    f.network = 'conv';
    if (Array.isArray(c.encoder_layers)) f.encoderLayers = modelText(c.encoder_layers as LayerEntry[]);
    if (Array.isArray(c.decoder_layers)) f.decoderLayers = modelText(c.decoder_layers as LayerEntry[]);
  }
  if (c.decoder === 'bernoulli' || c.decoder === 'gaussian') f.decoder = c.decoder;
  f.beta = str(c.beta) ?? f.beta;
  f.lr = str((c.optimizer as { lr?: unknown } | undefined)?.lr) ?? f.lr;
  f.epochs = str(c.epochs) ?? f.epochs;
  f.batch = str(c.batch_size) ?? f.batch;
  f.seed = str(c.seed) ?? f.seed;
  return f;
}
