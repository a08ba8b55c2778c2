/**
 * The attention lab's settings as typed (strings), checked field by field with the reason in the UI's
 * words, and turned into the session's config (src/native/attention-schema.ts); a typed prompt parsed
 * into what the live session takes. Remembered on the machine between visits.
 */
import type { AttentionLabConfig } from '../../../../../src/native/attention';

export const ATTN_SOURCES = ['copy', 'reverse', 'sort', 'addition', 'repeat', 'english', 'chinese'] as const;
export type AttnSource = (typeof ATTN_SOURCES)[number];
export const isTaskSource = (s: AttnSource) => s !== 'english' && s !== 'chinese';

export interface AttnForm {
  source: AttnSource;
  length: string;
  vocab: string;
  seqLen: string;
  layers: string;
  heads: string;
  dim: string;
  positions: 'sinusoidal' | 'learned';
  dropout: string;
  lr: string;
  steps: string;
  batch: string;
  seed: string;
}

export const DEFAULT_FORM: AttnForm = {
  source: 'sort',
  length: '8',
  vocab: '8',
  seqLen: '64',
  layers: '2',
  heads: '4',
  dim: '64',
  positions: 'sinusoidal',
  dropout: '0',
  lr: '0.001',
  steps: '4000',
  batch: '64',
  seed: '1',
};

const KEY = 'gradlab.attention.form';

export function loadForm(): AttnForm {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<AttnForm> | null;
    const f = { ...DEFAULT_FORM };
    if (saved && typeof saved === 'object') for (const k of Object.keys(DEFAULT_FORM) as (keyof AttnForm)[]) if (typeof saved[k] === 'string') (f as Record<string, string>)[k] = saved[k];
    if (!ATTN_SOURCES.includes(f.source)) f.source = 'sort';
    if (f.positions !== 'sinusoidal' && f.positions !== 'learned') f.positions = 'sinusoidal';
    return f;
  } catch {
    return DEFAULT_FORM;
  }
}

export const saveForm = (f: AttnForm) => localStorage.setItem(KEY, JSON.stringify(f));

export type ErrorKey = 'attn.err.int' | 'attn.err.rate' | 'attn.err.dropout' | 'attn.err.heads' | 'attn.err.seq_len';
export type FieldErrors = Partial<Record<keyof AttnForm, { key: ErrorKey; vars?: Record<string, string | number> }>>;

const intIn = (s: string, min: number, max: number) => {
  const v = Number(s.trim());
  return s.trim() !== '' && Number.isInteger(v) && v >= min && v <= max ? v : null;
};

export function checkForm(f: AttnForm, text: string): { errors: FieldErrors; config: AttentionLabConfig | null } {
  const errors: FieldErrors = {};
  const int = (k: keyof AttnForm, min: number, max: number) => {
    const v = intIn(f[k], min, max);
    if (v === null) errors[k] = { key: 'attn.err.int', vars: { min, max } };
    return v;
  };
  const task = isTaskSource(f.source);
  const length = task ? int('length', 2, 256) : null;
  const vocab = task && f.source !== 'addition' ? int('vocab', 2, 1000) : null;
  const seqLen = task ? null : int('seqLen', 1, 4096);
  if (!task && seqLen !== null) {
    const n = Array.from(text).length;
    const nTrain = n - Math.floor(n / 10);
    if (seqLen > nTrain - 1) errors.seqLen = { key: 'attn.err.seq_len', vars: { n: nTrain - 1 } };
  }
  const layers = int('layers', 1, 24);
  const heads = int('heads', 1, 64);
  const dim = int('dim', 1, 4096);
  if (heads !== null && dim !== null && dim % heads !== 0) errors.dim = { key: 'attn.err.heads', vars: { heads } };
  const dropout = Number(f.dropout);
  if (f.dropout.trim() === '' || !(dropout >= 0 && dropout < 1)) errors.dropout = { key: 'attn.err.dropout' };
  const lr = Number(f.lr);
  if (f.lr.trim() === '' || !(lr > 0 && lr <= 10)) errors.lr = { key: 'attn.err.rate' };
  const steps = int('steps', 1, 10_000_000);
  const batch = int('batch', 1, 65536);
  const seed = int('seed', 0, Number.MAX_SAFE_INTEGER);
  if (Object.keys(errors).length > 0) return { errors, config: null };
  const model = { layers: layers!, heads: heads!, dim: dim!, positions: f.positions, dropout, batch_size: batch!, steps: steps!, seed: seed!, optimizer: { type: 'adam' as const, lr } };
  const data = task ? { task: f.source as Exclude<AttnSource, 'english' | 'chinese'>, length: length!, ...(vocab !== null ? { vocab } : {}) } : { text, seq_len: seqLen! };
  return { errors, config: { ...data, ...model } };
}

/**
 * A typed prompt as the session takes it: a task's L symbols (0…V−1, by spaces or commas; addition:
 * two numbers of L digits), or a text's characters (2 to seq_len + 1). Null when it does not fit.
 */
export function parsePrompt(f: AttnForm, typed: string): number[] | string | null {
  if (!isTaskSource(f.source)) {
    const n = Array.from(typed).length;
    return n >= 2 && n <= Number(f.seqLen) + 1 ? typed : null;
  }
  const L = Number(f.length);
  if (f.source === 'addition') {
    const parts = typed.trim().split(/[\s+,]+/).filter(Boolean);
    if (parts.length !== 2 || !parts.every((p) => new RegExp(`^\\d{${L}}$`).test(p))) return null;
    return Array.from(parts.join(''), Number);
  }
  const parts = typed.trim().split(/[\s,]+/).filter(Boolean);
  const V = Number(f.vocab);
  const symbols = parts.map(Number);
  return symbols.length === L && symbols.every((v) => Number.isInteger(v) && v >= 0 && v < V) ? symbols : null;
}

/** A sequence-task config (a lesson's preset, a preset file) as the form; null for what the form
 * cannot show (a text given inline). Missing values keep the defaults. */
export function attnFormFromConfig(c: Record<string, unknown>): AttnForm | null {
  if (typeof c.task !== 'string' || !(ATTN_SOURCES as readonly string[]).includes(c.task)) return null;
  const f: AttnForm = { ...DEFAULT_FORM, source: c.task as AttnSource };
  const str = (v: unknown) => (typeof v === 'number' ? String(v) : undefined);
  f.length = str(c.length) ?? f.length;
  f.vocab = str(c.vocab) ?? f.vocab;
  f.seqLen = str(c.seq_len) ?? f.seqLen;
  f.layers = str(c.layers) ?? f.layers;
  f.heads = str(c.heads) ?? f.heads;
  f.dim = str(c.dim) ?? f.dim;
  if (c.positions === 'sinusoidal' || c.positions === 'learned') f.positions = c.positions;
  f.dropout = str(c.dropout) ?? f.dropout;
  f.lr = str((c.optimizer as { lr?: unknown } | undefined)?.lr) ?? f.lr;
  f.steps = str(c.steps) ?? f.steps;
  f.batch = str(c.batch_size) ?? f.batch;
  f.seed = str(c.seed) ?? f.seed;
  return f;
}
