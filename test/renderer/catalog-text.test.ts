// Every display text of the engine's catalog (optimizer titles, hyper-parameter docs, landscape titles
// and notes, data-set descriptions and parameter docs) has a 简体中文 entry in catalog/catalogText.ts.
import { describe, expect, it } from 'vitest';

import { CATALOG_ZH, catalogText } from '../../app/renderer/src/catalog/catalogText';
import { DATASETS, LANDSCAPES, OPTIMIZERS } from '../../src/native/catalog';

function catalogTexts(): string[] {
  const out: string[] = [];
  for (const o of OPTIMIZERS) out.push(o.title, ...o.hypers.map((h) => h.doc));
  for (const l of LANDSCAPES) out.push(l.title, l.note, ...l.params.map((p) => p.doc));
  for (const d of DATASETS) out.push(d.description, ...d.params.map((p) => p.doc));
  return [...new Set(out)];
}

describe('catalog texts in 简体中文', () => {
  it('has an entry for every text of the catalog', () => {
    const missing = catalogTexts().filter((t) => !(t in CATALOG_ZH));
    expect(missing).toEqual([]);
  });
  it('has no entry that the catalog no longer has', () => {
    const texts = new Set(catalogTexts());
    expect(Object.keys(CATALOG_ZH).filter((k) => !texts.has(k))).toEqual([]);
  });
  it('translates, and gives English back in English', () => {
    expect(catalogText('zh-CN', 'Momentum')).toBe('动量法');
    expect(catalogText('en', 'Momentum')).toBe('Momentum');
    expect(catalogText('zh-CN', 'not in the catalog')).toBe('not in the catalog');
  });
});
