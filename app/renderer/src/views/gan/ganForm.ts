/**
 * The GAN lab's settings as typed (strings), checked field by field with the reason in the UI's words,
 * and turned into the session's config (src/native/gan-schema.ts GanLabConfigSchema). Remembered on the
 * machine between visits.
 */
import type { GanLabConfig } from '../../../../../src/native/gan';
import { dcganLayers } from '../../../../../src/native/gan-layers';

/** The shipped digits: one grey channel, 28×28. */
const DIGITS_IMAGE: [number, number, number] = [1, 28, 28];

export const DISTRIBUTIONS = ['ring8', 'grid25', 'moons', 'spiral', 'line', 'draw', 'csv', 'digits'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];
export const LOSSES = ['non-saturating', 'minimax', 'least-squares', 'wgan-gp'] as const;
export type Loss = (typeof LOSSES)[number];
export const PRESETS = ['ring8', 'collapse', 'wgan', 'moons', 'digits', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export interface GanForm {
  preset: Preset;
  data: Distribution;
  loss: Loss;
  steps: string;
  gLr: string;
  dLr: string;
  dSteps: string;
  pack: string;
  gHidden: string;
  dHidden: string;
  /** the digits' nets: fully connected over the hidden widths, or the DCGAN preset (gan-layers.ts) */
  arch: 'mlp' | 'dcgan';
  zDim: string;
  batch: string;
  seed: string;
  schedule: 'cosine' | 'constant';
  /** a shipped checkpoint the run starts from (digits only; its nets' sizes are the form's) */
  checkpoint?: string;
}

export const DEFAULT_FORM: GanForm = {
  preset: 'ring8',
  data: 'ring8',
  loss: 'non-saturating',
  steps: '5000',
  gLr: '0.001',
  dLr: '0.001',
  dSteps: '1',
  pack: '2',
  gHidden: '128,128',
  dHidden: '128,128',
  arch: 'mlp',
  zDim: '2',
  batch: '256',
  seed: '1',
  schedule: 'cosine',
};

/** Each preset's settings over the defaults (the descriptor's presets, as the form holds them). */
export const PRESET_FORMS: Record<Exclude<Preset, 'custom'>, Partial<GanForm>> = {
  ring8: {},
  // 2–3 of ring8's 8 modes, 33–90 % of samples on them (seeds 1–3, 4 000 steps): the modes it drops stay dropped
  collapse: { pack: '1', schedule: 'constant', batch: '64', gHidden: '16,16', dHidden: '256,256', steps: '4000' },
  wgan: { data: 'grid25', loss: 'wgan-gp', steps: '3000', dSteps: '5' },
  moons: { data: 'moons', loss: 'least-squares', steps: '3000' },
  // the image GAN's nets and steps (gen/gan_images.hpp), for 5 000 steps: digit shapes, not yet every class
  digits: { data: 'digits', steps: '5000', zDim: '64', gHidden: '256,512', dHidden: '512,256', batch: '64', gLr: '0.001', dLr: '0.0004' },
};

export function presetForm(p: Exclude<Preset, 'custom'>): GanForm {
  return { ...DEFAULT_FORM, ...PRESET_FORMS[p], preset: p };
}

const KEY = 'gradlab.gan.form';

export function loadForm(): GanForm {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<GanForm> | null;
    if (!saved || typeof saved !== 'object') return DEFAULT_FORM;
    const f = { ...DEFAULT_FORM };
    for (const k of Object.keys(DEFAULT_FORM) as (keyof GanForm)[]) if (typeof saved[k] === 'string') (f as Record<string, string>)[k] = saved[k];
    if (!DISTRIBUTIONS.includes(f.data)) f.data = DEFAULT_FORM.data;
    if (!LOSSES.includes(f.loss)) f.loss = DEFAULT_FORM.loss;
    if (!PRESETS.includes(f.preset)) f.preset = 'custom';
    if (typeof saved.checkpoint === 'string' && f.data === 'digits') f.checkpoint = saved.checkpoint;
    if (f.schedule !== 'cosine' && f.schedule !== 'constant') f.schedule = 'cosine';
    if (f.arch !== 'mlp' && f.arch !== 'dcgan') f.arch = 'mlp';
    return f;
  } catch {
    return DEFAULT_FORM;
  }
}

export const saveForm = (f: GanForm) => localStorage.setItem(KEY, JSON.stringify(f));

export type ErrorKey = 'gan.err.int' | 'gan.err.rate' | 'gan.err.widths' | 'gan.err.pack' | 'gan.err.points' | 'gan.err.dcgan_wgan';
export type FieldErrors = Partial<Record<keyof GanForm | 'points', { key: ErrorKey; vars?: Record<string, string | number> }>>;

