/**
 * The renderer's string tables and catalog translations, loaded in Node through vite's module runner
 * (they are renderer modules: bundler resolution, no .js extensions), for the end-to-end i18n test.
 */
import path from 'node:path';

import { runnerImport } from 'vite';

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
