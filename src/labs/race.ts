/**
 * The optimizer race's descriptor (the lab kit: kit.ts): 2-D landscapes raced by several optimizers,
 * stream "race" member i = optimizer i (native/core/labs/race.hpp, src/native/race.ts).
 */
import type { Derivation } from '../experiments/derived.js';
import { OPTIMIZERS } from '../native/catalog.js';
import { RaceConfigSchema, RaceUpdateSchema } from '../native/schemas.js';
import type { LabDescriptor } from './kit.js';
import { field, optimizerFields, seedField } from './sweep-fields.js';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v));
const optimizerText = (o: Json) => `${String(o.type)}${o.lr !== undefined ? ` lr=${num(o.lr)}` : ''}`;

/** An optimizer's hyper-parameter as the engine will use it: the config's, else the engine's default. */
function hyper(o: Json, name: string): number {
  const v = o[name];
  if (typeof v === 'number' || typeof v === 'boolean') return Number(v);
  const meta = OPTIMIZERS.find((x) => x.type === o.type)?.hypers.find((h) => h.name === name);
  return Number(meta?.default);
}

/** Optimizers whose m and v follow Adam's running averages of the gradient (adam_base.hpp, nadam.cpp). */
const ADAM_MOMENTS = ['adam', 'adamw', 'amsgrad', 'nadam'];

/**
 * What the engine computes from other columns of a race member's rows (race.cpp, adam_base.hpp):
 * ‖∇f‖ = norm2(gx, gy) (not with gradient noise: the store then finds the rule missing and keeps the
 * values), and for the Adam family m, v from the gradient column and m̂, v̂ = m/(1 − β1ᵗ), v/(1 − β2ᵗ).
 */
function derivedSeries(c: Json): Record<string, Derivation> {
  const out: Record<string, Derivation> = {};
  const opts = Array.isArray(c.optimizers) ? (c.optimizers as Json[]) : [];
  opts.forEach((o, i) => {
    const n = (column: string) => `race${i === 0 ? '' : i}_${column}`; // series-names.ts seriesName
    out[n('gnorm')] = { op: 'norm2', src: [n('gx'), n('gy')] };
    if (!ADAM_MOMENTS.includes(String(o.type))) return;
    const b1 = hyper(o, 'beta1'),
      b2 = hyper(o, 'beta2');
    const corrected = o.type === 'nadam' || hyper(o, 'bias_correction') !== 0; // off: m̂ = m/1, as β = 0 gives
    for (const xy of ['x', 'y']) {
      out[n(`m_${xy}`)] = { op: 'ema', src: [n(`g${xy}`)], beta: b1 };
      out[n(`v_${xy}`)] = { op: 'ema_sq', src: [n(`g${xy}`)], beta: b2 };
      if (o.type !== 'nadam') out[n(`m_hat_${xy}`)] = { op: 'bias', src: [n(`m_${xy}`)], beta: corrected ? b1 : 0 };
      out[n(`v_hat_${xy}`)] = { op: 'bias', src: [n(`v_${xy}`)], beta: corrected ? b2 : 0 };
    }
  });
  return out;
}

