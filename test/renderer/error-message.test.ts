// Errors in words (components/ErrorMessage.tsx, #11 defect 10): the config path and the code leave the
// sentence for a details line; a plain "Word:" is kept as text.
import { describe, expect, it } from 'vitest';

import { splitError } from '../../app/renderer/src/components/ErrorMessage';

describe('splitError', () => {
  it('takes the dotted or indexed path and the bracketed code out of the sentence', () => {
    expect(splitError('grid.function.formula: unexpected "^" at position 3 [FORMULA_SYNTAX]')).toEqual({ text: 'Unexpected "^" at position 3', where: 'grid.function.formula', code: 'FORMULA_SYNTAX' });
    expect(splitError('train.model.layers[2] (linear ?→10): expects flat features', 'INVALID_CONFIG')).toEqual({ text: 'Expects flat features', where: 'train.model.layers[2] (linear ?→10)', code: 'INVALID_CONFIG' });
    expect(splitError('iris.csv: line 3, column "y": expected a number')).toEqual({ text: 'Line 3, column "y": expected a number', where: 'iris.csv', code: null });
  });
  it('leaves a sentence without a path alone', () => {
    expect(splitError('Note: the host stopped')).toEqual({ text: 'Note: the host stopped', where: null, code: null });
    expect(splitError('the lab host is gone')).toEqual({ text: 'The lab host is gone', where: null, code: null });
  });
});
