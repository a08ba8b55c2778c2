/**
 * The RNN lab's settings as typed (strings), checked field by field with the reason in the UI's words,
 * and turned into the session's config (src/native/seq-schema.ts SeqLabConfigSchema). The source is a
 * shipped text (public domain: assets/texts/SOURCES.md), the user's own text, or a sequence task.
 * Remembered on the machine between visits (the user's text too, up to 1 MB).
 */
import type { SeqLabConfig } from '../../../../../src/native/seq';

export const SOURCES = ['english', 'chinese', 'yours', 'copy', 'reverse', 'adding', 'parity', 'sine'] as const;
export type Source = (typeof SOURCES)[number];
export const TASKS = ['copy', 'reverse', 'adding', 'parity', 'sine'] as const;
export type TaskName = (typeof TASKS)[number];
export const isTask = (s: Source): s is TaskName => (TASKS as readonly string[]).includes(s);

export interface RnnForm {
  source: Source;
  yours: string;
  cell: 'rnn' | 'lstm' | 'gru';
  embed: string;
  hidden: string;
  seqLen: string;
  batch: string;
  steps: string;
  lr: string;
  clip: string;
  seed: string;
  temperature: string;
  topK: string;
}

export const DEFAULT_FORM: RnnForm = {
  source: 'english',
  yours: '',
  cell: 'lstm',
  embed: '32',
  hidden: '128',
  seqLen: '64',
  batch: '32',
  steps: '2000',
  lr: '0.002',
  clip: '5',
  seed: '1',
  temperature: '0.8',
  topK: '0',
};

/** What a task starts with (seq_train.hpp's defaults): its length, width and budget. */
export function sourceDefaults(s: Source): Partial<RnnForm> {
  if (!isTask(s)) return { hidden: '128', seqLen: '64', steps: '2000', lr: '0.002' };
  return { hidden: '64', seqLen: s === 'sine' ? '32' : s === 'adding' ? '50' : '8', steps: '3000', lr: '0.005' };
}

const KEY = 'gradlab.rnn.form';

export function loadForm(): RnnForm {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<RnnForm> | null;
    const f = { ...DEFAULT_FORM };
    if (saved && typeof saved === 'object') for (const k of Object.keys(DEFAULT_FORM) as (keyof RnnForm)[]) if (typeof saved[k] === 'string') (f as Record<string, string>)[k] = saved[k];
    if (!SOURCES.includes(f.source)) f.source = 'english';
    if (!['rnn', 'lstm', 'gru'].includes(f.cell)) f.cell = 'lstm';
    return f;
  } catch {
    return DEFAULT_FORM;
  }
}

export function saveForm(f: RnnForm): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(f.yours.length > 1_000_000 ? { ...f, yours: '' } : f));
  } catch {
    // a full storage keeps the last form: nothing is lost but the memory of this one
  }
}

export type ErrorKey = 'rnn.err.int' | 'rnn.err.rate' | 'rnn.err.number' | 'rnn.err.temperature' | 'rnn.err.text' | 'rnn.err.seq_len';
export type FieldErrors = Partial<Record<keyof RnnForm, { key: ErrorKey; vars?: Record<string, string | number> }>>;

const intIn = (s: string, min: number, max: number) => {
  const v = Number(s.trim());
  return s.trim() !== '' && Number.isInteger(v) && v >= min && v <= max ? v : null;
};
const numIn = (s: string, lo: number, hi: number, openLo: boolean) => {
  const v = Number(s.trim());
  return s.trim() !== '' && Number.isFinite(v) && (openLo ? v > lo : v >= lo) && v <= hi ? v : null;
};
export const temperatureOf = (s: string) => numIn(s, 0, 100, true);
export const topKOf = (s: string) => intIn(s, 0, 1e9);
export const rateOf = (s: string) => numIn(s, 0, 10, true);

/** The characters of a text (code points). */
export const characters = (text: string) => Array.from(text).length;

/** The form checked; `text` is the text trained on (the shipped one or the user's) when the source is a text. */
export function checkForm(f: RnnForm, text: string): { errors: FieldErrors; config: SeqLabConfig | null } {
  const errors: FieldErrors = {};
  const int = (k: keyof RnnForm, min: number, max: number) => {
    const v = intIn(f[k], min, max);
    if (v === null) errors[k] = { key: 'rnn.err.int', vars: { min, max } };
    return v;
  };
  const task = isTask(f.source);
  const embed = int('embed', 1, 4096);
  const hidden = int('hidden', 1, 4096);
  const seqLen = task ? int('seqLen', 2, 10_000) : int('seqLen', 1, 100_000);
  const batch = int('batch', 1, 65536);
  const steps = int('steps', 1, 10_000_000);
  const seed = int('seed', 0, Number.MAX_SAFE_INTEGER);
  const lr = rateOf(f.lr);
  if (lr === null) errors.lr = { key: 'rnn.err.rate' };
  const clip = numIn(f.clip, 0, Number.MAX_VALUE, false);
  if (clip === null) errors.clip = { key: 'rnn.err.number' };
  const temperature = temperatureOf(f.temperature);
  if (!task && temperature === null) errors.temperature = { key: 'rnn.err.temperature' };
  const topK = task ? 0 : int('topK', 0, 1e9);
  if (!task) {
    const n = characters(text);
    if (n < 30) errors.yours = { key: 'rnn.err.text' };
    const nTrain = n - Math.floor(n / 10); // the engine's training part (text.hpp): all but the last tenth
    if (n >= 30 && seqLen !== null && seqLen > nTrain - 1) errors.seqLen = { key: 'rnn.err.seq_len', vars: { n: nTrain - 1 } };
  }
  if (Object.keys(errors).length > 0) return { errors, config: null };
  const common = { cell: f.cell, embed: embed!, hidden: hidden!, seq_len: seqLen!, batch_size: batch!, steps: steps!, clip: clip!, seed: seed!, optimizer: { type: 'adam' as const, lr: lr! } };
  return { errors, config: task ? { task: f.source as TaskName, ...common } : { text, temperature: temperature!, top_k: topK!, ...common } };
}

/** The unigram entropy of a text's first 90 % in bits per character: what a model that ignores context scores. */
export function unigramBits(text: string): number {
  const chars = Array.from(text);
  const n = chars.length - Math.floor(chars.length / 10);
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) counts.set(chars[i]!, (counts.get(chars[i]!) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) h -= (c / n) * Math.log2(c / n);
  return h;
}

/** A sequence-task config (a lesson's preset, a preset file) as the form; null for what the form
 * cannot show (a text given inline, another optimizer than the form's). Missing values keep the defaults. */
export function rnnFormFromConfig(c: Record<string, unknown>): RnnForm | null {
  if (typeof c.task !== 'string' || !(SOURCES as readonly string[]).includes(c.task)) return null;
  const f: RnnForm = { ...DEFAULT_FORM, source: c.task as Source };
  const str = (v: unknown) => (typeof v === 'number' ? String(v) : undefined);
  if (c.cell === 'rnn' || c.cell === 'lstm' || c.cell === 'gru') f.cell = c.cell;
  f.embed = str(c.embed) ?? f.embed;
  f.hidden = str(c.hidden) ?? f.hidden;
  f.seqLen = str(c.seq_len) ?? f.seqLen;
  f.batch = str(c.batch_size) ?? f.batch;
  f.steps = str(c.steps) ?? f.steps;
  f.lr = str((c.optimizer as { lr?: unknown } | undefined)?.lr) ?? f.lr;
  f.clip = str(c.clip) ?? f.clip;
  f.seed = str(c.seed) ?? f.seed;
  return f;
}