export const raceLab: LabDescriptor = {
  id: 'race',
  names: { en: 'Optimizer race', zh: '优化器竞赛' },
  configSchema: RaceConfigSchema,
  updateSchema: RaceUpdateSchema,
  defaults: { function: 'rosenbrock', steps: 500, optimizers: [{ type: 'adam', lr: 0.01 }] },
  presets: [
    { id: 'rosenbrock', names: { en: 'Adam and momentum on Rosenbrock', zh: 'Rosenbrock 函数上的 Adam 与动量法' }, config: { function: 'rosenbrock', steps: 500, optimizers: [{ type: 'adam', lr: 0.01 }, { type: 'momentum', lr: 0.001, beta: 0.9 }] } },
  ],
  series: [
    { stream: 'race', column: 'f', label: { en: 'f(x, y)', zh: 'f(x, y)' }, better: 'min' },
    { stream: 'race', column: 'x', label: { en: 'x', zh: 'x' }, better: null },
    { stream: 'race', column: 'y', label: { en: 'y', zh: 'y' }, better: null },
    { stream: 'race', column: 'gx', label: { en: '∂f/∂x', zh: '∂f/∂x' }, better: null },
    { stream: 'race', column: 'gy', label: { en: '∂f/∂y', zh: '∂f/∂y' }, better: null },
    { stream: 'race', column: 'gnorm', label: { en: '‖∇f‖', zh: '‖∇f‖' }, better: 'min' },
    { stream: 'race', column: 'lr', label: { en: 'learning rate', zh: '学习率' }, better: null },
  ],
  streams: { race: { epochs: null } },
  keyHypers(c) {
    const fn = (typeof c.function === 'string' ? { name: c.function } : (c.function ?? {})) as Json;
    const opts = Array.isArray(c.optimizers) ? (c.optimizers as Json[]).map(optimizerText).join(', ') : '';
    return `${String(fn.name ?? fn.formula)}: ${opts}`;
  },
  runName(c) {
    const fn = (typeof c.function === 'string' ? { name: c.function } : (c.function ?? {})) as Json;
    const land = fn.name !== undefined ? String(fn.name) : `f = ${String(fn.formula ?? '?').slice(0, 40)}`;
    const opts = Array.isArray(c.optimizers) ? (c.optimizers as Json[]).map((o) => `${String(o.type)}${o.lr !== undefined ? ` ${num(o.lr)}` : ''}`).join(' vs ') : '';
    return `${land} · ${opts}`;
  },
  memberName(_stream, index, c, lang) {
    const o = Array.isArray(c?.optimizers) ? ((c.optimizers as Json[])[index] ?? null) : null;
    if (!o) return lang === 'en' ? `optimizer ${index + 1}` : `优化器 ${index + 1}`;
    if (typeof o.name === 'string' && o.name !== '') return o.name;
    return `${String(o.type)}${o.lr !== undefined ? ` ${num(o.lr)}` : ''}`;
  },
  derivedSeries,
  keyMetrics: ['race{i}_f'],
  sweepPath: 'optimizers[0].lr',
  sweepable: /^(optimizers\[\d+\]\.[a-z_0-9]+|steps|seed|noise(\.sigma)?|start\[[01]\])$/,
  sweepFields(c) {
    const opts = Array.isArray(c.optimizers) ? (c.optimizers as Json[]) : [{ type: 'adam' }];
    return [
      ...opts.flatMap((o, i) => optimizerFields(c, `optimizers[${i}]`, 'adam', { en: `${String(o.type)} ${i + 1}`, zh: `${String(o.type)} ${i + 1}` })),
      field('steps', 'steps', '步数', 'integer', 1000, { log: true }),
      // a start point's coordinates, when the config gives one (one of them alone is no start)
      ...(Array.isArray(c.start) ? [field('start[0]', 'start x', '起点 x', 'number'), field('start[1]', 'start y', '起点 y', 'number')] : []),
      field('noise.sigma', 'gradient noise σ', '梯度噪声 σ', 'number'),
      seedField(),
    ];
  },
  frames: [],
  probe: false,
  weights: false,
  updateChanges(update, config) {
    const out: Record<string, number | boolean> = {};
    // no `optimizer`: the engine changes every optimizer of the race
    const count = Array.isArray(config?.optimizers) ? config.optimizers.length : 1;
    const members = typeof update.optimizer === 'number' ? [update.optimizer] : Array.from({ length: count }, (_, i) => i);
    for (const [k, v] of Object.entries((update.set ?? {}) as Record<string, number | boolean>)) for (const m of members) out[`optimizers[${m}].${k}`] = v;
    const noise = update.noise as { sigma?: number } | undefined;
    if (noise?.sigma !== undefined) out['noise.sigma'] = noise.sigma;
    return out;
  },
  seed: (c) => (c as { seed?: number }).seed ?? null,
  seedPath: 'seed',
  outcome(s) {
    const sum = s as { status?: string; optimizers?: { status?: string }[] };
    const all = sum.optimizers ?? [];
    if (sum.status === 'stopped') return { status: 'stopped', labStatus: 'stopped' };
    if (all.length > 0 && all.every((o) => o.status === 'diverged')) return { status: 'diverged', labStatus: 'diverged' };
    return { status: 'completed', labStatus: sum.status ?? 'completed' };
  },
};
