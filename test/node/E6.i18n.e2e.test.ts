// 简体中文 everywhere: with the app switched to Chinese, no page shows an English string of the tables
// (i18n/strings.ts, the views' strings.ts, catalog/catalogText.ts), nor any English word that the
// Chinese tables themselves do not use (names such as Adam, lr or rosenbrock are in them or in the
// engine's catalog). User data and code are exempt: elements marked translate="no", and <code>/<pre>.
// Then back to English: no Chinese string of the tables remains.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { hasChromium, openApp, screenshot } from './browser.js';
import { chineseAllowedWords, loadI18nTables, templatePattern, visibleTexts } from './i18n-tables.js';

const VIEWS = ['lessons', 'playground', 'training', 'rnn-lab', 'attention-lab', 'gan-lab', 'vae-lab', 'rl-lab', 'mcts-lab', 'graph', 'experiments'];

test('in 中文 no English string shows on any page, and back in English no Chinese one', { skip: !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)' }, async () => {
  const tables = await loadI18nTables();
  const englishOnly = Object.keys(tables.en).filter((k) => tables.en[k] !== tables.zh[k]).map((k) => tables.en[k]!);
  const patterns = englishOnly.map((s) => ({ s, re: templatePattern(s) }));
  const catalogEnglish = new Set(Object.keys(tables.catalogZh).filter((k) => tables.catalogZh[k] !== k));
  const allowed = chineseAllowedWords(tables);

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
