// The experiments view's plain logic: config flattening into table columns (varying ones first), the
// key metric columns, runs joined on one x for the overlay, and the sweep form read into sweeps/start.
import { describe, expect, it } from 'vitest';

import { overlayEvents } from '../../app/renderer/src/views/experiments/overlayEvents';
import { meanBand, seedGroups } from '../../app/renderer/src/views/experiments/seedGroups';
import { parseQuota, quotaState } from '../../app/renderer/src/views/experiments/DiskUsage';
import { axisOnly, titleOver } from '../../app/renderer/src/views/experiments/seriesTitles';

import { joinSeries } from '../../app/renderer/src/views/experiments/joinSeries';
import { summarizeSweep, summaryGrid, summaryMetrics, variedParams } from '../../src/experiments/sweep-summary';
import { labOf } from '../../src/labs/index';
import type { Run } from '../../src/experiments/run-types';
import { buildSweep, defaultForm, emptyRow, parseValues, rangeValues } from '../../app/renderer/src/views/experiments/sweepSpec';
import { configCells, configColumns, keyConfigColumns, metricColumns } from '../../app/renderer/src/views/experiments/tableColumns';
import { formatBytes, tableNumber } from '../../src/format/number';

describe('configCells', () => {
  it('flattens objects to dotted paths, arrays of objects to indexed paths, plain arrays to one JSON cell, and leaves settings out', () => {
    expect(
      configCells({ dataset: { name: 'moons', n: 200 }, model: { hidden: [16, 16] }, optimizers: [{ type: 'adam', lr: 0.01 }], prediction: false, save_weights: 'w.glw', batch_size: 32 }),
    ).toEqual({ 'dataset.name': 'moons', 'dataset.n': 200, 'model.hidden': '[16,16]', 'optimizers[0].type': 'adam', 'optimizers[0].lr': 0.01, batch_size: 32 });
  });
  it('orders columns: those that vary first, then optimizer, lr, data…, seed last', () => {
    const a = configCells({ seed: 1, epochs: 8, optimizer: { type: 'sgd', lr: 0.05 }, batch_size: 16 });
    const b = configCells({ seed: 1, epochs: 8, optimizer: { type: 'sgd', lr: 0.2 }, batch_size: 16 });
    expect(configColumns([a, b])).toEqual(['optimizer.lr', 'optimizer.type', 'batch_size', 'epochs', 'seed']);
  });
  it('shows by default each optimizer\'s type and lr and the columns that differ, at most 12; the rest on demand', () => {
    const a = configCells({ seed: 1, epochs: 8, optimizer: { type: 'sgd', lr: 0.05 }, batch_size: 16, dataset: { name: 'moons', n: 200, noise: 0.1 } });
    const b = configCells({ seed: 2, epochs: 8, optimizer: { type: 'sgd', lr: 0.05 }, batch_size: 16, dataset: { name: 'moons', n: 200, noise: 0.1 } });
    const all = configColumns([a, b]);
    expect(all.length).toBe(8);
    expect(keyConfigColumns(all, [a, b])).toEqual(['seed', 'optimizer.type', 'optimizer.lr']);
    const race = configCells({ function: 'rosenbrock', steps: 100, optimizers: [{ type: 'adam', lr: 0.01 }, { type: 'momentum', lr: 0.001, beta: 0.9 }] });
    expect(keyConfigColumns(configColumns([race]), [race])).toEqual(['optimizers[0].type', 'optimizers[1].type', 'optimizers[0].lr', 'optimizers[1].lr']);
    const many = Array.from({ length: 20 }, (_, i) => configCells(Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`p${k}`, i * k]))));
    expect(keyConfigColumns(configColumns(many), many).length).toBe(12);
  });
  it('picks the key metrics', () => {
    expect(metricColumns([{ train_loss: 1, train_lr: 0.1, epoch_train_loss: 1, epoch_test_acc: 0.9, epoch_test_loss: 0.5 }, { race_f: 1, race1_f: 2, race_gnorm: 3 }])).toEqual([
      'train_loss',
      'epoch_test_loss',
      'epoch_test_acc',
      'race_f',
      'race1_f',
    ]);
  });
});

