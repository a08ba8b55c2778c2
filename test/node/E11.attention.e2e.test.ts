// The attention lab in Chromium against `gradlab serve`: a bad field blocks Play with its reason; a small
// transformer learns to copy with every layer's and head's attention map drawn, a clicked row's weights
// as numbers (q·k/√d, softmax weights summing to 1, the weighted sum), accuracy per answer position and the positional encoding; a typed prompt,
// while paused, is answered by the model and its maps shown — in English (light, 1440×900) and 简体中文
// (dark, 1024×700), with screenshots and no console errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Page } from 'playwright-core';

import { hasChromium, openApp, screenshot } from './browser.js';
import { until as untilWithin } from './helpers.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';
const until = <T,>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 60_000) => untilWithin(what, fn, timeoutMs);
const attr = async (page: Page, testId: string, name: string) => (await page.getByTestId(testId).first().getAttribute(name)) ?? '';

async function setUp(page: Page, steps: string) {
  await page.getByTestId('attn-view').waitFor();
  await page.getByTestId('attn-source').selectOption('copy');
  for (const [id, v] of [['length', '4'], ['vocab', '4'], ['layers', '2'], ['heads', '2'], ['dim', '32'], ['steps', steps]] as const) await page.getByTestId(`attn-${id}`).fill(v);
}

test('attention lab (English, light, 1440×900): blocked on a bad field; copy learned with its maps, a row as numbers, accuracy per position; a typed prompt', { skip, timeout: 180_000 }, async () => {
  const app = await openApp({ lang: 'en-US', theme: 'light', width: 1440, height: 900, hash: 'attention-lab' });
  try {
    const { page } = app;
    await setUp(page, '600');
    await page.getByTestId('attn-heads').fill('3');
    assert.equal(await page.getByTestId('attn-dim-error').textContent(), 'must be a multiple of the heads (3)');
    assert.equal(await page.getByRole('button', { name: 'Play' }).isDisabled(), true);
    await page.getByTestId('attn-heads').fill('2');
    await page.getByRole('button', { name: 'Play' }).click();
    await until('the run to end', async () => (await attr(page, 'attn-view', 'data-phase')) === 'ended', 120_000);
    assert.equal(await attr(page, 'attn-status', 'data-status'), 'completed');
    await until('the maps of the last step', async () => (await attr(page, 'attn-maps', 'data-size')) === '8', 10_000); // 4 symbols, a separator, 4 answers: 8 inputs
    assert.equal(await attr(page, 'attn-maps', 'data-layers'), '2');
    assert.equal(await page.locator('[data-testid^="attn-map-"]').count(), 4);
    await until('the score', async () => Number(await attr(page, 'attn-tile-score', 'data-value')) > 0.5, 5_000);
    assert.equal(await page.getByTestId('attn-by-position').locator('.attn-bar-row').count(), 4);
    assert.ok(await page.getByTestId('attn-positions-map').isVisible());
    // a row's weights as numbers, each head's summing to 1
    const map = page.getByTestId('attn-map-1-0');
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.6, box.y + 14 + ((box.height - 14) * 6.5) / 8); // row 7 of 8, under the labels
    await page.getByTestId('attn-query').waitFor();
    const sums = await page.getByTestId('attn-query-weights').evaluateAll((rows) =>
      rows.map((r) => Array.from((r as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('td'), (td) => Number(td.textContent)).reduce((a, b) => a + b, 0)),
    );
    assert.equal(sums.length, 4);
    for (const s of sums) assert.ok(Math.abs(s - 1) < 0.01, `a row of weights sums to 1 (${s})`);
    await screenshot(page, 'attn-en-light-1440');
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'attn-en-light-1024');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('attention lab (简体中文, dark, 1024×700): paused, a typed prompt answered by the model; a bad prompt named', { skip, timeout: 120_000 }, async () => {
  const app = await openApp({ lang: 'zh-CN', theme: 'dark', width: 1024, height: 700, hash: 'attention-lab' });
  try {
    const { page } = app;
    await setUp(page, '400');
    await page.getByRole('button', { name: '单步' }).click();
    await until('paused after one step', async () => (await attr(page, 'attn-view', 'data-phase')) === 'paused');
    await page.getByTestId('attn-maps').waitFor();
    await page.getByTestId('attn-prompt').fill('3 1 9 1');
    await page.getByTestId('attn-prompt-error').waitFor();
    assert.equal(await page.getByTestId('attn-prompt-show').isDisabled(), true);
    await page.getByTestId('attn-prompt').fill('3 1 2 1');
    await page.getByTestId('attn-prompt-show').click();
    await until('the prompt read', async () => ((await page.getByTestId('attn-text').textContent()) ?? '').startsWith('3 1 2 1 | '));
    assert.match((await page.getByTestId('attn-predicted').textContent()) ?? '', /^3 1 2 1 \| ([0-3]|\|)( ([0-3]|\|)){3}$/);
    await page.getByRole('button', { name: '运行' }).click();
    await until('the run to end', async () => (await attr(page, 'attn-view', 'data-phase')) === 'ended', 120_000);
    await screenshot(page, 'attn-zh-dark-1024');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'attn-zh-dark-1440');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
