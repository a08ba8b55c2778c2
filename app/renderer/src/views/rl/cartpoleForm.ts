/**
 * The cart-pole's settings as typed, checked with the reason in the UI's words, turned into the
 * session's config (src/native/cartpole-schema.ts) and remembered on the machine.
 */
import { cartpoleLab } from '../../../../../src/labs/cartpole';
import { CARTPOLE_LEARNERS, type CartpoleLabConfig } from '../../../../../src/native/cartpole-schema';

export type Learner = (typeof CARTPOLE_LEARNERS)[number];
export const LEARNERS = CARTPOLE_LEARNERS;
export const CP_PRESETS = [...cartpoleLab.presets.map((p) => p.id), 'custom'] as const;

export interface CartpoleForm {
  preset: string;
  algo: Learner;
  episodes: string;
  target: string;
  lr: string;
  gamma: string;
  hidden: string;
  seed: string;
}

const lrOf = (a: Learner) => (a === 'dqn' ? '0.0005' : '0.01');

/** A lab config as the form; null when it is not a cart-pole's. */
export function cartpoleFormFromConfig(c: Record<string, unknown>, preset = 'custom'): CartpoleForm | null {
  if (c.algo !== undefined && !(LEARNERS as readonly string[]).includes(String(c.algo))) return null;
  const algo = (c.algo as Learner | undefined) ?? 'reinforce';
  const s = (v: unknown, d: string) => (typeof v === 'number' ? String(v) : d);
  return { preset, algo, episodes: s(c.episodes, '1000'), target: s(c.target, '475'), lr: s(c.lr, lrOf(algo)), gamma: s(c.gamma, '0.99'), hidden: s(c.hidden, '64'), seed: s(c.seed, '1') };
}

export function cartpolePreset(id: string): CartpoleForm {
  const p = cartpoleLab.presets.find((x) => x.id === id) ?? cartpoleLab.presets[0]!;
  return cartpoleFormFromConfig(p.config, p.id)!;
}

const KEY = 'gradlab.cartpole.form';
export function loadCartpoleForm(): CartpoleForm {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<CartpoleForm> | null;
    const f = cartpolePreset(cartpoleLab.presets[0]!.id);
    if (!saved || typeof saved !== 'object') return f;
    for (const k of Object.keys(f) as (keyof CartpoleForm)[]) if (typeof saved[k] === 'string') (f as unknown as Record<string, string>)[k] = saved[k];
    if (!(LEARNERS as readonly string[]).includes(f.algo)) f.algo = 'reinforce';
    if (!(CP_PRESETS as readonly string[]).includes(f.preset)) f.preset = 'custom';
    return f;
  } catch {
    return cartpolePreset(cartpoleLab.presets[0]!.id);
  }
}
export const saveCartpoleForm = (f: CartpoleForm) => localStorage.setItem(KEY, JSON.stringify(f));

export type CpErrors = Partial<Record<keyof CartpoleForm, { key: 'rl.err.int' | 'rl.err.unit' | 'rl.err.positive' | 'rl.err.finite'; vars?: Record<string, number> }>>;

export function checkCartpoleForm(f: CartpoleForm): { errors: CpErrors; config: CartpoleLabConfig | null } {
  const errors: CpErrors = {};
  const n = (s: string) => (s.trim() === '' ? NaN : Number(s.trim()));
  const int = (k: 'episodes' | 'hidden' | 'seed', min: number, max: number) => {
    const v = n(f[k]);
    if (!(Number.isInteger(v) && v >= min && v <= max)) errors[k] = { key: 'rl.err.int', vars: { min, max } };
    return v;
  };
  const episodes = int('episodes', 1, 1_000_000);
  const hidden = int('hidden', 1, 4096);
  const seed = int('seed', 0, 1_000_000_000);
  const lr = n(f.lr);
  if (!(lr > 0 && Number.isFinite(lr))) errors.lr = { key: 'rl.err.positive' };
  const gamma = n(f.gamma);
  if (!(gamma >= 0 && gamma <= 1)) errors.gamma = { key: 'rl.err.unit' };
  const target = n(f.target);
  if (!Number.isFinite(target)) errors.target = { key: 'rl.err.finite' };
  const config: CartpoleLabConfig = { algo: f.algo, episodes, target, lr, gamma, hidden, seed };
  return { errors, config: Object.keys(errors).length === 0 ? config : null };
}
