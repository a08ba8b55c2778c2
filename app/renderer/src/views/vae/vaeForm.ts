/**
 * The VAE lab's settings as typed (strings), checked field by field with the reason in the UI's words,
 * and turned into the session's config (src/native/vae-schema.ts VaeLabConfigSchema). Remembered on the
 * machine between visits.
 */
import type { VaeLabConfig } from '../../../../../src/native/vae';

export interface VaeForm {
  trainCount: string;
  testCount: string;
  latent: string;
  hidden: string;
  decoder: 'bernoulli' | 'gaussian';
  beta: string;
  lr: string;
  epochs: string;
  batch: string;
  seed: string;
}

export const DEFAULT_FORM: VaeForm = { trainCount: '5000', testCount: '1000', latent: '2', hidden: '256', decoder: 'bernoulli', beta: '1', lr: '0.001', epochs: '10', batch: '64', seed: '1' };

/** The 10 000 shipped digits: training and test counts may add up to this many. */
export const DIGITS_COUNT = 10_000;

const KEY = 'gradlab.vae.form';

export function loadForm(): VaeForm {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<VaeForm> | null;
    const f = { ...DEFAULT_FORM };
    if (saved && typeof saved === 'object') for (const k of Object.keys(DEFAULT_FORM) as (keyof VaeForm)[]) if (typeof saved[k] === 'string') (f as Record<string, string>)[k] = saved[k];
    if (f.decoder !== 'bernoulli' && f.decoder !== 'gaussian') f.decoder = 'bernoulli';
    return f;
  } catch {
    return DEFAULT_FORM;
  }
}

export const saveForm = (f: VaeForm) => localStorage.setItem(KEY, JSON.stringify(f));

export type ErrorKey = 'vae.err.int' | 'vae.err.number' | 'vae.err.rate' | 'vae.err.widths' | 'vae.err.total' | 'vae.err.batch';
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

export interface CheckedForm {
  errors: FieldErrors;
  config: VaeLabConfig | null;
}

/** The form checked; `upload`: the host's id and training size of uploaded pictures (their sizes are their own). */
export function checkForm(f: VaeForm, upload: { id: number; trainImages: number } | null): CheckedForm {
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
  const hidden = parseHidden(f.hidden);
  if (!hidden) errors.hidden = { key: 'vae.err.widths' };
  const beta = betaOf(f.beta);
  if (beta === null) errors.beta = { key: 'vae.err.number' };
  const lr = rateOf(f.lr);
  if (lr === null) errors.lr = { key: 'vae.err.rate' };
  if (Object.keys(errors).length > 0) return { errors, config: null };
  const dataset = upload ? ({ name: 'upload', id: upload.id, seed: 1 } as unknown as VaeLabConfig['dataset']) : { name: 'digits' as const, train: train!, test: test!, seed: 1 };
  return {
    errors,
    config: { dataset, latent: latent!, hidden: hidden!, decoder: f.decoder, beta: beta!, epochs: epochs!, batch_size: batch!, seed: seed!, optimizer: { type: 'adam', lr: lr! } },
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
  if (c.decoder === 'bernoulli' || c.decoder === 'gaussian') f.decoder = c.decoder;
  f.beta = str(c.beta) ?? f.beta;
  f.lr = str((c.optimizer as { lr?: unknown } | undefined)?.lr) ?? f.lr;
  f.epochs = str(c.epochs) ?? f.epochs;
  f.batch = str(c.batch_size) ?? f.batch;
  f.seed = str(c.seed) ?? f.seed;
  return f;
}
