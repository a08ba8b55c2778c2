/**
 * The training lab's descriptor (the lab kit: kit.ts): a network (an MLP or a layer stack) on points,
 * curves or images (the training and CNN views), streams "train" (every step), "epoch" (every epoch)
 * and "layer" (member i = layer i) — native/core/labs/train.hpp, src/native/train.ts.
 */
import { TrainConfigSchema, TrainUpdateSchema } from '../native/schemas.js';
import { outcomeOfStatus, type LabDescriptor } from './kit.js';
import { choice, field, optimizerFields, seedField } from './sweep-fields.js';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v));

export const trainLab: LabDescriptor = {
  id: 'train',
  names: { en: 'Training', zh: '训练' },
  configSchema: TrainConfigSchema,
  updateSchema: TrainUpdateSchema,
  defaults: { dataset: 'spiral', model: { hidden: [16, 16] }, optimizer: { type: 'adam', lr: 0.01 }, batch_size: 32, epochs: 30, prediction: false },
  presets: [
    { id: 'spiral', names: { en: 'Spiral, 2 tanh layers', zh: '螺旋数据，两层 tanh' }, config: { dataset: 'spiral', model: { hidden: [16, 16] }, optimizer: { type: 'adam', lr: 0.01 }, epochs: 100 } },
    { id: 'digits_cnn', names: { en: 'Digits, two convolutions', zh: '手写数字，两层卷积' }, config: { dataset: { name: 'digits', train: 4000, test: 1000 }, model: { layers: [{ type: 'conv', out: 8, kernel: 3, pad: 1 }, 'relu', { type: 'maxpool', kernel: 2 }, { type: 'conv', out: 16, kernel: 3, pad: 1 }, 'relu', { type: 'maxpool', kernel: 2 }, 'flatten', 'linear'] }, optimizer: { type: 'adam', lr: 0.002 }, epochs: 3 } },
  ],
  series: [
    { stream: 'train', column: 'loss', label: { en: 'mini-batch loss', zh: '小批量损失' }, better: 'min' },
    { stream: 'train', column: 'lr', label: { en: 'learning rate', zh: '学习率' }, better: null },
    { stream: 'train', column: 'epoch', label: { en: 'epoch', zh: '轮（epoch）' }, better: null },
    { stream: 'epoch', column: 'epoch', label: { en: 'epoch', zh: '轮（epoch）' }, better: null },
    { stream: 'epoch', column: 'train_loss', label: { en: 'training loss', zh: '训练集损失' }, better: 'min' },
    { stream: 'epoch', column: 'test_loss', label: { en: 'test loss', zh: '测试集损失' }, better: 'min' },
    { stream: 'epoch', column: 'train_acc', label: { en: 'training accuracy', zh: '训练集准确率' }, unit: 'fraction', better: 'max' },
    { stream: 'epoch', column: 'test_acc', label: { en: 'test accuracy', zh: '测试集准确率' }, unit: 'fraction', better: 'max' },
    { stream: 'epoch', column: 'grad_norm', label: { en: 'gradient norm', zh: '梯度范数' }, better: null },
    { stream: 'epoch', column: 'weight_norm', label: { en: 'weight norm', zh: '权重范数' }, better: null },
    { stream: 'epoch', column: 'ms_per_step', label: { en: 'ms per step', zh: '每步毫秒' }, unit: 'ms', better: null },
    { stream: 'layer', column: 'epoch', label: { en: 'epoch', zh: '轮（epoch）' }, better: null },
    { stream: 'layer', column: 'weight_norm', label: { en: 'layer weight norm', zh: '层权重范数' }, better: null },
    { stream: 'layer', column: 'grad_norm', label: { en: 'layer gradient norm', zh: '层梯度范数' }, better: null },
  ],
  streams: { train: { epochs: 'steps' }, epoch: { epochs: 'column' }, layer: { epochs: 'column' } },
  memberName: (stream, index, _c, lang) => (stream !== 'layer' ? null : lang === 'en' ? `layer ${index + 1}` : `第 ${index + 1} 层`),
  keyHypers(c) {
    const data = (typeof c.dataset === 'string' ? { name: c.dataset } : (c.dataset ?? {})) as Json;
    const model = (c.model ?? {}) as Json;
    const shape = Array.isArray(model.hidden)
      ? ` [${(model.hidden as number[]).join('x') || 'linear'}]`
      : Array.isArray(model.layers)
        ? ` [${(model.layers as unknown[]).length} layers]`
        : '';
    const o = (c.optimizer ?? {}) as Json;
    const opt = `${String(o.type ?? 'adam')}${o.lr !== undefined ? ` lr=${num(o.lr)}` : ''}`;
    const batch = c.batch_size === 0 ? 'full' : String(c.batch_size ?? 'default');
    return `${String(data.name)}${shape} ${opt} batch=${batch} epochs=${String(c.epochs)}`;
  },
  runName(c) {
    const ds = c.dataset as Json | string | undefined;
    const data = typeof ds === 'string' ? ds : String(ds?.name ?? 'data');
    const opt = (c.optimizer ?? { type: 'adam' }) as Json;
    const model = c.model as Json | undefined;
    const net = Array.isArray(model?.layers) ? `${(model!.layers as unknown[]).length} layers` : Array.isArray(model?.hidden) ? (model!.hidden as number[]).join('-') || 'linear' : '';
    return [data, `${String(opt.type)}${opt.lr !== undefined ? ` ${num(opt.lr)}` : ''}`, net].filter(Boolean).join(' · ');
  },
  keyMetrics: ['epoch_test_loss', 'epoch_test_acc'],
  sweepPath: 'optimizer.lr',
  sweepable: /^(optimizer\.[a-z_0-9]+|optimizer\.schedule\.[a-z_]+|batch_size|epochs|seed|l1|l2|model\.(hidden\[\d+\]|dropout|activation)|dataset\.[a-z_]+)$/,
  sweepFields(c) {
    const model = (c.model ?? {}) as Json;
    const mlp = !Array.isArray(model.layers);
    const hidden = mlp && Array.isArray(model.hidden) ? (model.hidden as unknown[]) : [];
    return [
      ...optimizerFields(c, 'optimizer', 'adam'),
      field('batch_size', 'batch size', '批大小', 'integer', undefined, { log: true }),
      field('epochs', 'epochs', '轮数', 'integer', 100),
      field('l2', 'L2 penalty λ', 'L2 惩罚 λ', 'number', 0),
      field('l1', 'L1 penalty λ', 'L1 惩罚 λ', 'number', 0),
      ...(mlp
        ? [
            ...hidden.map((_, i) => field(`model.hidden[${i}]`, `hidden layer ${i + 1} width`, `第 ${i + 1} 隐藏层宽度`, 'integer', undefined, { log: true })),
            choice('model.activation', 'activation', '激活函数', ['relu', 'leaky_relu', 'tanh', 'sigmoid', 'gelu', 'softplus', 'identity'], 'tanh'),
            field('model.dropout', 'dropout', 'dropout 比例', 'number', 0),
          ]
        : []),
      seedField(),
    ];
  },
  frames: ['prediction', 'examples', 'filters', 'features', 'confusion', 'evaluation'],
  probe: true,
  probeSettings: { frames: { gallery: 0 } },
  weights: true,
  updateChanges(update) {
    const out: Record<string, number | boolean> = {};
    for (const [k, v] of Object.entries((update.set ?? {}) as Record<string, number | boolean>)) out[`optimizer.${k}`] = v;
    if (typeof update.epochs === 'number') out.epochs = update.epochs;
    return out;
  },
  seed: (c) => (c as { seed?: number }).seed ?? null,
  seedPath: 'seed',
  outcome: outcomeOfStatus,
};
