// The VAE lab in Chromium against `gradlab serve`: a bad field blocks Play with its reason; a small VAE
// trains on the shipped digits with its latent map, manifold and reconstructions painted; β changes live
// (a paused run steps with the new β); clicking the map decodes that point and dragging from one dot to
// another interpolates — while paused (the live run) and after the run (its stored weights) — in English
// (light, 1440×900) and 简体中文 (dark, 1024×700), with screenshots and no console errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Page } from 'playwright-core';

import { hasChromium, openApp, screenshot } from './browser.js';
import { until as untilWithin } from './helpers.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';
const until = <T,>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 60_000) => untilWithin(what, fn, timeoutMs);

const attr = async (page: Page, testId: string, name: string) => (await page.getByTestId(testId).first().getAttribute(name)) ?? '';
const tile = async (page: Page, id: string) => ((await page.getByTestId(`vae-tile-${id}`).locator('.vae-tile-value').textContent()) ?? '').trim();

/** How many distinct colours a canvas shows (painted, not blank). */
async function colours(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => {
    const c = el as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length && seen.size < 1000; i += 4) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    return seen.size;
  });
}

async function setUp(page: Page) {
  await page.getByTestId('vae-view').waitFor();
  for (const [id, v] of [['trainCount', '2000'], ['testCount', '500'], ['hidden', '64'], ['epochs', '2'], ['latent', '2'], ['beta', '1']] as const) await page.getByTestId(`vae-${id}`).fill(v);
}

/** Drags on the latent map from dot 0 to dot 1 (their places from the canvas's data-dots). */
async function dragBetweenFirstDots(page: Page) {
  const map = page.getByTestId('vae-latent-map');
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  const [a, b] = (await attr(page, 'vae-latent-map', 'data-dots')).split(';').map((p) => p.split(',').map(Number) as [number, number]);
  await page.mouse.move(box.x + a![0], box.y + a![1]);
  await page.mouse.down();
  for (let k = 1; k <= 8; k++) await page.mouse.move(box.x + a![0] + ((b![0] - a![0]) * k) / 8, box.y + a![1] + ((b![1] - a![1]) * k) / 8);
  await page.mouse.up();
}

