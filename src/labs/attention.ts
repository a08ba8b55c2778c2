/**
 * The attention lab's descriptor (the lab kit: kit.ts): a decoder-only transformer learning copy,
 * reverse, sort, addition or a repeated pattern, or a text, live. Streams "batch" (every step: loss) and
 * "eval" (held-out loss, whole-sequence and token accuracy, or bits per character); frames "attention",
 * "by_position" and "positions" — native/core/labs/attention.hpp, src/native/attention.ts.
 */
import { AttentionLabConfigSchema, AttentionLabUpdateSchema } from '../native/attention-schema.js';
import { outcomeOfStatus, type LabDescriptor } from './kit.js';
import { choice, field, optimizerFields, seedField } from './sweep-fields.js';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v));
const source = (c: Json) => (typeof c.text === 'string' ? `text (${c.text.length} chars)` : `${String(c.task ?? 'copy')} L=${String(c.length ?? 8)}`);

export const attentionLab: LabDescriptor = {
  id: 'attention',
  names: { en: 'Attention', zh: '注意力机制' },
  configSchema: AttentionLabConfigSchema,
  updateSchema: AttentionLabUpdateSchema,
  defaults: { task: 'copy', length: 4, vocab: 4, steps: 200, dim: 32 },
  presets: [
    { id: 'sort', names: { en: 'Sort 8 symbols', zh: '排序 8 个符号' }, config: { task: 'sort', length: 8, vocab: 8, steps: 4000 } },
    { id: 'repeat', names: { en: 'A repeated pattern: induction heads', zh: '重复的模式：归纳头' }, config: { task: 'repeat', length: 12, vocab: 16, steps: 3000 } },
    { id: 'addition', names: { en: 'Add two 3-digit numbers', zh: '两个三位数相加' }, config: { task: 'addition', length: 3, steps: 4000 } },
  ],
  series: [
    { stream: 'batch', column: 'step', label: { en: 'step', zh: '步' }, better: null },
    { stream: 'batch', column: 'loss', label: { en: 'mini-batch loss', zh: '小批量损失' }, unit: 'nats', better: 'min' },
    { stream: 'eval', column: 'step', label: { en: 'step', zh: '步' }, better: null },
    { stream: 'eval', column: 'val_loss', label: { en: 'held-out loss', zh: '留出集损失' }, unit: 'nats', better: 'min' },
    { stream: 'eval', column: 'seq_acc', label: { en: 'whole-sequence accuracy', zh: '整条序列准确率' }, unit: 'fraction', better: 'max' },
    { stream: 'eval', column: 'token_acc', label: { en: 'token accuracy', zh: '词元准确率' }, unit: 'fraction', better: 'max' },
    { stream: 'eval', column: 'val_bpc', label: { en: 'validation bits per character', zh: '验证集每字符比特数' }, unit: 'bits', better: 'min' },
  ],
  streams: { batch: { epochs: null }, eval: { epochs: null } },
  keyHypers(c) {
    const o = (c.optimizer ?? {}) as Json;
    return `${source(c)} layers=${String(c.layers ?? 2)} heads=${String(c.heads ?? 4)} dim=${String(c.dim ?? 64)} lr=${num(o.lr ?? 0.001)} steps=${String(c.steps ?? 4000)}`;
  },
  runName(c) {
    return [source(c), `${String(c.layers ?? 2)}×${String(c.heads ?? 4)} heads`, `${String(c.steps ?? 4000)} steps`].join(' · ');
  },
  keyMetrics: ['eval_seq_acc', 'eval_token_acc', 'eval_val_bpc'],
  sweepPath: 'optimizer.lr',
  sweepable: /^(optimizer\.[a-z_0-9]+|layers|heads|dim|positions|dropout|length|vocab|batch_size|steps|clip|seed)$/,
  sweepFields(c) {
    return [
      ...optimizerFields(c, 'optimizer', 'adam'),
      field('layers', 'layers', '层数', 'integer', 2),
      field('heads', 'heads', '注意力头数', 'integer', 4),
      field('dim', 'model width', '模型维度', 'integer', 64, { log: true }),
      choice('positions', 'positional encoding', '位置编码', ['sinusoidal', 'learned'], 'sinusoidal'),
      field('dropout', 'dropout', 'dropout 比例', 'number', 0),
      field('batch_size', 'batch size', '批大小', 'integer', undefined, { log: true }),
      field('steps', 'steps', '步数', 'integer', undefined, { log: true }),
      field('clip', 'gradient clipping norm', '梯度裁剪范数', 'number'),
      seedField(),
    ];
  },
  frames: ['attention', 'qkv', 'by_position', 'positions'],
  probe: false,
  weights: false,
  updateChanges(update) {
    const set = (update.set ?? {}) as Json;
    const out: Record<string, number | boolean> = {};
    if (typeof set.lr === 'number') out['optimizer.lr'] = set.lr;
    return out;
  },
  seed: (c) => (c as { seed?: number }).seed ?? 1,
  seedPath: 'seed',
  outcome: outcomeOfStatus,
};
