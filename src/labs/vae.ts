/**
 * The VAE lab's descriptor (the lab kit: kit.ts): a variational autoencoder on the digits or any image
 * set, live. Streams "batch" (every step: loss, recon, kl) and "epoch" (train and test losses with
 * their parts, β); frames "latent", "manifold", "reconstructions", and "decoded" / "interpolation" for
 * probes — native/core/labs/vae.hpp, src/native/vae.ts.
 */
import { VAE_DECODERS, VaeLabConfigSchema, VaeLabUpdateSchema } from '../native/vae-schema.js';
import { outcomeOfStatus, type LabDescriptor } from './kit.js';
import { choice, field, optimizerFields, seedField } from './sweep-fields.js';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v));
const dataName = (d: unknown) => (typeof d === 'string' ? d : d && typeof d === 'object' ? String((d as Json).name ?? 'images') : 'digits');

export const vaeLab: LabDescriptor = {
  id: 'vae',
  names: { en: 'VAE', zh: '变分自编码器' },
  configSchema: VaeLabConfigSchema,
  updateSchema: VaeLabUpdateSchema,
  defaults: { dataset: { name: 'digits', train: 2000, test: 500 }, latent: 2, hidden: [64], epochs: 2 },
  presets: [
    { id: 'digits_2d', names: { en: 'Digits, a 2-D latent map', zh: '手写数字，二维潜空间' }, config: { dataset: 'digits', latent: 2, hidden: [256], epochs: 10 } },
    { id: 'beta4', names: { en: 'β = 4: a smoother, blurrier map', zh: 'β = 4：更平滑、更模糊的潜空间' }, config: { dataset: 'digits', latent: 2, hidden: [256], epochs: 10, beta: 4 } },
  ],
  series: [
    { stream: 'batch', column: 'step', label: { en: 'step', zh: '步' }, better: null },
    { stream: 'batch', column: 'epoch', label: { en: 'epoch', zh: '轮（epoch）' }, better: null },
    { stream: 'batch', column: 'loss', label: { en: 'mini-batch loss', zh: '小批量损失' }, unit: 'nats', better: 'min' },
    { stream: 'batch', column: 'recon', label: { en: 'reconstruction term', zh: '重构项' }, unit: 'nats', better: 'min' },
    { stream: 'batch', column: 'kl', label: { en: 'KL term', zh: 'KL 项' }, unit: 'nats', better: null },
    { stream: 'batch', column: 'beta', label: { en: 'β', zh: 'β' }, better: null },
    { stream: 'epoch', column: 'epoch', label: { en: 'epoch', zh: '轮（epoch）' }, better: null },
    { stream: 'epoch', column: 'step', label: { en: 'step', zh: '步' }, better: null },
    { stream: 'epoch', column: 'train_loss', label: { en: 'training −ELBO', zh: '训练集 −ELBO' }, unit: 'nats', better: 'min' },
    { stream: 'epoch', column: 'train_recon', label: { en: 'training reconstruction', zh: '训练集重构项' }, unit: 'nats', better: 'min' },
    { stream: 'epoch', column: 'train_kl', label: { en: 'training KL', zh: '训练集 KL' }, unit: 'nats', better: null },
    { stream: 'epoch', column: 'test_loss', label: { en: 'test −ELBO', zh: '测试集 −ELBO' }, unit: 'nats', better: 'min' },
    { stream: 'epoch', column: 'test_recon', label: { en: 'test reconstruction', zh: '测试集重构项' }, unit: 'nats', better: 'min' },
    { stream: 'epoch', column: 'test_kl', label: { en: 'test KL', zh: '测试集 KL' }, unit: 'nats', better: null },
    { stream: 'epoch', column: 'beta', label: { en: 'β', zh: 'β' }, better: null },
  ],
  streams: { batch: { epochs: 'column' }, epoch: { epochs: 'column' } },
  keyHypers(c) {
    const o = (c.optimizer ?? {}) as Json;
    const hidden = Array.isArray(c.hidden) ? (c.hidden as number[]).join('-') : '256';
    return `${dataName(c.dataset)} z=${String(c.latent ?? 2)} [${hidden}] β=${num(c.beta ?? 1)} ${String(o.type ?? 'adam')} lr=${num(o.lr ?? 0.001)} epochs=${String(c.epochs ?? 10)}`;
  },
  runName(c) {
    return [dataName(c.dataset), `z = ${String(c.latent ?? 2)}`, `β = ${num(c.beta ?? 1)}`].join(' · ');
  },
  keyMetrics: ['epoch_test_loss', 'epoch_test_kl'],
  sweepPath: 'beta',
  sweepable: /^(beta|latent|decoder|epochs|batch_size|seed|hidden\[\d+\]|optimizer\.[a-z_0-9]+|dataset\.[a-z_]+)$/,
  sweepFields(c) {
    return [
      field('beta', 'β (weight of the KL term)', 'β（KL 项的权重）', 'number', 1),
      field('latent', 'latent size', '潜空间维度', 'integer', 2),
      ...(Array.isArray(c.hidden) ? (c.hidden as unknown[]) : []).map((_, i) => field(`hidden[${i}]`, `hidden layer ${i + 1} width`, `第 ${i + 1} 隐藏层宽度`, 'integer', undefined, { log: true })),
      choice('decoder', 'decoder', '解码器', VAE_DECODERS, 'bernoulli'),
      ...optimizerFields(c, 'optimizer', 'adam'),
      field('epochs', 'epochs', '轮数', 'integer'),
      field('batch_size', 'batch size', '批大小', 'integer', undefined, { log: true }),
      seedField(),
    ];
  },
  frames: ['latent', 'manifold', 'reconstructions', 'decoded', 'interpolation'],
  probe: true,
  weights: true,
  updateChanges(update) {
    const out: Record<string, number | boolean> = {};
    const set = (update.set ?? {}) as Json;
    if (typeof set.beta === 'number') out.beta = set.beta;
    if (typeof set.lr === 'number') out['optimizer.lr'] = set.lr;
    return out;
  },
  seed: (c) => (c as { seed?: number }).seed ?? 1,
  seedPath: 'seed',
  outcome: outcomeOfStatus,
};
