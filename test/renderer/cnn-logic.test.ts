// The CNN lab's pure logic: a drawn digit prepared as MNIST digits were (20×20 box, centre of mass at
// the centre), the frames cut into kernels, feature maps, predictions and the confusion matrix, one
// convolution worked out by hand, and the form's checks.
import { describe, expect, it } from 'vitest';

import { checkForm, DEFAULT_FORM, toConfig } from '../../app/renderer/src/views/cnn/cnnForm';
import { cellExamples, confidentlyWrong, confusionMatrix, convAt, features, filterLayers, plane, predictions } from '../../app/renderer/src/views/cnn/frames';
import { centreOfMass, prepareDigit } from '../../app/renderer/src/views/cnn/preprocess';

const frame = (name: string, shape: number[], data: number[], meta: Record<string, unknown> = {}) => ({ name, step: 0, meta, shape, data: Float32Array.from(data) });

describe('prepareDigit', () => {
  it('fits a tall bar into 20 rows, keeps its aspect ratio and puts its centre of mass at the centre', () => {
    // a 10×40 bar of ink in the top-left corner of a 100×100 drawing
    const ink = new Float32Array(100 * 100);
    for (let y = 0; y < 40; y++) for (let x = 0; x < 10; x++) ink[y * 100 + x] = 1;
    const d = prepareDigit(ink, 100, 100)!;
    const rows = new Set<number>();
    const cols = new Set<number>();
    for (let i = 0; i < 784; i++)
      if (d[i]! > 0) {
        rows.add(Math.floor(i / 28));
        cols.add(i % 28);
      }
    expect(rows.size).toBe(20); // 40 → 20
    expect(cols.size).toBe(5); // 10 → 5
    const [cx, cy] = centreOfMass(d, 28);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...d)).toBe(1);
  });
  it('returns null for an empty drawing', () => {
    expect(prepareDigit(new Float32Array(16), 4, 4)).toBeNull();
  });
});

describe('frames', () => {
  it('cuts kernels, feature maps, predictions and the confusion matrix', () => {
    const filt = filterLayers(frame('filters', [8], [1, 2, 3, 4, 5, 6, 7, 8], { layers: [{ index: 0, name: 'layers.0', shape: [2, 1, 2, 2], offset: 0, bias: [0.5, -1] }] }));
    expect(filt[0]!.shape).toEqual([2, 1, 2, 2]);
    expect(Array.from(filt[0]!.weights.subarray(4))).toEqual([5, 6, 7, 8]);
    const f = features(
      frame('features', [9 + 8], [...Array.from({ length: 9 }, (_, i) => i), ...Array.from({ length: 8 }, (_, i) => 10 + i)], {
        source: 'example', example: 3, label: 7, probs: [0.25, 0.75],
        layers: [{ index: -1, describe: 'input', shape: [1, 3, 3], offset: 0 }, { index: 0, describe: 'conv 1→2 2×2', shape: [2, 2, 2], offset: 9 }],
      }),
    );
    expect(f.example).toBe(3);
    expect(Array.from(plane(f.layers[1]!.values, f.layers[1]!.shape, 1).values)).toEqual([14, 15, 16, 17]);
    // output (0, 1) of kernel 1 at stride 1, no padding: window [[1, 2], [4, 5]] · kernel [[5, 6], [7, 8]] − 1
    const r = convAt(f.layers[0]!.values, [1, 3, 3], filt[0]!, 1, 0, 1, 1, 0);
    expect(r.window[0]).toEqual([[1, 2], [4, 5]]);
    expect(r.sum).toBe(1 * 5 + 2 * 6 + 4 * 7 + 5 * 8 - 1);
    // with padding 1 the window at (0, 0) reaches outside: zeros there
    expect(convAt(f.layers[0]!.values, [1, 3, 3], filt[0]!, 0, 0, 0, 1, 1).window[0]).toEqual([[0, 0], [0, 0]]);
    const preds = predictions(frame('evaluation', [3, 3], [1, 0.9, 0.05, 0, 0.6, 0.6, 1, 0.99, 0.005]));
    const labels = [0, 0, 2];
    expect(cellExamples(labels, preds, 0, 1)).toEqual([0]);
    expect(confidentlyWrong(labels, preds, 5)).toEqual([2, 0]); // both wrong, surest first
    expect(confusionMatrix(frame('confusion', [2, 2], [5, 1, 2, 7]))).toEqual([[5, 1], [2, 7]]);
  });
});

describe('the form', () => {
  it('accepts the defaults and names every bad field', () => {
    const ok = checkForm(DEFAULT_FORM);
    expect(ok.errors).toEqual({});
    expect(ok.shapes!.reduce((a, s) => a + s.parameters, 0)).toBe(9098);
    const bad = checkForm({ ...DEFAULT_FORM, train: '9000', test: '2000', lr: '-1', batch: '0', epochs: '2.5', model: 'conv(8,3) relu linear' });
    expect(Object.keys(bad.errors).sort()).toEqual(['batch', 'epochs', 'lr', 'model', 'test']);
    expect(bad.errors.test!.key).toBe('cnn.err.total');
    expect(bad.modelError).toMatch(/add flatten before it/);
    expect(checkForm({ ...DEFAULT_FORM, batch: '5000', train: '4000' }).errors.batch!.key).toBe('cnn.err.batch');
  });
  it('makes a config with a cosine decay over the whole run', () => {
    const c = toConfig({ ...DEFAULT_FORM, train: '1000', batch: '32', epochs: '3' }, checkForm(DEFAULT_FORM).layers!);
    expect(c.optimizer).toEqual({ type: 'adam', lr: 0.002, schedule: { type: 'cosine', total: 32 * 3 } });
    expect(c.dataset).toEqual({ name: 'digits', train: 1000, test: 1000, seed: 1 });
    expect(c.augment).toBeUndefined();
  });
  it('turns the augmentation choice into the engine\'s augment', () => {
    const layers = checkForm(DEFAULT_FORM).layers!;
    expect(toConfig({ ...DEFAULT_FORM, augment: 'shift2' }, layers).augment).toEqual({ shift: 2 });
    expect(toConfig({ ...DEFAULT_FORM, augment: 'shift2flip' }, layers).augment).toEqual({ shift: 2, flip: true });
  });
});
