/**
 * The RNN lab's descriptor (the lab kit: kit.ts): an RNN, LSTM or GRU learning a text character by
 * character, or a sequence task with a known answer, live. Streams "batch" (every step: loss, bpc) and
 * "eval" (held-out loss and bpc, accuracy or mean squared error); frames "gradients", "sample",
 * "hidden" and "example" — native/core/labs/seq.hpp, src/native/seq.ts.
 */
import { SEQ_CELLS, SeqLabConfigSchema, SeqLabUpdateSchema } from '../native/seq-schema.js';
import { outcomeOfStatus, type LabDescriptor } from './kit.js';
import { choice, field, optimizerFields, seedField } from './sweep-fields.js';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v));
const source = (c: Json) => (typeof c.task === 'string' ? c.task : typeof c.text === 'string' ? `text (${c.text.length} chars)` : 'text');

export const seqLab: LabDescriptor = {
  id: 'seq',
  names: { en: 'RNN', zh: '循环神经网络' },
  configSchema: SeqLabConfigSchema,
  updateSchema: SeqLabUpdateSchema,
  defaults: { task: 'parity', seq_len: 8, steps: 200 },
  presets: [
    { id: 'copy', names: { en: 'Copy 8 symbols (LSTM)', zh: '复制 8 个符号（LSTM）' }, config: { task: 'copy', steps: 3000 } },
    { id: 'adding', names: { en: 'The adding problem, 50 steps', zh: '加法问题，50 个时间步' }, config: { task: 'adding', steps: 3000 } },
    { id: 'rnn_copy', names: { en: 'Copy with a plain RNN: gradients vanish', zh: '用普通 RNN 复制：梯度消失' }, config: { task: 'copy', cell: 'rnn', seq_len: 20, steps: 3000 } },
  ],
  series: [
    { stream: 'batch', column: 'step', label: { en: 'step', zh: '步' }, better: null },
    { stream: 'batch', column: 'loss', label: { en: 'mini-batch loss', zh: '小批量损失' }, unit: 'nats', better: 'min' },
    { stream: 'batch', column: 'bpc', label: { en: 'mini-batch bits per character', zh: '小批量每字符比特数' }, unit: 'bits', better: 'min' },
    { stream: 'eval', column: 'step', label: { en: 'step', zh: '步' }, better: null },
    { stream: 'eval', column: 'val_loss', label: { en: 'validation loss', zh: '验证集损失' }, unit: 'nats', better: 'min' },
    { stream: 'eval', column: 'val_bpc', label: { en: 'validation bits per character', zh: '验证集每字符比特数' }, unit: 'bits', better: 'min' },
    { stream: 'eval', column: 'acc', label: { en: 'held-out accuracy', zh: '留出集准确率' }, unit: 'fraction', better: 'max' },
    { stream: 'eval', column: 'val_mse', label: { en: 'held-out mean squared error', zh: '留出集均方误差' }, better: 'min' },
  ],
  streams: { batch: { epochs: null }, eval: { epochs: null } },
  keyHypers(c) {
    const o = (c.optimizer ?? {}) as Json;
    return `${source(c)} ${String(c.cell ?? 'lstm')} h=${String(c.hidden ?? (c.task ? 64 : 128))} T=${String(c.seq_len ?? 'default')} lr=${num(o.lr ?? (c.task ? 0.005 : 0.002))} steps=${String(c.steps ?? (c.task ? 3000 : 2000))}`;
  },
  runName(c) {
    return [source(c), String(c.cell ?? 'lstm'), `${String(c.steps ?? (c.task ? 3000 : 2000))} steps`].join(' · ');
  },
  keyMetrics: ['eval_val_loss', 'eval_val_bpc', 'eval_acc'],
  sweepPath: 'optimizer.lr',
  sweepable: /^(optimizer\.[a-z_0-9]+|cell|hidden|embed|seq_len|batch_size|steps|clip|seed|vocab)$/,
  sweepFields(c) {
    return [
      ...optimizerFields(c, 'optimizer', 'adam'),
      choice('cell', 'cell', '循环单元', SEQ_CELLS, 'lstm'),
      field('hidden', 'hidden size', '隐藏状态大小', 'integer', undefined, { log: true }),
      field('embed', 'embedding size', '嵌入维度', 'integer', undefined, { log: true }),
      field('seq_len', 'sequence length T', '序列长度 T', 'integer'),
      field('batch_size', 'batch size', '批大小', 'integer', undefined, { log: true }),
      field('steps', 'steps', '步数', 'integer', undefined, { log: true }),
      field('clip', 'gradient clipping norm', '梯度裁剪范数', 'number'),
      seedField(),
    ];
  },
  frames: ['gradients', 'sample', 'hidden', 'example'],
  probe: false,
  weights: false,
  updateChanges(update) {
    const out: Record<string, number | boolean> = {};
    const set = (update.set ?? {}) as Json;
    if (typeof set.lr === 'number') out['optimizer.lr'] = set.lr;
    const s = (update.sampling ?? {}) as Json;
    if (typeof s.temperature === 'number') out.temperature = s.temperature;
    if (typeof s.top_k === 'number') out.top_k = s.top_k;
    return out;
  },
  seed: (c) => (c as { seed?: number }).seed ?? 1,
  seedPath: 'seed',
  outcome: outcomeOfStatus,
};
