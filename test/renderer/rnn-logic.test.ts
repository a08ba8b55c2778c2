// The RNN lab's plain logic: the form checked field by field into the session's config (whose schema
// must accept it), the training part's length rule as the engine has it, the unigram baseline by hand,
// and the hidden strip's colours.
import { describe, expect, it } from 'vitest';

import { SeqLabConfigSchema } from '../../src/native/seq-schema';
import { checkForm, DEFAULT_FORM, sourceDefaults, unigramBits } from '../../app/renderer/src/views/rnn/rnnForm';
import { divergingColor } from '../../app/renderer/src/views/rnn/HiddenStrip';

const text = 'abcabcabcabcabcabcabcabcabcabcabcabcabcabc'; // 42 characters

describe('the RNN form', () => {
  it('a text becomes a config the schema accepts; a task drops the sampling settings', () => {
    const { config, errors } = checkForm({ ...DEFAULT_FORM, seqLen: '16' }, text);
    expect(errors).toEqual({});
    expect(config).toMatchObject({ text, cell: 'lstm', seq_len: 16, temperature: 0.8, top_k: 0, optimizer: { type: 'adam', lr: 0.002 } });
    expect(SeqLabConfigSchema.safeParse(config).success).toBe(true);
    const task = checkForm({ ...DEFAULT_FORM, source: 'adding', ...sourceDefaults('adding') }, '');
    expect(task.config).toMatchObject({ task: 'adding', seq_len: 50, hidden: 64, optimizer: { lr: 0.005 } });
    expect(task.config).not.toHaveProperty('temperature');
    expect(SeqLabConfigSchema.safeParse(task.config).success).toBe(true);
  });

  it('names each bad field; the sequence fits the training part (all but the last tenth)', () => {
    // 42 characters: the training part is 42 − 4 = 38, so at most 37 steps
    expect(checkForm({ ...DEFAULT_FORM, seqLen: '38' }, text).errors.seqLen).toEqual({ key: 'rnn.err.seq_len', vars: { n: 37 } });
    expect(checkForm({ ...DEFAULT_FORM, seqLen: '37' }, text).errors).toEqual({});
    expect(checkForm({ ...DEFAULT_FORM, source: 'yours' }, 'too short').errors.yours?.key).toBe('rnn.err.text');
    const { errors } = checkForm({ ...DEFAULT_FORM, seqLen: '16', hidden: '0', lr: 'x', clip: '-1', temperature: '0', topK: '1.5' }, text);
    expect(Object.keys(errors).sort()).toEqual(['clip', 'hidden', 'lr', 'temperature', 'topK']);
    expect(checkForm({ ...DEFAULT_FORM, source: 'copy', seqLen: '1' }, '').errors.seqLen).toEqual({ key: 'rnn.err.int', vars: { min: 2, max: 10000 } });
  });

  it('the unigram baseline: three equally frequent characters carry log2 3 bits', () => {
    expect(unigramBits('abc'.repeat(10))).toBeCloseTo(Math.log2(3), 12); // 30 characters: the first 27 counted, 9 of each
    expect(unigramBits('aaaaaaaaab' + 'b'.repeat(10))).toBeCloseTo(-(9 / 18) * Math.log2(9 / 18) * 2, 12); // 20: the first 18, 9 a and 9 b
  });

  it('hidden units as blue–white–red', () => {
    expect(divergingColor(0)).toEqual([255, 255, 255]);
    expect(divergingColor(1)).toEqual([255, 0, 0]);
    expect(divergingColor(-1)).toEqual([0, 0, 255]);
    expect(divergingColor(-0.5)).toEqual([128, 128, 255]);
    expect(divergingColor(NaN)).toEqual([255, 255, 255]);
  });
});