test('VAE lab (English, light, 1440×900): blocked on a bad field; trains with its map, manifold and reconstructions; β live; click decodes, drag interpolates', { skip, timeout: 180_000 }, async () => {
  const app = await openApp({ lang: 'en-US', theme: 'light', width: 1440, height: 900, hash: 'vae-lab' });
  try {
    const { page } = app;
    await setUp(page);
    await page.getByTestId('vae-latent').fill('0');
    assert.equal(await page.getByTestId('vae-latent-error').textContent(), 'expected a whole number from 1 to 512');
    assert.equal(await page.getByRole('button', { name: 'Play' }).isDisabled(), true);
    await page.getByTestId('vae-latent').fill('2');
    await page.getByTestId('vae-testCount').fill('9000');
    assert.equal(await page.getByTestId('vae-testCount-error').textContent(), 'training + test digits must be at most 10000');
    await page.getByTestId('vae-testCount').fill('500');

    // one step, paused: β changes live and the next step trains with it
    await page.getByRole('button', { name: 'Step' }).click();
    await until('the first step, paused', async () => (await attr(page, 'vae-view', 'data-phase')) === 'paused' && (await tile(page, 'step')) === '1');
    await until('the map of step 0 or 1', async () => (await attr(page, 'vae-latent-map', 'data-frame-step')) !== '');
    await page.getByTestId('vae-beta').fill('4');
    await page.getByRole('button', { name: 'Step' }).click();
    await until('a step with β = 4', async () => (await tile(page, 'step')) === '2' && (await tile(page, 'beta')) === '4');
    // while paused, a click decodes through the live run
    const box = (await page.getByTestId('vae-latent-map').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await until('a decoded point', async () => (await page.getByTestId('vae-decoded').count()) > 0);
    assert.match((await page.getByTestId('vae-decoded-z').textContent()) ?? '', /^z = \(−?\d/);
    await page.getByTestId('vae-beta').fill('1');

    await page.getByRole('button', { name: 'Play' }).click();
    await until('the run to end', async () => (await attr(page, 'vae-view', 'data-phase')) === 'ended');
    assert.equal(await attr(page, 'vae-status', 'data-status'), 'completed');
    await until('the last map', async () => (await attr(page, 'vae-latent-map', 'data-frame-step')) === '64', 10_000); // 2000 / 64 → 32 steps an epoch
    await until('the epoch tile to read 2', async () => (await tile(page, 'epoch')) === '2', 5_000); // the tiles refresh a few times a second
    // the epoch tile follows the steps, the test −ELBO the end of each epoch: wait for the last one
    await until('the test −ELBO of epoch 2 under 300 nats (about 550 untrained)', async () => Number(await tile(page, 'test')) < 300, 5_000);
    assert.ok((await colours(page, 'vae-latent-map')) > 8, 'the map has dots of several classes');
    assert.ok((await colours(page, 'vae-manifold')) > 50, 'the manifold is painted');
    assert.ok((await colours(page, 'vae-reconstructions')) > 50, 'the reconstructions are painted');
    await until('training −ELBO charted from epoch 1, test from epoch 0', async () => (await attr(page, 'vae-chart-elbo', 'data-points')) === '2,3', 5_000);
    // after the run: its stored weights decode and interpolate
    const before = await page.getByTestId('vae-decoded-z').textContent();
    const now = (await page.getByTestId('vae-latent-map').boundingBox())!;
    await page.mouse.click(now.x + now.width * 0.3, now.y + now.height * 0.6);
    await until('a point decoded by the stored weights', async () => (await page.getByTestId('vae-decoded-z').textContent()) !== before);
    await dragBetweenFirstDots(page);
    await until('an interpolation', async () => (await page.getByTestId('vae-interpolation').count()) > 0);
    assert.equal(await page.getByTestId('vae-interpolation-label').textContent(), 'From test image 0 to test image 1');
    assert.equal(await page.getByTestId('vae-error').count(), 0);
    await screenshot(page, 'vae-en-light-1440');
    await page.getByTestId('vae-reconstructions').scrollIntoViewIfNeeded();
    await screenshot(page, 'vae-en-light-1440-lower');
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'vae-en-light-1024');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('VAE lab (简体中文, dark, 1024×700): a convolutional VAE — its layers checked as typed — trains, a click decodes, a drag interpolates', { skip, timeout: 120_000 }, async () => {
  const app = await openApp({ lang: 'zh-CN', theme: 'dark', width: 1024, height: 700, hash: 'vae-lab' });
  try {
    const { page } = app;
    await setUp(page);
    await page.getByTestId('vae-network').selectOption('conv');
    await page.getByTestId('vae-layers-preset').click();
    // the preset for 28×28 digits: conv 1→32, conv 32→64, linear 3136→256 (544 + 32 832 + 803 072 parameters)
    assert.equal(await page.getByTestId('vae-encoder-summary').textContent(), '7 层 → [256]，836,448 个参数');
    await page.getByTestId('vae-encoderLayers').fill('conv(8,4,stride=2,pad=1) relu conv(16,4,stride=2,pad=1) relu');
    assert.equal(await page.getByTestId('vae-encoderLayers-error').textContent(), '这组层无法运行，原因见下');
    assert.match((await page.getByTestId('vae-encoder-reason').textContent())!, /encoder_layers\[3\] \(relu\): the output is \[16, 7, 7\], expected flat features/);
    await page.getByTestId('vae-encoderLayers').fill('conv(8,4,stride=2,pad=1) relu conv(16,4,stride=2,pad=1) relu flatten');
    await page.getByTestId('vae-decoderLayers').fill('linear(784) relu reshape(16,7,7) upsample conv(8,3,pad=1) relu upsample conv(1,3,pad=1) flatten');
    // linear 2→784 (2 352), conv 16→8 3×3 (1 160), conv 8→1 3×3 (73)
    assert.equal(await page.getByTestId('vae-decoder-summary').textContent(), '9 层 → [784]，3,585 个参数');
    // convolutions learn slower from torch's init: a larger step and smaller batches (2 × 63 steps) spread the map
    await page.getByTestId('vae-lr').fill('0.003');
    await page.getByTestId('vae-batch').fill('32');
    await page.getByRole('button', { name: '运行' }).click();
    await until('the run to end', async () => (await attr(page, 'vae-view', 'data-phase')) === 'ended');
    await until('the last map', async () => (await attr(page, 'vae-latent-map', 'data-frame-step')) === '126', 10_000);
    const box = (await page.getByTestId('vae-latent-map').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await until('a decoded point', async () => (await page.getByTestId('vae-decoded').count()) > 0);
    await dragBetweenFirstDots(page);
    await until('an interpolation', async () => (await page.getByTestId('vae-interpolation').count()) > 0);
    assert.equal(await page.getByTestId('vae-interpolation-label').textContent(), '从第 0 张测试图片到第 1 张');
    await screenshot(page, 'vae-zh-dark-1024');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'vae-zh-dark-1440');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
