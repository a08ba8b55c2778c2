// The training view's CSV choice (views/training/csvFile.ts): the columns a newly opened file starts
// with, what it reads to, and the form keeping or forgetting it across views.
import { describe, expect, it } from 'vitest';

import { csvSpec, initialChoice, readCsvChoice, CSV_KEEP_BYTES } from '../../app/renderer/src/views/training/csvFile';
import { datasetKind, datasetSpec, DEFAULT_FORM, loadForm, saveForm } from '../../app/renderer/src/views/training/trainForm';

const IRIS = 'a;b;c;d;species\n5,1;3,5;1,4;0,2;setosa\n7,0;3,2;4,7;1,4;versicolor\n';

describe('a CSV file in the training view', () => {
  it('starts with the CLI\'s columns: the first two numeric ones, the last as the label', () => {
    const c = initialChoice('iris.csv', IRIS);
    expect([c.x, c.y, c.label]).toEqual([0, 1, 4]);
    const read = readCsvChoice({ ...c, x: 2, y: 3 });
    expect(read.points!.x).toEqual([1.4, 4.7]);
    expect(read.points!.classNames).toEqual(['setosa', 'versicolor']);
    expect(csvSpec(read)).toEqual({ name: 'csv', kind: 'classification', text: '1.4,0.2,0\n4.7,1.4,1\n' });
    // a label of "none" is a regression of y on x
    const reg = { ...c, label: null };
    expect(datasetKind({ dataset: 'file', csv: reg })).toBe('regression');
    expect(datasetSpec({ ...DEFAULT_FORM, dataset: 'file', csv: reg })).toEqual({ name: 'csv', kind: 'regression', text: '5.1,3.5\n7,3.2\n' });
  });
  it('a bad value keeps the layout and says where; a file that cannot be read gives no spec', () => {
    const c = initialChoice('bad.csv', 'x,y,label\n1,2,a\n3,oops,b\n');
    expect(c.label).toBe(2);
    expect(readCsvChoice(c).error).toMatch(/bad\.csv: line 3, column "y": expected a number, got "oops"/);
    expect(datasetSpec({ ...DEFAULT_FORM, dataset: 'file', csv: c })).toBeNull();
  });
  it('the form keeps a small file across views and forgets a large one', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const small = { ...DEFAULT_FORM, dataset: 'file' as const, csv: initialChoice('iris.csv', IRIS) };
    saveForm(small, storage);
    expect(loadForm(storage).csv!.name).toBe('iris.csv');
    const big = { ...small, csv: { ...small.csv, text: IRIS + '1;2;3;4;x\n'.repeat(CSV_KEEP_BYTES / 10 + 1) } };
    saveForm(big, storage);
    expect([loadForm(storage).dataset, loadForm(storage).csv]).toEqual([DEFAULT_FORM.dataset, null]);
  });
});