describe('tableNumber', () => {
  it('writes 4 significant digits, integers as they are, tiny and huge values in e-notation', () => {
    expect([tableNumber(0.39114567), tableNumber(80), tableNumber(0.000012346), tableNumber(NaN), tableNumber(-Infinity), tableNumber(2.5e7)]).toEqual(['0.3911', '80', '1.235e-5', 'NaN', '−∞', '2.5e+7']);
  });
});

describe('joinSeries', () => {
  it('merges x values, holding null where a run has no point', () => {
    const j = joinSeries([
      { x: [0, 2, 4], values: [10, 12, 14] },
      { x: [1, 2, 3], values: [21, 22, 23] },
    ]);
    expect(Array.from(j.x)).toEqual([0, 1, 2, 3, 4]);
    expect(j.ys).toEqual([
      [10, null, 12, null, 14],
      [null, 21, 22, 23, null],
    ]);
  });
  it('keeps both points of a decimated bucket that share an x', () => {
    const j = joinSeries([{ x: [0, 5, 5, 9], values: [1, -3, 7, 2] }]);
    expect(Array.from(j.x)).toEqual([0, 5, 5, 9]);
    expect(j.ys).toEqual([[1, -3, 7, 2]]);
  });
});

describe('sweep form', () => {
  it('reads values as numbers, booleans, else text', () => {
    expect(parseValues('0.1, 1e-3, true, adam')).toEqual([0.1, 0.001, true, 'adam']);
    expect(parseValues('0.1,')).toBeNull();
  });
  it('spreads a range: linear, log, integers without repeats', () => {
    expect(rangeValues(0, 1, 5, false, false)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(rangeValues(0.001, 0.1, 3, true, false)).toEqual([0.001, 0.01, 0.1]);
    expect(rangeValues(16, 256, 5, true, true)).toEqual([16, 32, 64, 128, 256]);
    expect(rangeValues(1, 3, 5, false, true)).toEqual([1, 2, 3]); // 1, 1.5→2, 2, 2.5→3, 3
  });
  it('starts with a log range of the first parameter: 3 runs', () => {
    const r = buildSweep(defaultForm('train'));
    expect(r.errors).toEqual({});
    expect(r.runs).toBe(3);
    expect(r.params.grid).toEqual({ 'optimizer.lr': [0.001, 0.01, 0.1] });
    expect(r.params.base).toMatchObject({ optimizer: { type: 'adam', lr: 0.01 } });
  });
  it('builds a grid of a list × a range from rows in words, no paths typed', () => {
    const f = defaultForm('race');
    f.rows = {
      'optimizers[0].lr': { ...emptyRow(), mode: 'values', values: '0.01, 0.05' },
      steps: { ...emptyRow(), mode: 'range', min: '100', max: '300', count: '3' },
      'optimizers[0].type': { ...emptyRow(), mode: 'values', values: 'adam, rmsprop' },
    };
    const r = buildSweep(f);
    expect(r.errors).toEqual({});
    expect(r.runs).toBe(12);
    expect(r.params.grid).toEqual({ 'optimizers[0].type': ['adam', 'rmsprop'], 'optimizers[0].lr': [0.01, 0.05], steps: [100, 200, 300] });
  });
  it('names the bad field: JSON, schema, a value out of range, a choice, a log range, a clash between values', () => {
    const f = defaultForm('train');
    f.base = '{"dataset": "spiral",';
    expect(buildSweep(f).errors.base?.key).toBe('experiments.sweep.err.json');
    f.base = '{"dataset": "spiral", "epochs": 0}';
    expect(buildSweep(f).errors.base).toMatchObject({ key: 'experiments.sweep.err.config', vars: { path: 'epochs' } });
    f.base = defaultForm('train').base;
    f.rows = { epochs: { ...emptyRow(), mode: 'values', values: '5, -1' } };
    expect(buildSweep(f).errors['field:epochs']).toMatchObject({ key: 'experiments.sweep.err.value', vars: { value: '-1' } });
    f.rows = { epochs: { ...emptyRow(), mode: 'values', values: '5, 7.5' } };
    expect(buildSweep(f).errors['field:epochs']?.key).toBe('experiments.sweep.err.integer');
    f.rows = { 'optimizer.type': { ...emptyRow(), mode: 'values', values: 'adam, lion' } };
    expect(buildSweep(f).errors['field:optimizer.type']).toMatchObject({ key: 'experiments.sweep.err.choice', vars: { value: 'lion' } });
    f.rows = { 'optimizer.lr': { ...emptyRow(), mode: 'random', min: '0', max: '0.1', log: true } };
    expect(buildSweep(f).errors['field:optimizer.lr']?.key).toBe('experiments.sweep.err.log');
    f.rows['optimizer.lr']!.min = '0.0001';
    const ok = buildSweep(f);
    expect(ok.errors).toEqual({});
    expect(ok.runs).toBe(8);
    expect(ok.params.random).toEqual({ samples: 8, seed: 1, params: { 'optimizer.lr': { min: 0.0001, max: 0.1, log: true } } });
    // each value passes alone; together the heads do not divide the width
    const a = defaultForm('attention');
    a.rows = { heads: { ...emptyRow(), mode: 'values', values: '4, 8' }, dim: { ...emptyRow(), mode: 'values', values: '8, 12' } };
    expect(buildSweep(a).errors.params).toMatchObject({ key: 'experiments.sweep.err.run', vars: { point: 'heads=8, dim=12', path: 'dim' } });
    expect(buildSweep(a).errors['field:heads']).toBeUndefined();
  });
  it('a type change drops the hyper-parameters the new optimizer lacks', () => {
    const f = defaultForm('race', { function: 'rosenbrock', steps: 100, optimizers: [{ type: 'momentum', lr: 0.001, beta: 0.9 }] });
    f.rows = { 'optimizers[0].type': { ...emptyRow(), mode: 'values', values: 'momentum, adam' } };
    expect(buildSweep(f).errors).toEqual({});
    f.extra = { path: 'optimizers[0].lr', values: '0.1' };
    expect(buildSweep(f).runs).toBe(2);
    f.rows['optimizers[0].lr'] = { ...emptyRow(), mode: 'values', values: '0.1, 0.2' };
    expect(buildSweep(f).errors['extra.path']?.key).toBe('experiments.sweep.err.twice');
  });
});

describe('sweep summary', () => {
  const run = (id: number, config: Record<string, unknown>, final: Record<string, number>, status = 'completed') =>
    ({ id, lab: 'train', name: `r${id}`, status, config, final, best: final }) as unknown as Run;
  const base = { dataset: 'spiral', optimizer: { type: 'adam', lr: 0.01 }, batch_size: 32, seed: 1 };
  const cfg = (lr: number, batch: number, seed = 1) => ({ ...base, optimizer: { type: 'adam', lr }, batch_size: batch, seed });
  const runs = [
    run(1, cfg(0.01, 16), { epoch_test_loss: 0.5, epoch_test_acc: 0.8 }),
    run(2, cfg(0.1, 16), { epoch_test_loss: 0.2, epoch_test_acc: 0.9 }),
    run(3, cfg(0.01, 64), { epoch_test_loss: 0.4, epoch_test_acc: 0.85 }),
    run(4, cfg(0.1, 64), { epoch_test_loss: NaN }, 'diverged'),
    run(5, cfg(0.1, 16, 2), { epoch_test_loss: 0.3, epoch_test_acc: 0.88 }),
  ];
  it('finds the varied parameters, ranks the runs (no value last) and marks the best', () => {
    expect(variedParams(runs.map((r) => r.config))).toEqual(['optimizer.lr', 'batch_size', 'seed']);
    const s = summarizeSweep(runs, 'epoch_test_loss', 'min', 'final');
    expect(s.rows.map((r) => r.id)).toEqual([2, 5, 3, 1, 4]);
    expect(s.bestId).toBe(2);
    expect(s.rows[0]!.values).toEqual({ 'optimizer.lr': 0.1, batch_size: 16, seed: 1 });
    expect(s.rows[4]!.metric).toBeNull();
    expect(summarizeSweep(runs, 'epoch_test_acc', 'max', 'final').rows.map((r) => r.id)).toEqual([2, 5, 3, 1, 4]);
  });
  it('grids two parameters: each cell the mean (over seeds) or the best of its runs, empty where none', () => {
    const s = summarizeSweep(runs, 'epoch_test_loss', 'min', 'final');
    const g = summaryGrid(s, 'optimizer.lr', 'batch_size', 'mean');
    expect(g.xs).toEqual([0.01, 0.1]);
    expect(g.ys).toEqual([16, 64]);
    expect(g.cells[0]![0]).toBe(0.5);
    expect(g.cells[0]![1]).toBeCloseTo(0.25, 12); // (0.2 + 0.3) / 2
    expect(g.counts[0]![1]).toBe(2);
    expect(g.cells[1]).toEqual([0.4, null]); // the diverged run has no value
    expect(summaryGrid(s, 'optimizer.lr', 'batch_size', 'best').cells[0]![1]).toBe(0.2);
  });
  it('offers the lab\'s key metrics that have a better end, one per member of a race', () => {
    const raceRun = { id: 9, lab: 'race', final: { race_f: 1, race1_f: 2, race_x: 0 }, best: {} } as unknown as Run;
    expect(summaryMetrics(labOf('race'), [raceRun])).toEqual([
      { name: 'race1_f', better: 'min' },
      { name: 'race_f', better: 'min' },
    ]);
    expect(summaryMetrics(labOf('train'), runs).map((m) => m.name)).toEqual(['epoch_test_loss', 'epoch_test_acc']);
  });
});

describe('series titles (the descriptors name the members and columns)', () => {
  const race = (optimizers: Record<string, unknown>[]) => ({ lab: 'race', config: { function: 'rosenbrock', optimizers } });
  const train = { lab: 'train', config: { dataset: 'spiral' } };

  it('names a race series by its optimizer and its column', () => {
    const r = race([{ type: 'adam', lr: 0.01 }, { type: 'momentum', lr: 0.001, name: 'heavy ball' }, { type: 'sgd' }]);
    expect(titleOver('race_f', [r], 'en')).toBe('adam 0.01 · f(x, y)');
    expect(titleOver('race1_gnorm', [r], 'en')).toBe('heavy ball · ‖∇f‖');
    expect(titleOver('race2_lr', [r], 'zh-CN')).toBe('sgd · 学习率');
    expect(titleOver('race_m_hat_x', [r], 'en')).toBe('adam 0.01 · m hat x');
  });

  it('over runs that name a member differently, falls back to its number', () => {
    expect(titleOver('race1_f', [race([{ type: 'adam' }, { type: 'sgd', lr: 0.1 }]), race([{ type: 'adam' }, { type: 'rmsprop' }])], 'en')).toBe('optimizer 2 · f(x, y)');
    expect(titleOver('race1_f', [race([{ type: 'adam' }, { type: 'sgd', lr: 0.1 }]), race([{ type: 'adam' }, { type: 'rmsprop' }])], 'zh-CN')).toBe('优化器 2 · f(x, y)');
  });

  it('renames the training lab’s series, per layer where there are several; epoch columns are axes, not charts', () => {
    expect(titleOver('epoch_test_acc', [train], 'en')).toBe('test accuracy');
    expect(titleOver('epoch_test_acc', [train], 'zh-CN')).toBe('测试集准确率');
    expect(titleOver('layer1_grad_norm', [train], 'en')).toBe('layer 2 · layer gradient norm');
    expect(titleOver('layer_weight_norm', [train], 'zh-CN')).toBe('第 1 层 · 层权重范数');
    expect(axisOnly('epoch_epoch', [train])).toBe(true);
    expect(axisOnly('layer2_epoch', [train])).toBe(true);
    expect(axisOnly('train_epoch', [train])).toBe(true);
    expect(axisOnly('epoch_test_acc', [train])).toBe(false);
    expect(titleOver('not a series', [train], 'en')).toBe('not a series');
  });
});

describe('disk in view', () => {
  it('formats sizes in decimal units, three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(12_345)).toBe('12.3 kB');
    expect(formatBytes(4_560_000)).toBe('4.56 MB');
    expect(formatBytes(1.234e9)).toBe('1.23 GB');
    expect(formatBytes(NaN)).toBe('');
  });
  it('reads the limit as GB > 0 or none, and says near (90 %) or over', () => {
    expect(parseQuota('')).toEqual({ gb: null, ok: true });
    expect(parseQuota(' 2.5 ')).toEqual({ gb: 2.5, ok: true });
    expect(parseQuota('0').ok).toBe(false);
    expect(parseQuota('abc').ok).toBe(false);
    expect(quotaState(5e9, null)).toBe(null);
    expect(quotaState(8.9e9, 10)).toBe(null);
    expect(quotaState(9e9, 10)).toBe('near');
    expect(quotaState(10.1e9, 10)).toBe('over');
  });
});

