// The training view's plain logic: the decision-boundary painter (cell order, row flip, colour blend by
// probability, opacity by confidence, bce frames), the drawn points' CSV, the form → TrainConfig (loss
// by data kind, full batch, prediction frames), the live numbers from the lab's streams, and the plot's
// coordinate mapping.
import { describe, expect, it } from 'vitest';

import { paintBoundary, predictedClasses, type PredictionFrameData } from '../../app/renderer/src/views/training/boundary';
import { drawnCsv, drawnReady } from '../../app/renderer/src/views/training/drawnData';
import { LiveRun } from '../../app/renderer/src/views/training/liveRun';
import { CLASS_RGB, parseColor } from '../../app/renderer/src/views/training/palette';
import { plotView } from '../../app/renderer/src/views/training/plotView';
import { batchFits, DEFAULT_FORM, lossChoices, loadForm, runName, toTrainConfig } from '../../app/renderer/src/views/training/trainForm';

const bounds = { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };

describe('paintBoundary', () => {
  // 2×2 grid, 2 classes; row 0 = ymin (bottom). Cells: (r0,c0) sure class 0, (r0,c1) sure class 1,
  // (r1,c0) undecided, (r1,c1) 75 % class 1.
  const frame: PredictionFrameData = { step: 5, shape: [2, 2, 2], meta: { bounds, classes: 2 }, data: new Float32Array([1, 0, 0, 1, 0.5, 0.5, 0.25, 0.75]) };
  const bg = parseColor('#ffffff');
  const out = new Uint8ClampedArray(2 * 2 * 4);
  paintBoundary(frame, bg, out);
  const px = (row: number, col: number) => Array.from(out.subarray((row * 2 + col) * 4, (row * 2 + col) * 4 + 4));

  // Uint8ClampedArray rounds halves to even: compare within one unit
  const near = (got: number[], want: number[]) => want.forEach((w, k) => expect(Math.abs(got[k]! - w)).toBeLessThanOrEqual(1));
  const over = (rgb: readonly number[], alpha: number) => rgb.map((c) => 255 + (c - 255) * alpha);

  it('puts row 0 (the bottom) in the image’s last row, sure cells at half opacity', () => {
    near(px(1, 0), [...over(CLASS_RGB[0]!, 0.5), 255]);
    near(px(1, 1), [...over(CLASS_RGB[1]!, 0.5), 255]);
  });

  it('paints an undecided cell faintly and a 75 % cell in between', () => {
    const faint = px(0, 0);
    const mid = px(0, 1);
    const strong = px(1, 1);
    const dist = (p: number[]) => Math.hypot(255 - p[0]!, 255 - p[1]!, 255 - p[2]!);
    expect(dist(faint)).toBeLessThan(dist(mid));
    expect(dist(mid)).toBeLessThan(dist(strong));
    // the undecided cell: the mean of the two colours at the lowest opacity (0.08)
    const mean = [0, 1, 2].map((k) => (CLASS_RGB[0]![k]! + CLASS_RGB[1]![k]!) / 2);
    near(faint, over(mean, 0.08));
  });

  it('reads bce frames (one probability per cell) as two classes', () => {
    const bce: PredictionFrameData = { step: 1, shape: [2, 2, 1], meta: { bounds }, data: new Float32Array([0.1, 0.9, 0.4, 0.6]) };
    expect(Array.from(predictedClasses(bce))).toEqual([0, 1, 0, 1]);
    expect(Array.from(predictedClasses(frame))).toEqual([0, 1, 0, 1]);
  });
});

describe('drawn points', () => {
  it('become the CSV the engine reads: header, x,y,label per line', () => {
    expect(drawnCsv([{ x: 0.123456, y: -1, label: 0 }, { x: 1 / 3, y: 0.5, label: 1 }])).toBe('x,y,label\n0.1235,-1,0\n0.3333,0.5,1\n');
    expect(drawnCsv([])).toBe('x,y,label\n');
  });
  it('are ready with 4 points of 2 classes', () => {
    const pts = (labels: number[]) => labels.map((label, i) => ({ x: i, y: i, label }));
    expect(drawnReady(pts([0, 0, 1]))).toBe(false);
    expect(drawnReady(pts([0, 0, 0, 0]))).toBe(false);
    expect(drawnReady(pts([0, 1, 0, 1]))).toBe(true);
  });
});

