// The attention lab's plain logic: the form into the session's config (whose schema must accept it),
// each bad field named, and typed prompts parsed as the session takes them (or refused).
import { describe, expect, it } from 'vitest';

import { AttentionLabConfigSchema } from '../../src/native/attention-schema';
import { checkForm, DEFAULT_FORM, parsePrompt } from '../../app/renderer/src/views/attention/attentionForm';
import { weightColor } from '../../app/renderer/src/views/attention/MatrixCanvas';
import { queryNumbers } from '../../app/renderer/src/views/attention/queryNumbers';

describe('the attention form', () => {
  it('a task and a text become configs the schema accepts', () => {
    const task = checkForm(DEFAULT_FORM, '');
    expect(task.errors).toEqual({});
    expect(task.config).toMatchObject({ task: 'sort', length: 8, vocab: 8, layers: 2, heads: 4, dim: 64, positions: 'sinusoidal', optimizer: { lr: 0.001 } });
    expect(AttentionLabConfigSchema.safeParse(task.config).success).toBe(true);
    const add = checkForm({ ...DEFAULT_FORM, source: 'addition', length: '3' }, '');
    expect(add.config).not.toHaveProperty('vocab');
    expect(AttentionLabConfigSchema.safeParse(add.config).success).toBe(true);
    const text = 'abcdefghij'.repeat(10);
    const t = checkForm({ ...DEFAULT_FORM, source: 'english', seqLen: '32' }, text);
    expect(t.config).toMatchObject({ text, seq_len: 32 });
    expect(AttentionLabConfigSchema.safeParse(t.config).success).toBe(true);
  });

  it('names each bad field', () => {
    const { errors } = checkForm({ ...DEFAULT_FORM, heads: '3', dim: '64', dropout: '1', lr: '0', length: '1' }, '');
    expect(errors.dim).toEqual({ key: 'attn.err.heads', vars: { heads: 3 } });
    expect(errors.dropout?.key).toBe('attn.err.dropout');
    expect(errors.lr?.key).toBe('attn.err.rate');
    expect(errors.length).toEqual({ key: 'attn.err.int', vars: { min: 2, max: 256 } });
    // 100 characters: the training part 90, so the context at most 89
    expect(checkForm({ ...DEFAULT_FORM, source: 'english', seqLen: '90' }, 'x'.repeat(100)).errors.seqLen).toEqual({ key: 'attn.err.seq_len', vars: { n: 89 } });
  });

  it('prompts: a task takes L symbols of the vocabulary, addition two L-digit numbers, a text its characters', () => {
    const f = { ...DEFAULT_FORM, length: '4', vocab: '5' };
    expect(parsePrompt(f, '3 1 4 1')).toEqual([3, 1, 4, 1]);
    expect(parsePrompt(f, '3,1,4,1')).toEqual([3, 1, 4, 1]);
    expect(parsePrompt(f, '3 1 4')).toBeNull();
    expect(parsePrompt(f, '3 1 4 5')).toBeNull();
    const a = { ...DEFAULT_FORM, source: 'addition' as const, length: '2' };
    expect(parsePrompt(a, '47 58')).toEqual([4, 7, 5, 8]);
    expect(parsePrompt(a, '47+58')).toEqual([4, 7, 5, 8]);
    expect(parsePrompt(a, '470 58')).toBeNull();
    const t = { ...DEFAULT_FORM, source: 'english' as const, seqLen: '4' };
    expect(parsePrompt(t, 'the c')).toBe('the c');
    expect(parsePrompt(t, 'the ca')).toBeNull();
    expect(parsePrompt(t, 'x')).toBeNull();
  });

  it('weights from white to blue', () => {
    expect(weightColor(0)).toEqual([255, 255, 255]);
    expect(weightColor(1)).toEqual([30, 95, 225]);
    expect(weightColor(2)).toEqual([30, 95, 225]);
  });

  it('a query worked out by hand: scores q·k/√d, their softmax, the weighted sum of the values', () => {
    // one layer, two positions, dim 4 with 2 heads (d = 2); rows: q (4), k (4), v (4)
    const qkv = [
      /* t=0 */ 1, 0, 0, 0, /* k */ 1, 0, 0, 0, /* v */ 2, 0, 0, 0,
      /* t=1 */ 0, 2, 0, 0, /* k */ 0, 1, 0, 0, /* v */ 0, 4, 0, 0,
    ];
    const n = queryNumbers(qkv, 2, 4, 2, 0, 0, 1); // head 0, query at position 1: q = (0, 2)
    expect(n.scores[0]).toBeCloseTo(0, 12); // (0, 2)·(1, 0)/√2
    expect(n.scores[1]).toBeCloseTo(2 / Math.SQRT2, 12); // (0, 2)·(0, 1)/√2
    const e = Math.exp(Math.SQRT2);
    expect(n.weights[0]).toBeCloseTo(1 / (1 + e), 12);
    expect(n.weights[1]).toBeCloseTo(e / (1 + e), 12);
    expect(n.sum[0]).toBeCloseTo((2 * 1) / (1 + e), 12); // Σ p_j v_j, first coordinate
    expect(n.sum[1]).toBeCloseTo((4 * e) / (1 + e), 12);
    expect(queryNumbers(qkv, 2, 4, 2, 0, 0, 0).weights).toEqual([1]); // the first position sees only itself
  });
});