const intIn = (s: string, min: number, max: number) => {
  const v = Number(s.trim());
  return s.trim() !== '' && Number.isInteger(v) && v >= min && v <= max ? v : null;
};
const rate = (s: string) => {
  const v = Number(s.trim());
  return s.trim() !== '' && Number.isFinite(v) && v > 0 && v <= 10 ? v : null;
};
/** "128,128" or "128 128" → [128, 128]; null unless 1–8 whole widths of 1–4096. */
export function parseWidths(s: string): number[] | null {
  const parts = s.split(/[\s,]+/).filter(Boolean);
  if (parts.length < 1 || parts.length > 8) return null;
  const w = parts.map((p) => intIn(p, 1, 4096));
  return w.every((v) => v !== null) ? (w as number[]) : null;
}

export interface CheckedForm {
  errors: FieldErrors;
  config: GanLabConfig | null;
}

/** The form checked; `points` are the drawn or loaded points (x, y, …) for data "draw" and "csv". */
export function checkForm(f: GanForm, points: readonly number[]): CheckedForm {
  const errors: FieldErrors = {};
  const int = (k: Exclude<keyof GanForm, 'checkpoint'>, min: number, max: number) => {
    const v = intIn(f[k], min, max);
    if (v === null) errors[k] = { key: 'gan.err.int', vars: { min, max } };
    return v;
  };
  const steps = int('steps', 1, 10_000_000);
  const dSteps = int('dSteps', 1, 100);
  const zDim = int('zDim', 1, 1024);
  const batch = int('batch', 1, 65536);
  const pack = int('pack', 1, 64);
  const seed = int('seed', 0, Number.MAX_SAFE_INTEGER);
  const gLr = rate(f.gLr);
  if (gLr === null) errors.gLr = { key: 'gan.err.rate' };
  const dLr = rate(f.dLr);
  if (dLr === null) errors.dLr = { key: 'gan.err.rate' };
  const dcgan = f.data === 'digits' && f.arch === 'dcgan';
  const gHidden = dcgan ? null : parseWidths(f.gHidden);
  if (!dcgan && !gHidden) errors.gHidden = { key: 'gan.err.widths' };
  const dHidden = dcgan ? null : parseWidths(f.dHidden);
  if (!dcgan && !dHidden) errors.dHidden = { key: 'gan.err.widths' };
  if (dcgan && f.loss === 'wgan-gp') errors.arch = { key: 'gan.err.dcgan_wgan' };
  if (batch !== null && pack !== null && batch % pack !== 0) errors.pack = { key: 'gan.err.pack', vars: { batch } };
  const own = f.data === 'draw' || f.data === 'csv';
  if (own && points.length < 4) errors.points = { key: 'gan.err.points' };
  if (Object.keys(errors).length > 0) return { errors, config: null };
  const data = own ? { data: 'points' as const, points: [...points] } : f.data === 'digits' ? { dataset: 'digits' as const } : { data: f.data as Exclude<Distribution, 'draw' | 'csv' | 'digits'> };
  const config: GanLabConfig = {
    ...data,
    loss: f.loss,
    steps: steps!,
    g_lr: gLr!,
    d_lr: dLr!,
    d_steps: dSteps!,
    z_dim: zDim!,
    batch_size: batch!,
    pack: pack!,
    ...(dcgan
      ? { g_layers: dcganLayers('generator', DIGITS_IMAGE, 'g_layers'), d_layers: dcganLayers('discriminator', DIGITS_IMAGE, 'd_layers') }
      : { g_hidden: gHidden!, d_hidden: dHidden! }),
    seed: seed!,
    schedule: f.schedule,
    ...(f.checkpoint !== undefined && f.data === 'digits' && !dcgan ? { checkpoint: f.checkpoint } : {}),
  };
  return { errors, config };
}

/** A 2-D GAN config (a lesson's preset, a preset file) as the form, on the custom preset; null for what
 * the form cannot show (drawn or loaded points, images). Missing values keep the defaults. */
export function ganFormFromConfig(c: Record<string, unknown>): GanForm | null {
  const data = c.data;
  if (typeof data !== 'string' || !(DISTRIBUTIONS as readonly string[]).includes(data) || data === 'draw' || data === 'csv') return null;
  const f: GanForm = { ...DEFAULT_FORM, preset: 'custom', data: data as Distribution };
  const str = (v: unknown) => (typeof v === 'number' ? String(v) : undefined);
  if (typeof c.loss === 'string' && (LOSSES as readonly string[]).includes(c.loss)) f.loss = c.loss as Loss;
  f.steps = str(c.steps) ?? f.steps;
  f.gLr = str(c.g_lr) ?? f.gLr;
  f.dLr = str(c.d_lr) ?? f.dLr;
  f.dSteps = str(c.d_steps) ?? f.dSteps;
  f.pack = str(c.pack) ?? f.pack;
  if (Array.isArray(c.g_hidden)) f.gHidden = (c.g_hidden as number[]).join(',');
  if (Array.isArray(c.d_hidden)) f.dHidden = (c.d_hidden as number[]).join(',');
  f.zDim = str(c.z_dim) ?? f.zDim;
  f.batch = str(c.batch_size) ?? f.batch;
  f.seed = str(c.seed) ?? f.seed;
  if (c.schedule === 'cosine' || c.schedule === 'constant') f.schedule = c.schedule;
  return f;
}