describe('repeat over seeds: groups and their mean ± std', () => {
  const run = (id: number, sweepId: number | null, config: Record<string, unknown>, lab = 'train') => ({ id, lab, sweepId, config });
  it('groups the runs of one sweep that differ only in their seed; the rest stay single', () => {
    const base = { dataset: 'moons', optimizer: { type: 'sgd', lr: 0.1 } };
    const groups = seedGroups([
      run(1, 7, { ...base, seed: 1 }),
      run(2, 7, { ...base, seed: 2 }),
      run(3, null, { ...base, seed: 3 }),
      run(4, 7, { ...base, optimizer: { type: 'sgd', lr: 0.2 }, seed: 1 }),
      run(5, 7, { seed: 3, ...base }), // the same settings in another key order
      run(6, 8, { ...base, seed: 1 }),
    ]);
    expect(groups).toEqual([[1, 2, 5], [3], [4], [6]]);
  });
  it('mean and mean ± population std per x, by hand; absent stays absent, all-diverged is NaN', () => {
    const { mean, lo, hi } = meanBand([
      [1, 2, null, NaN, 10],
      [3, null, null, NaN, 20],
      [5, 4, null, 1, 30],
    ]);
    expect(mean.slice(0, 3)).toEqual([3, 3, null]);
    const sd = Math.sqrt(((1 - 3) ** 2 + (5 - 3) ** 2 + 0) / 3);
    expect(lo[0]).toBeCloseTo(3 - sd, 12);
    expect(hi[0]).toBeCloseTo(3 + sd, 12);
    expect(lo[1]).toBe(2);
    expect(hi[1]).toBe(4);
    expect(mean[3]).toBe(1); // the diverged members are left out where one is finite
    expect(mean[4]).toBe(20);
    expect(meanBand([[NaN], [NaN]]).mean[0]).toBeNaN();
  });
});

describe('live changes on the overlay', () => {
  it('marks each overlaid run\'s changes at their step, named by the setting, in step order; thinning is not a change', () => {
    const events = new Map([
      [3, [{ step: 120, field: 'optimizer.lr', old: 0.01, new: 0.003 }, { step: 40, field: 'thinned', old: null, new: 10 }]],
      [5, [{ step: 60, field: 'optimizers[1].beta', old: null, new: 0.95 }, { step: 200, field: 'noise.sigma', old: 0, new: 0.1 }]],
      [7, [{ step: 1, field: 'epochs', old: null, new: 20 }]],
    ]);
    expect(overlayEvents([3, 5], events)).toEqual([
      { x: 60, label: '#5 beta 0.95' },
      { x: 120, label: '#3 lr 0.01→0.003' },
      { x: 200, label: '#5 sigma 0→0.1' },
    ]);
    expect(overlayEvents([9], events)).toEqual([]);
  });
});