describe('toTrainConfig', () => {
  it('builds the spiral run with prediction frames and the default loss left to the engine', () => {
    const c = toTrainConfig(DEFAULT_FORM, 3);
    expect(c).toEqual({
      dataset: { name: 'spiral', n: 300, noise: 0.2, test_fraction: 0.2, seed: 1, classes: 3 },
      model: { hidden: [32, 32], activation: 'tanh' },
      optimizer: { type: 'adam', lr: 0.01 },
      batch_size: 32,
      epochs: 500,
      seed: 1,
      prediction: { size: 64, every_ms: 100 },
    });
  });
  it('sends a drawn set as CSV, full batch, bce for two classes, l2 and dropout when set', () => {
    const form = { ...DEFAULT_FORM, dataset: 'draw' as const, drawn: [{ x: 0, y: 0, label: 0 }, { x: 1, y: 1, label: 1 }], loss: 'bce' as const, batchSize: 0, l2: 1e-3, dropout: 0.1 };
    const c = toTrainConfig(form, 2);
    expect(c.dataset).toEqual({ name: 'csv', kind: 'classification', text: 'x,y,label\n0,0,0\n1,1,1\n' });
    expect(c.loss).toBe('bce');
    expect(c.batch_size).toBe(0);
    expect(c.l2).toBe(1e-3);
    expect(c.model).toEqual({ hidden: [32, 32], activation: 'tanh', dropout: 0.1 });
    // bce does not fit three classes: the engine's default instead
    expect(toTrainConfig(form, 3).loss).toBeUndefined();
  });
  it('uses 1-D frames for regression, whose only loss is mse', () => {
    expect(toTrainConfig({ ...DEFAULT_FORM, dataset: 'sine' }, 0).prediction).toEqual({ size: 256, every_ms: 100 });
    expect(lossChoices('regression', 0)).toEqual(['mse']);
    expect(lossChoices('classification', 2)).toEqual(['cross_entropy', 'bce']);
  });
  it('names runs and bounds the batch by the training rows', () => {
    expect(runName(DEFAULT_FORM)).toBe('spiral · adam lr 0.01 · 32-32');
    expect(batchFits(32, 6)).toBe(false);
    expect(batchFits(0, 6)).toBe(true);
    expect(batchFits(32, null)).toBe(true);
  });
  it('restores a saved form, and the defaults for a broken one', () => {
    const saved = { ...DEFAULT_FORM, dataset: 'moons', hidden: [8] };
    expect(loadForm({ getItem: () => JSON.stringify(saved) })).toEqual(saved);
    expect(loadForm({ getItem: () => '{"dataset":"nope"}' })).toBe(DEFAULT_FORM);
    expect(loadForm({ getItem: () => '{bad json' })).toBe(DEFAULT_FORM);
    expect(loadForm({ getItem: () => null })).toBe(DEFAULT_FORM);
  });
});

describe('LiveRun', () => {
  it('keeps the latest numbers of the train and epoch streams and every point for the charts', () => {
    const live = new LiveRun();
    const f = (...v: number[]) => new Float64Array(v);
    live.addBatch('epoch', { epoch: f(0), step: f(0), train_loss: f(1.1), test_loss: f(1.2), train_acc: f(0.3), test_acc: f(0.35), ms_per_step: f(NaN) });
    live.addBatch('train', { step: f(1, 2, 3), epoch: f(1, 1, 1), loss: f(1, 0.9, 0.8), lr: f(0.01, 0.01, 0.003) });
    live.addBatch('epoch', { epoch: f(1), step: f(3), train_loss: f(0.7), test_loss: f(0.75), train_acc: f(0.6), test_acc: f(0.55), ms_per_step: f(0.02) });
    const n = live.numbers;
    expect([n.step, n.epoch, n.lr, n.batchLoss]).toEqual([3, 1, 0.003, 0.8]);
    expect([n.evalEpoch, n.evalStep, n.trainAcc, n.testAcc, n.msPerStep]).toEqual([1, 3, 0.6, 0.55, 0.02]);
    expect(live.stepLoss.length).toBe(3);
    expect(Array.from(live.epochAcc.view()[2]!)).toEqual([0.35, 0.55]);
    live.noteStep(2); // never behind the batches
    expect(n.step).toBe(3);
    live.noteStep(4);
    expect(n.step).toBe(4);
    live.clear();
    expect(Number.isNaN(live.numbers.step)).toBe(true);
    expect(live.stepLoss.length).toBe(0);
  });
});

describe('plotView', () => {
  it('maps data to pixels with y up, and back', () => {
    const v = plotView({ xmin: -2, xmax: 2, ymin: -1, ymax: 1 }, 400, 200);
    expect(v.toPx(-2, 1)).toEqual([0, 0]);
    expect(v.toPx(2, -1)).toEqual([400, 200]);
    expect(v.toPx(0, 0)).toEqual([200, 100]);
    expect(v.toData(300, 50)).toEqual([1, 0.5]);
  });
});
