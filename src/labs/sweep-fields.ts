/**
 * What a sweep may vary, in words: each lab's descriptor lists its hyper-parameters as sweep fields
 * (a config path, its name in English and 简体中文, its kind, its choices, whether a log scale suits
 * it), so the sweep form shows a field per hyper-parameter and never asks for a config path. An
 * optimizer's fields come from the engine's catalog for its type (lr, β₁, weight decay…).
 */
import { OPTIMIZERS, type HyperMeta } from '../native/catalog.js';
import { getConfigValue, setConfigValue } from '../experiments/config-path.js';
import type { Names } from './kit.js';

export type SweepFieldKind = 'number' | 'integer' | 'boolean' | 'choice';

export interface SweepField {
  /** the config path it sets ("optimizer.lr", "optimizers[1].beta", "batch_size") */
  path: string;
  label: Names;
  kind: SweepFieldKind;
  /** the values a choice field takes */
  choices?: readonly string[];
  /** whether its values are best spread on a log scale (learning rates, batch sizes) */
  log?: boolean;
  /** the engine's value when the config leaves it out, where one value holds for every config */
  default?: number | boolean | string;
  /** the catalog's one-line description (English; the renderer translates catalog text) */
  doc?: string;
}

type Extra = Partial<Pick<SweepField, 'choices' | 'log' | 'doc'>>;

/** One field; `en`/`zh` its name. */
export function field(path: string, en: string, zh: string, kind: SweepFieldKind, def?: number | boolean | string, extra: Extra = {}): SweepField {
  return { path, label: { en, zh }, kind, ...(def !== undefined ? { default: def } : {}), ...extra };
}

export const choice = (path: string, en: string, zh: string, choices: readonly string[], def?: string): SweepField =>
  field(path, en, zh, 'choice', def ?? choices[0]!, { choices });

const HYPER_NAMES: Record<string, Names> = {
  lr: { en: 'learning rate', zh: '学习率' },
  weight_decay: { en: 'weight decay', zh: '权重衰减' },
  beta: { en: 'β', zh: 'β' },
  beta1: { en: 'β₁', zh: 'β₁' },
  beta2: { en: 'β₂', zh: 'β₂' },
  eps: { en: 'ε', zh: 'ε' },
  rho: { en: 'ρ', zh: 'ρ' },
  bias_correction: { en: 'bias correction', zh: '偏差修正' },
  momentum_decay: { en: 'momentum decay ψ', zh: '动量衰减 ψ' },
};
const LOG_HYPERS = new Set(['lr', 'eps', 'weight_decay']);

function hyperField(prefix: string, h: HyperMeta, owner: Names | null): SweepField {
  const name = HYPER_NAMES[h.name] ?? { en: h.name.replace(/_/g, ' '), zh: h.name };
  const label = owner ? { en: `${owner.en} · ${name.en}`, zh: `${owner.zh} · ${name.zh}` } : name;
  return { path: `${prefix}.${h.name}`, label, kind: h.kind, default: h.default, doc: h.doc, ...(LOG_HYPERS.has(h.name) ? { log: true } : {}) };
}

/**
 * The fields of the optimizer at `prefix` ("optimizer", "optimizers[0]"): its type, then the catalog's
 * hyper-parameters of the type it has in `config` (`fallbackType` when it names none). `owner` names
 * it when a lab has several ("adam 1").
 */
export function optimizerFields(config: unknown, prefix: string, fallbackType: string, owner: Names | null = null): SweepField[] {
  const spec = getConfigValue(config, prefix) as { type?: unknown } | undefined;
  const type = typeof spec?.type === 'string' ? spec.type : fallbackType;
  const meta = OPTIMIZERS.find((o) => o.type === type) ?? OPTIMIZERS.find((o) => o.type === fallbackType)!;
  const typeName = owner ? { en: `${owner.en} · optimizer`, zh: `${owner.zh} · 优化器` } : { en: 'optimizer', zh: '优化器' };
  return [
    { path: `${prefix}.type`, label: typeName, kind: 'choice', choices: OPTIMIZERS.map((o) => o.type), default: meta.type },
    ...(meta.hypers as readonly HyperMeta[]).map((h) => hyperField(prefix, h, owner)),
  ];
}

/** The value a field has in a config, or its default when the config leaves it out (undefined: the engine picks). */
export function fieldValue(config: unknown, f: SweepField): number | boolean | string | undefined {
  const v = getConfigValue(config, f.path);
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : f.default;
}

export const seedField = (): SweepField => field('seed', 'seed', '随机种子', 'integer', 1);

/**
 * The base a sweep starts from, with each optimizer's type written out where the config leaves it to
 * the engine (`{}` → `{optimizer: {type: "adam"}}`), so that a point setting `optimizer.lr` makes a
 * whole optimizer spec. Nothing else changes.
 */
export function explicitBase(config: Record<string, unknown>, fields: readonly SweepField[]): Record<string, unknown> {
  let out: unknown = config;
  for (const f of fields)
    if (f.kind === 'choice' && f.path.endsWith('.type') && f.default !== undefined && getConfigValue(out, f.path) === undefined) out = setConfigValue(out, f.path, f.default);
  return out as Record<string, unknown>;
}
