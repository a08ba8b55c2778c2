// A run's page (#11; #experiments?run=<id>): a training run with a live change of lr, opened from the
// experiments table — every series on its own chart with the change marked, the settings in words, the
// change and the status history as tables; exported as a PyTorch script; run again (a new run, its own
// page); opened in its lab on its settings. English, light, 1440×900, and the page in 简体中文.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { hasChromium, openApp, screenshot } from './browser.js';
import { until } from './helpers.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';

test('a run page: its charts, settings, live change and history; PyTorch export, run again, open in its lab', { skip, timeout: 120_000 }, async () => {
  const app = await openApp({ lang: 'en-US', theme: 'light', width: 1440, height: 900, hash: 'training' });
  try {
    const { page } = app;
    await page.getByTestId('training-opt-lr').fill('0.02');
    await page.getByRole('button', { name: 'Play', exact: true }).first().click();
    await until('some epochs', async () => Number((await page.getByTestId('chart-epoch-loss').getAttribute('data-points'))?.split(',')[0] ?? 0) >= 5, 60_000);
    await page.getByTestId('training-opt-lr').fill('0.005');
    await until('the live lr', async () => ((await page.getByTestId('training-live-lr').textContent()) ?? '').includes('0.005'), 20_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).first().click();
    await page.getByRole('button', { name: 'Reset', exact: true }).first().click();  // the run ends as stopped

    await page.evaluate(() => (location.hash = '#experiments'));
    await page.getByTestId('run-link-1').click();
    const runPage = page.getByTestId('run-page');
    await runPage.waitFor();
    await until('the run has ended', async () => (await runPage.getAttribute('data-status')) !== 'running', 20_000);
    assert.equal(await page.evaluate(() => location.hash), '#experiments?run=1');
    const series = Number(await runPage.getAttribute('data-series'));
    assert.ok(series >= 5, `${series} series`);
    await until('every series charted', async () => (await page.locator('.run-page-charts .live-chart[data-points]').count()) === series, 20_000);
    assert.match((await page.getByTestId('run-page-words').textContent()) ?? '', /adam lr=0\.02/);
    const events = await page.locator('[data-testid="run-page-events"] tbody tr').allTextContents();
    assert.equal(events.length, 1);
    assert.match(events[0]!, /optimizer\.lr\s*0\.02 → 0\.005/);
    assert.equal(await page.getByTestId('run-chart-train_loss').getAttribute('data-events'), '1', 'the change is marked on the charts');
    const log = await page.locator('[data-testid="run-page-log"] tr').allTextContents();
    assert.ok(log.length >= 3 && /Running/i.test(log.join(' ')) && /Stopped/i.test(log.at(-1)!), `history: ${log.join(' | ')}`);
    await screenshot(page, 'run-page-en-light-1440');

    const d = page.waitForEvent('download');
    await page.getByTestId('run-page-pytorch').click();
    const dl = await d;
    assert.equal(dl.suggestedFilename(), 'train-1.py');
    const script = readFileSync((await dl.path())!, 'utf8');
    assert.match(script, /^#!\/usr\/bin\/env python3/);
    assert.match(script, /import torch/);

    await page.getByTestId('run-page-again').click();
    await until('the new run\'s page', async () => (await page.evaluate(() => location.hash)) === '#experiments?run=2');
    await until('run 2 shown', async () => (await page.getByTestId('run-page').getAttribute('data-run')) === '2');
    assert.match((await page.locator('.run-page-head h2').textContent()) ?? '', /\(again\)/);

    await page.getByTestId('run-page-open').click();
    await until('the training lab', async () => (await page.evaluate(() => location.hash)) === '#training');
    assert.equal(await page.getByTestId('training-opt-lr').inputValue(), '0.02', 'the run\'s settings in the form');

    // the page in Chinese: every heading translated
    await page.evaluate(() => (location.hash = '#experiments?run=1'));
    await page.locator('.topbar-tools button[lang="zh-CN"]').click();
    await page.getByTestId('run-page').waitFor();
    assert.equal(await page.locator('.run-page-section h3').first().textContent(), '设置');
    await screenshot(page, 'run-page-zh-light-1440');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
