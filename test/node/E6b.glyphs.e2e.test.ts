// #11 defect 6: Chinese drawn as empty boxes on machines whose fonts lack CJK glyphs (monospace labels,
// chart axes and legends, the smoothing toggle). Chromium runs with a fontconfig of Latin fonts only,
// so only the app's bundled font can draw a Han character (checked first: a system font would pass by luck). On every view in 简体中文,
// every distinct font of an element that shows Han text, and every font a canvas draws text with
// (data-canvas-font), must draw two different Han characters differently: a missing glyph draws the
// same empty box for both.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { hasChromium, openApp, screenshot } from './browser.js';

const VIEWS: [string, string][] = [['lessons', '课程'], ['playground', '优化器演练场'], ['training', '训练实验'], ['cnn', '卷积神经网络'], ['rnn-lab', '循环神经网络'], ['attention-lab', '注意力机制'], ['gan-lab', '生成对抗网络'], ['vae-lab', '变分自编码器'], ['rl-lab', '强化学习'], ['mcts-lab', '蒙特卡洛树搜索'], ['graph', '计算图'], ['experiments', '实验']];

test('with no system fonts, every font that shows Chinese on every view draws real glyphs', { skip: !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)', timeout: 180_000 }, async () => {
  const app = await openApp({ lang: 'zh-CN', width: 1440, height: 900, noSystemCjk: true });
  try {
    const { page } = app;
    // the premise: without the bundled font, this Chromium has no Han glyph at all
    const premise = await page.evaluate(() => {
      const c = document.createElement('canvas');
      const ctx = c.getContext('2d', { willReadFrequently: true })!;
      const draw = (ch: string) => {
        ctx.clearRect(0, 0, c.width, c.height);
        ctx.font = '32px sans-serif';
        ctx.fillText(ch, 4, 38);
        return Array.from(ctx.getImageData(0, 0, 60, 48).data);
      };
      const a = draw('梯');
      const b = draw('度');
      return a.every((v, i) => v === b[i]);
    });
    assert.ok(premise, 'the system fonts Chromium sees draw 梯 and 度 alike (no CJK font): the check below cannot pass by luck');
    const bad: string[] = [];
    let fontsChecked = 0;
    for (const [view, nav] of VIEWS) {
      await page.getByRole('link', { name: nav, exact: true }).click();
      await page.locator('.content > .view-frame > *').first().waitFor();
      await page.waitForTimeout(300);  // charts draw their axes after layout
      const result = await page.evaluate(async () => {
        const han = /[\u4e00-\u9fff]/;
        const fonts = new Map<string, string>();  // font → a sample of the text shown in it
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          const text = n.textContent ?? '';
          if (!el || !han.test(text) || el.getClientRects().length === 0) continue;
          const s = getComputedStyle(el);
          fonts.set(`${s.fontStyle} ${s.fontWeight} 32px ${s.fontFamily}`, text.trim().slice(0, 20));
        }
        for (const el of document.querySelectorAll<HTMLElement>('[data-canvas-font]')) {
          const f = el.dataset.canvasFont!.replace(/\d+(\.\d+)?px/, '32px');
          fonts.set(f, 'canvas text');
        }
        const canvas = document.createElement('canvas');
        canvas.width = 80;
        canvas.height = 48;
        const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
        const draw = (font: string, ch: string) => {
          ctx.clearRect(0, 0, 80, 48);
          ctx.font = font;
          ctx.fillStyle = '#000';
          ctx.fillText(ch, 4, 38);
          return Array.from(ctx.getImageData(0, 0, 80, 48).data);
        };
        const out: { font: string; sample: string; same: boolean; blank: boolean }[] = [];
        for (const [font, sample] of fonts) {
          await document.fonts.load(font, '梯度');
          const a = draw(font, '梯');
          const b = draw(font, '度');
          out.push({ font, sample, same: a.every((v, i) => v === b[i]), blank: a.every((v) => v === 0) });
        }
        return out;
      });
      for (const r of result) if (r.same || r.blank) bad.push(`${view}: "${r.sample}" in ${r.font}`);
      fontsChecked += result.length;
      await screenshot(page, `glyphs-${view}-zh-nofonts`);
    }
    assert.ok(fontsChecked >= 10, `${fontsChecked} fonts checked`);
    assert.deepEqual(bad, [], 'fonts that draw Han characters as empty boxes');
  } finally {
    await app.close();
  }
});
