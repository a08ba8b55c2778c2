// The RNN lab in Chromium against `gradlab serve`: a bad field blocks Play with its reason; an LSTM
// learns the shipped English text (validation bits per character under the no-context baseline) with a
// sample, the hidden state over a passage and the gradient's norm through time drawn; the temperature,
// moved while paused, answers with a new sample at once — in English (light, 1440×900). In 简体中文 (dark,
// 1024×700): the shipped Chinese text sampled, then the parity task with a held-out sequence shown.
// Screenshots of each, and no console errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Page } from 'playwright-core';

import { hasChromium, openApp, screenshot } from './browser.js';
import { until as untilWithin } from './helpers.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';
const until = <T,>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 60_000) => untilWithin(what, fn, timeoutMs);

const attr = async (page: Page, testId: string, name: string) => (await page.getByTestId(testId).first().getAttribute(name)) ?? '';
const tile = async (page: Page, id: string) => ((await page.getByTestId(`rnn-tile-${id}`).locator('.rnn-tile-value').textContent()) ?? '').trim();

test('RNN lab (English, light, 1440×900): blocked on a bad field; an LSTM learns Moby-Dick below the unigram baseline; live temperature', { skip, timeout: 180_000 }, async () => {
  const app = await openApp({ lang: 'en-US', theme: 'light', width: 1440, height: 900, hash: 'rnn-lab' });
  try {
    const { page } = app;
    await page.getByTestId('rnn-view').waitFor();
    assert.match((await page.getByTestId('rnn-source-note').textContent()) ?? '', /^201646 characters, 76 different ones/);
    await page.getByTestId('rnn-seqLen').fill('abc');
    await page.getByTestId('rnn-seqLen-error').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Play' }).isDisabled(), true);
    await page.getByTestId('rnn-seqLen').fill('64');
    await page.getByTestId('rnn-hidden').fill('64');
    await page.getByTestId('rnn-steps').fill('150');

    // one step, paused: a sample; a new temperature brings a new one at the same step
    await page.getByRole('button', { name: 'Step' }).click();
    await until('the first step, paused, with a sample', async () => (await attr(page, 'rnn-view', 'data-phase')) === 'paused' && (await page.getByTestId('rnn-sample').count()) > 0);
    const first = await page.getByTestId('rnn-sample').textContent();
    await page.getByTestId('rnn-temperature').fill('0.3');
    await until('a sample at temperature 0.3', async () => (await page.getByTestId('rnn-sample').textContent()) !== first);
    assert.equal(await page.getByTestId('rnn-error').count(), 0);

    await page.getByRole('button', { name: 'Play' }).click();
    await until('the run to end', async () => (await attr(page, 'rnn-view', 'data-phase')) === 'ended', 120_000);
    assert.equal(await attr(page, 'rnn-status', 'data-status'), 'completed');
    await until('the last sample', async () => (await attr(page, 'rnn-sample', 'data-step')) === '150', 10_000);
    const bpc = Number(await attr(page, 'rnn-tile-score', 'data-value'));
    const unigram = Number(await tile(page, 'unigram'));
    assert.ok(unigram > 4.3 && unigram < 4.5, `the unigram baseline of the training part (${unigram})`);
    assert.ok(bpc < unigram, `validation ${bpc} bits per character, under the baseline ${unigram}`);
    assert.equal(((await page.getByTestId('rnn-sample').textContent()) ?? '').length, 300);
    assert.equal(await attr(page, 'rnn-hidden-strip', 'data-chars'), '60');
    assert.equal(await attr(page, 'rnn-hidden-strip', 'data-units'), '32');
    assert.ok(Number(await attr(page, 'rnn-gradients', 'data-largest')) > 0, 'gradient norms drawn');
    await until('the loss chart', async () => (await attr(page, 'rnn-chart-loss', 'data-points')) === '150', 5_000);
    await screenshot(page, 'rnn-en-light-1440');
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'rnn-en-light-1024');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('RNN lab (简体中文, dark, 1024×700): the Chinese text sampled; the parity task with a held-out sequence', { skip, timeout: 180_000 }, async () => {
  const app = await openApp({ lang: 'zh-CN', theme: 'dark', width: 1024, height: 700, hash: 'rnn-lab' });
  try {
    const { page } = app;
    await page.getByTestId('rnn-view').waitFor();
    await page.getByTestId('rnn-source').selectOption('chinese');
    assert.match((await page.getByTestId('rnn-source-note').textContent()) ?? '', /^共 61671 个字符，3150 个不同字符/);
    await page.getByTestId('rnn-hidden').fill('64');
    await page.getByTestId('rnn-steps').fill('40');
    await page.getByRole('button', { name: '运行' }).click();
    await until('the Chinese run to end', async () => (await attr(page, 'rnn-view', 'data-phase')) === 'ended', 120_000);
    await until('its last sample', async () => (await attr(page, 'rnn-sample', 'data-step')) === '40', 10_000);
    assert.match((await page.getByTestId('rnn-sample').textContent()) ?? '', /[\u4e00-\u9fff]/, 'Chinese characters sampled');
    await screenshot(page, 'rnn-zh-dark-1024-text');

    await page.getByRole('button', { name: '重置' }).click();
    await page.getByTestId('rnn-source').selectOption('parity');
    assert.equal(await page.getByTestId('rnn-seqLen').inputValue(), '8');
    await page.getByTestId('rnn-steps').fill('300');
    await page.getByRole('button', { name: '运行' }).click();
    await until('the parity run to end', async () => (await attr(page, 'rnn-view', 'data-phase')) === 'ended', 120_000);
    await until('the held-out sequence of step 300', async () => (await page.getByTestId('rnn-example').count()) > 0 && (await attr(page, 'rnn-tile-step', 'data-testid')) !== '' && (await tile(page, 'step')) === '300', 10_000);
    assert.equal(await attr(page, 'rnn-example', 'data-scored'), '8', 'parity scores every step');
    assert.match(await tile(page, 'score'), /^\d+\.\d %$/);
    await screenshot(page, 'rnn-zh-dark-1024-parity');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'rnn-zh-dark-1440-parity');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
