// 简体中文 everywhere: with the app switched to Chinese, no page shows an English string of the tables
// (i18n/strings.ts, the views' strings.ts, catalog/catalogText.ts), nor any English word that the
// Chinese tables themselves do not use (names such as Adam, lr or rosenbrock are in them or in the
// engine's catalog). User data and code are exempt: elements marked translate="no", and <code>/<pre>.
// Then back to English: no Chinese string of the tables remains.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DATASETS, LANDSCAPES, OPTIMIZERS } from '../../src/native/catalog.js';
import { ACTIVATIONS } from '../../src/native/schemas.js';
import { hasChromium, openApp, screenshot, type App } from './browser.js';
import { loadI18nTables, templatePattern } from './i18n-tables.js';

const VIEWS = ['playground', 'training', 'rnn-lab', 'attention-lab', 'gan-lab', 'vae-lab', 'graph', 'experiments'];

/** Every visible text of the page: text nodes, labels in attributes, and the options of selects. */
async function visibleTexts(app: App): Promise<string[]> {
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

test('in 中文 no English string shows on any page, and back in English no Chinese one', { skip: !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)' }, async () => {
  const tables = await loadI18nTables();
  const englishOnly = Object.keys(tables.en).filter((k) => tables.en[k] !== tables.zh[k]).map((k) => tables.en[k]!);
  const patterns = englishOnly.map((s) => ({ s, re: templatePattern(s) }));
  const catalogEnglish = new Set(Object.keys(tables.catalogZh).filter((k) => tables.catalogZh[k] !== k));
  // words a Chinese page may show: those the Chinese texts use, and the engine's identifiers
  const allowed = new Set<string>();
  const addWords = (s: string) => {
    for (const w of s.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []) allowed.add(w);
  };
  for (const s of [...Object.values(tables.zh), ...Object.values(tables.catalogZh)]) addWords(s);
  for (const o of OPTIMIZERS) [o.type, o.formula, ...o.hypers.map((h) => h.name), ...o.state].forEach(addWords);
  for (const l of LANDSCAPES) [l.name, l.formula, ...l.params.map((p) => p.name)].forEach(addWords);
  for (const d of DATASETS) [d.name, ...d.params.map((p) => p.name)].forEach(addWords);
  ACTIVATIONS.forEach(addWords);

  const app = await openApp({ lang: 'zh-CN' });
  try {
    const { page } = app;
    const problems: string[] = [];
    for (const view of VIEWS) {
      await page.goto(`${new URL(app.url).origin}/#${view}`);
      await page.locator('.tab.active').waitFor();
      await page.waitForTimeout(1500); // lazy view loaded, first requests answered
      for (const text of await visibleTexts(app)) {
        const hit = patterns.find((p) => p.re.test(text));
        if (hit) problems.push(`#${view}: "${text}" is the English "${hit.s}"`);
        else if (catalogEnglish.has(text)) problems.push(`#${view}: "${text}" is an untranslated catalog text`);
        else {
          const words = (text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((w) => w.length >= 3 && !allowed.has(w));
          if (words.length) problems.push(`#${view}: "${text}" has English words ${words.join(', ')}`);
        }
      }
      await screenshot(page, `i18n-zh-${view}`);
    }
    assert.deepEqual(problems, []);

    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('button', { name: 'Language' }).waitFor();
    const chineseOnly = new Set(Object.keys(tables.zh).filter((k) => tables.en[k] !== tables.zh[k]).map((k) => tables.zh[k]!));
    for (const view of VIEWS) {
      await page.goto(`${new URL(app.url).origin}/#${view}`);
      await page.locator('.tab.active').waitFor();
      await page.waitForTimeout(800);
      const left = (await visibleTexts(app)).filter((t) => chineseOnly.has(t) || /[\u4e00-\u9fff]/.test(t.replace('梯度实验室', '')));
      assert.deepEqual(left, [], `#${view} in English still shows Chinese`);
    }
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
