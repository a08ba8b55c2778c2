/**
 * The GAN lab's descriptor (the lab kit: kit.ts): a generator and a discriminator trained against each
 * other on a 2-D distribution, live. Streams "batch" (every step: d_loss, g_loss) and "eval" (modes,
 * high-quality share, KL, JS); frame "gan" (real and generated points, D's field, the generator's pull
 * and its manifold). With a dataset, an image GAN: no "eval", frame "samples" (images of fixed noise)
 * — native/core/labs/gan.hpp, src/native/gan.ts.
 */
import { GAN_LOSSES, GanLabConfigSchema, GanLabUpdateSchema } from '../native/gan-schema.js';
import { outcomeOfStatus, type LabDescriptor } from './kit.js';
import { choice, field, seedField } from './sweep-fields.js';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v));
const widths = (v: unknown, fallback: string) => (Array.isArray(v) ? v.join('-') : fallback);
/** the 2-D distribution, or an image GAN's data set ("digits", "images") */
const dataOf = (c: Json) => (c.dataset === undefined ? String(c.data ?? 'ring8') : typeof c.dataset === 'string' ? c.dataset : String((c.dataset as Json).name ?? 'images'));

export const ganLab: LabDescriptor = {
  id: 'gan',
  names: { en: 'GAN', zh: '生成对抗网络' },
  configSchema: GanLabConfigSchema,
  updateSchema: GanLabUpdateSchema,
  defaults: { data: 'ring8', steps: 3000, seed: 1 },
  presets: [
    { id: 'ring8', names: { en: 'Eight Gaussians on a ring (every mode)', zh: '环上的 8 个高斯（覆盖全部模式）' }, config: { data: 'ring8', steps: 5000 } },
    {
      id: 'collapse',
      names: { en: 'Mode collapse: a weak generator, a strong discriminator', zh: '模式崩溃：弱生成器对强判别器' },
      config: { data: 'ring8', steps: 4000, pack: 1, schedule: 'constant', batch_size: 64, g_hidden: [16, 16], d_hidden: [256, 256] },
    },
    { id: 'wgan', names: { en: 'WGAN-GP on the 25-Gaussian grid', zh: 'WGAN-GP，25 个高斯的网格' }, config: { data: 'grid25', steps: 3000, loss: 'wgan-gp' } },
    { id: 'moons', names: { en: 'Two moons, least squares', zh: '双月数据，最小二乘' }, config: { data: 'moons', steps: 3000, loss: 'least-squares' } },
    { id: 'digits', names: { en: 'Handwritten digits: an image GAN', zh: '手写数字：图像生成对抗网络' }, config: { dataset: 'digits', steps: 5000 } },
  ],
  series: [
    { stream: 'batch', column: 'step', label: { en: 'step', zh: '步' }, better: null },
    { stream: 'batch', column: 'd_loss', label: { en: 'discriminator loss', zh: '判别器损失' }, better: null },
    { stream: 'batch', column: 'g_loss', label: { en: 'generator loss', zh: '生成器损失' }, better: null },
    { stream: 'eval', column: 'step', label: { en: 'step', zh: '步' }, better: null },
    { stream: 'eval', column: 'modes', label: { en: 'modes captured', zh: '覆盖的模式数' }, better: 'max' },
    { stream: 'eval', column: 'high_quality', label: { en: 'high-quality share', zh: '高质量样本占比' }, unit: 'fraction', better: 'max' },
    { stream: 'eval', column: 'kl', label: { en: 'KL(real ‖ generated)', zh: 'KL 散度（真实 ‖ 生成）' }, unit: 'nats', better: 'min' },
    { stream: 'eval', column: 'js', label: { en: 'JS divergence', zh: 'JS 散度' }, unit: 'nats', better: 'min' },
  ],
  streams: { batch: { epochs: null }, eval: { epochs: null } },
  keyHypers(c) {
    const images = c.dataset !== undefined;
    const lr = c.g_lr === undefined && c.d_lr === undefined ? '' : ` lr=${num(c.g_lr ?? 1e-3)}/${num(c.d_lr ?? (images ? 4e-4 : 1e-3))}`;
    return `${dataOf(c)} ${String(c.loss ?? 'non-saturating')} G[${widths(c.g_hidden, images ? '256-512' : '128-128')}] D[${widths(c.d_hidden, images ? '512-256' : '128-128')}] pack=${String(c.pack ?? 2)}${lr} steps=${String(c.steps ?? (images ? 40000 : 10000))}`;
  },
  runName(c) {
    return [dataOf(c), String(c.loss ?? 'non-saturating'), `${String(c.steps ?? (c.dataset !== undefined ? 40000 : 10000))} steps`].join(' · ');
  },
  keyMetrics: ['eval_modes', 'eval_high_quality', 'eval_js'],
  sweepPath: 'g_lr',
  sweepable: /^(g_lr|d_lr|loss|d_steps|pack|steps|batch_size|z_dim|seed|beta1|beta2|gp_lambda|g_hidden\[\d+\]|d_hidden\[\d+\])$/,
  sweepFields(c) {
    const widths = (key: 'g_hidden' | 'd_hidden', en: string, zh: string) =>
      (Array.isArray(c[key]) ? (c[key] as unknown[]) : []).map((_, i) => field(`${key}[${i}]`, `${en} layer ${i + 1} width`, `${zh}第 ${i + 1} 层宽度`, 'integer', undefined, { log: true }));
    return [
      field('g_lr', 'generator learning rate', '生成器学习率', 'number', undefined, { log: true }),
      field('d_lr', 'discriminator learning rate', '判别器学习率', 'number', undefined, { log: true }),
      choice('loss', 'loss', '损失函数', GAN_LOSSES, 'non-saturating'),
      field('d_steps', 'D steps per G step', '每次生成器更新的判别器步数', 'integer'),
      ...(c.loss === 'wgan-gp' ? [field('gp_lambda', 'gradient penalty λ', '梯度惩罚 λ', 'number')] : []),
      field('pack', 'packing', '打包数（pack）', 'integer'),
      field('z_dim', 'noise size z', '噪声维度 z', 'integer'),
      ...widths('g_hidden', 'generator', '生成器'),
      ...widths('d_hidden', 'discriminator', '判别器'),
      field('beta1', 'Adam β₁', 'Adam β₁', 'number'),
      field('beta2', 'Adam β₂', 'Adam β₂', 'number'),
      field('batch_size', 'batch size', '批大小', 'integer', undefined, { log: true }),
      field('steps', 'steps', '步数', 'integer', undefined, { log: true }),
      seedField(),
    ];
  },
  frames: ['gan', 'samples'],
  probe: false,
  weights: false,
  updateChanges(update) {
    const out: Record<string, number | boolean> = {};
    for (const [k, v] of Object.entries((update.set ?? {}) as Json)) if (typeof v === 'number') out[k] = v;
    return out;
  },
  seed: (c) => (c as { seed?: number }).seed ?? 1,
  seedPath: 'seed',
  outcome: outcomeOfStatus,
};
