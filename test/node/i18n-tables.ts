/**
 * The renderer's string tables and catalog translations, loaded in Node through vite's module runner
 * (they are renderer modules: bundler resolution, no .js extensions), for the end-to-end i18n test.
 */
import path from 'node:path';

import { runnerImport } from 'vite';

import { DATASETS, LANDSCAPES, OPTIMIZERS } from '../../src/native/catalog.js';
import { ACTIVATIONS } from '../../src/native/schemas.js';
import type { App } from './browser.js';

const root = path.resolve(new URL('../../..', import.meta.url).pathname);

export interface I18nTables {
  en: Record<string, string>;
  zh: Record<string, string>;
  catalogZh: Record<string, string>;
}

export async function loadI18nTables(): Promise<I18nTables> {
  const opts = { configFile: false as const, root: path.join(root, 'app/renderer'), logLevel: 'silent' as const };
  const strings = await runnerImport<{ STRINGS: { en: Record<string, string>; 'zh-CN': Record<string, string> } }>(path.join(root, 'app/renderer/src/i18n/strings.ts'), opts);
  const catalog = await runnerImport<{ CATALOG_ZH: Record<string, string> }>(path.join(root, 'app/renderer/src/catalog/catalogText.ts'), opts);
  return { en: strings.module.STRINGS.en, zh: strings.module.STRINGS['zh-CN'], catalogZh: catalog.module.CATALOG_ZH };
}

/** A regular expression that matches a whole text made from a table string ({name} = anything). */
export function templatePattern(s: string): RegExp {
  const parts = s.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*?')}$`, 's');
}

/** Words a Chinese page may show: those the Chinese texts use, and the engine's identifiers. */
export function chineseAllowedWords(tables: I18nTables): Set<string> {
  const allowed = new Set<string>();
  const addWords = (s: string) => {
    for (const w of s.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []) allowed.add(w);
  };
  for (const s of [...Object.values(tables.zh), ...Object.values(tables.catalogZh)]) addWords(s);
  for (const o of OPTIMIZERS) [o.type, o.formula, ...o.hypers.map((h) => h.name), ...o.state].forEach(addWords);
  for (const l of LANDSCAPES) [l.name, l.formula, ...l.params.map((p) => p.name)].forEach(addWords);
  for (const d of DATASETS) [d.name, ...d.params.map((p) => p.name)].forEach(addWords);
  ACTIVATIONS.forEach(addWords);
  return allowed;
}

/** Every visible text of the page: text nodes, labels in attributes, and the options of selects. */
export async function visibleTexts(app: App): Promise<string[]> {
  return app.page.evaluate(() => {
    const out: string[] = [];
    const exempt = (el: Element | null) => !!el?.closest('[translate="no"], code, pre, script, style, noscript');
    const shown = (el: Element) => (el as HTMLElement).getClientRects().length > 0 || el.tagName === 'OPTION';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (text && el && !exempt(el) && shown(el)) out.push(text);
    }
    for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      if (exempt(el) || !shown(el)) continue;
      for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    out.push(document.title);
    return out;
  });
}

