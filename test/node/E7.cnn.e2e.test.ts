// The CNN lab in Chromium against `gradlab serve`: a bad field blocks Play with its reason, the model
// builder shows the stack's parameters, the small two-convolution preset learns the shipped digits above
// 90 % in the UI with its kernels and feature maps painted, a confusion matrix that sums to the test count
// (a cell shows its digits), one convolution worked out by hand equal to the engine's feature map, and a
// drawn digit classified while paused and after the run — in English (light, 1440×900) and 简体中文 (dark, 1024×700), with
// screenshots and no console errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import type { Page } from 'playwright-core';

import { hasChromium, openApp, screenshot } from './browser.js';
import { until as untilWithin } from './helpers.js';
import { idx, squares } from './image-fixtures.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';
/** a minute unless said: training runs share the machine with the browser */
const until = <T,>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 60_000) => untilWithin(what, fn, timeoutMs);


const attr = async (page: Page, testId: string, name: string) => (await page.getByTestId(testId).first().getAttribute(name)) ?? '';

async function fill(page: Page, field: string, value: string) {
  await page.getByTestId(`cnn-${field}`).fill(value);
}

/** How many of the canvases under `testId` have more than one colour (painted, not blank). */
async function paintedCanvases(page: Page, testId: string): Promise<{ total: number; painted: number }> {
  return page.getByTestId(testId).evaluate((root) => {
    const canvases = Array.from((root as unknown as { querySelectorAll(s: string): ArrayLike<unknown> }).querySelectorAll('canvas')) as {
      width: number;
      height: number;
      getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
    }[];
    let painted = 0;
    for (const c of canvases) {
      const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      if (!d) continue;
      const first = `${d[0]},${d[1]},${d[2]}`;
      for (let i = 4; i < d.length; i += 4)
        if (`${d[i]},${d[i + 1]},${d[i + 2]}` !== first) {
          painted++;
          break;
        }
    }
    return { total: canvases.length, painted };
  });
}

/** Waits until the accuracy tile and the confusion matrix both show epoch `epoch` (panels refresh a few times a second, the status at once). */
async function lastEpochShown(page: Page, epoch: number) {
  await until(`epoch ${epoch} on the accuracy tile`, async () => (await attr(page, 'metric-test-acc', 'data-epoch')) === String(epoch), 10_000);
  await until(`epoch ${epoch}'s confusion matrix`, async () => (await attr(page, 'cnn-confusion', 'data-epoch')) === String(epoch), 10_000);
}

/** Draws a vertical stroke (a "1") down the middle of the drawing canvas. */
async function drawOne(page: Page) {
  await page.getByTestId('cnn-draw').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('cnn-draw').boundingBox())!;
  const x = box.x + box.width / 2;
  await page.mouse.move(x, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(x + k * 0.3, box.y + box.height * (0.15 + 0.07 * k));
  await page.mouse.up();
}

test('CNN lab (English, light, 1440×900): blocked on a bad field, trains above 90 %, paints kernels and feature maps, a confusion matrix of every test digit, a drawn 1', { skip, timeout: 240_000 }, async () => {
  const app = await openApp({ lang: 'en-US', theme: 'light', width: 1440, height: 900, hash: 'cnn' });
  try {
    const { page } = app;
    await page.getByTestId('cnn-view').waitFor();
    await page.getByTestId('cnn-preset').selectOption('cnn_b50');
    assert.equal(await page.getByTestId('cnn-param-total').textContent(), '9,098');
    // a bad field: its reason next to it, Play blocked
    await fill(page, 'lr', 'abc');
    await page.getByTestId('cnn-lr-error').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Play' }).isDisabled(), true);
    await fill(page, 'model', 'conv(8,3) relu linear');
    assert.match((await page.getByTestId('cnn-model-reason').textContent()) ?? '', /expects flat features, got feature maps \[8, 26, 26\]; add flatten before it/);
    await page.getByTestId('cnn-preset').selectOption('cnn_b50');
    await fill(page, 'lr', '0.003');
    await fill(page, 'train', '2000');
    await fill(page, 'test', '500');
    await fill(page, 'epochs', '3');
    await fill(page, 'batch', '32');
    assert.equal(await page.getByTestId('cnn-blocked').count(), 0);
    await screenshot(page, 'cnn-en-light-1440-form');

    await page.getByRole('combobox', { name: 'Speed' }).selectOption('30'); // ~2 s an epoch: time to pause in the second
    await page.getByRole('button', { name: 'Play' }).click();
    // after the first epoch: pause, draw a 1, see it classified with the current weights
    await until('epoch 1', async () => Number(await attr(page, 'metric-epoch', 'data-value')) >= 1);
    await page.getByRole('button', { name: 'Pause' }).click();
    await until('paused', async () => (await attr(page, 'cnn-view', 'data-phase')) === 'paused');
    assert.match((await page.getByTestId('cnn-reset-to-apply').textContent()) ?? '', /^Reset to apply/);
    await drawOne(page);
    await page.getByTestId('cnn-drawn-result').waitFor();
    const pausedProbs = await page.getByTestId('cnn-drawn-probs').locator('li').evaluateAll((lis) => lis.map((li) => Number((li as unknown as { dataset: { p: string } }).dataset.p)));
    assert.equal(pausedProbs.length, 10);
    assert.ok(Math.abs(pausedProbs.reduce((a, b) => a + b, 0) - 1) < 1e-4, 'the drawing\'s class probabilities sum to 1');
    assert.equal(await attr(page, 'cnn-features', 'data-source'), 'drawn');
    // the drawing's first convolution by hand, with the kernels of the same weights, equals the engine's
    await until('the worked convolution of the drawing', async () => {
      const sum = Number(await attr(page, 'cnn-convstep', 'data-sum'));
      const engine = Number(await attr(page, 'cnn-convstep', 'data-engine'));
      return Math.abs(sum - engine) < 1e-4;
    }, 10_000);
    await screenshot(page, 'cnn-en-light-1440-drawn');
    await page.getByRole('button', { name: 'Clear' }).click();
    await until('back to a test digit', async () => (await attr(page, 'cnn-features', 'data-source')) === 'example');

    await page.getByRole('combobox', { name: 'Speed' }).selectOption('0');
    await page.getByRole('button', { name: 'Play' }).click();
    await until('the run to finish', async () => (await attr(page, 'training-status', 'data-status')) === 'completed', 120_000);
    await lastEpochShown(page, 3);
    const acc = Number(await attr(page, 'metric-test-acc', 'data-value'));
    assert.ok(acc > 0.9, `test accuracy ${acc}`);

    // kernels: 8 of 1 channel and 16 of 8 channels, all painted; feature maps through every layer
    const filters = await until('kernels painted', async () => {
      const f = await paintedCanvases(page, 'cnn-filters');
      return f.painted === f.total && f.total === 8 + 16 * 8 ? f : undefined;
    });
    assert.equal(filters.total, 136);
    const maps = await paintedCanvases(page, 'cnn-features');
    assert.ok(maps.total >= 1 + 8 + 8 + 8 + 16 && maps.painted >= maps.total - 8, `feature maps painted: ${JSON.stringify(maps)}`);
    // the feature maps as a picture: a PNG at twice their size on screen, and an SVG holding those pixels
    let download = page.waitForEvent('download');
    await page.getByTestId('cnn-features-picture-png').click();
    const png = readFileSync((await (await download).path())!);
    const box = (await page.getByTestId('cnn-features').boundingBox())!;
    assert.ok(Math.abs(png.readUInt32BE(16) - 2 * box.width) <= 2 && Math.abs(png.readUInt32BE(20) - 2 * box.height) <= 2, `PNG ${png.readUInt32BE(16)}×${png.readUInt32BE(20)} for ${box.width}×${box.height}`);
    download = page.waitForEvent('download');
    await page.getByTestId('cnn-features-picture-svg').click();
    const svg = readFileSync((await (await download).path())!, 'utf8');
    assert.match(svg, new RegExp(`^<svg [^>]*width="${Math.round(box.width)}" height="${Math.round(box.height)}"`));
    const inner = Buffer.from(/href="data:image\/png;base64,([^"]+)"/.exec(svg)![1]!, 'base64');
    assert.deepEqual([inner.readUInt32BE(16), inner.readUInt32BE(20)], [png.readUInt32BE(16), png.readUInt32BE(20)], 'the SVG holds the 2× pixels');
    // the confusion matrix holds every test digit, and its diagonal agrees with the accuracy
    assert.equal(Number(await attr(page, 'cnn-confusion', 'data-total')), 500);
    const diag = await page.getByTestId('cnn-confusion').evaluate((el) => {
      let s = 0;
      for (let k = 0; k < 10; k++) s += Number((el as unknown as { querySelector(q: string): { textContent: string | null } | null }).querySelector(`[data-cell="${k},${k}"]`)?.textContent ?? 0);
      return s;
    });
    assert.equal(diag / 500, acc);
    await page.locator('[data-cell="7,7"]').click();
    assert.ok(Number(await attr(page, 'cnn-cell-examples', 'data-count')) > 0, 'a diagonal cell has digits');
    // one convolution by hand equals the engine's value
    const sum = Number(await attr(page, 'cnn-convstep', 'data-sum'));
    const engine = Number(await attr(page, 'cnn-convstep', 'data-engine'));
    assert.ok(Math.abs(sum - engine) < 1e-4, `convolution by hand ${sum}, engine ${engine}`);
    // after the run: a drawing is classified with the run's stored weights
    await drawOne(page);
    await until('the drawing classified after the run', async () => (await attr(page, 'cnn-features', 'data-source')) === 'drawn', 20_000);
    assert.equal(await attr(page, 'cnn-drawn-probs', 'data-predicted'), '1', 'a vertical stroke is a 1, after the run too');
    await screenshot(page, 'cnn-en-light-1440-done');
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'cnn-en-light-1024');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});



test('CNN lab (简体中文, dark, 1024×700): the page in Chinese, IDX files uploaded, trained, their confusion matrix', { skip, timeout: 180_000 }, async () => {
  const app = await openApp({ lang: 'zh-CN', theme: 'dark', width: 1024, height: 700, hash: 'cnn' });
  try {
    const { page } = app;
    await page.getByRole('link', { name: '卷积神经网络' }).waitFor();
    await fill(page, 'train', '1000');
    await fill(page, 'test', '9500');
    assert.equal((await page.getByTestId('cnn-test-error').textContent())?.trim(), '训练集与测试集数字合计不得超过 10000');
    // a file that is not IDX: the host's reason, naming the file
    await page.getByTestId('cnn-upload-idx').setInputFiles([
      { name: 'train-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      { name: 'train-labels-idx1-ubyte', mimeType: 'application/octet-stream', buffer: idx([1], [0]) },
    ]);
    assert.match((await page.getByTestId('cnn-upload-error').textContent()) ?? '', /train-images-idx3-ubyte: not an IDX file/);
    const train = squares(300, 1);
    const testSet = squares(60, 2);
    await page.getByTestId('cnn-upload-idx').setInputFiles([
      { name: 'train-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: idx([300, 8, 8], train.pixels) },
      { name: 'train-labels-idx1-ubyte', mimeType: 'application/octet-stream', buffer: idx([300], train.labels) },
      { name: 't10k-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: idx([60, 8, 8], testSet.pixels) },
      { name: 't10k-labels-idx1-ubyte', mimeType: 'application/octet-stream', buffer: idx([60], testSet.labels) },
    ]);
    assert.equal(await attr(page, 'cnn-upload-summary', 'data-images'), '300');
    await page.getByTestId('cnn-preset').selectOption('custom');
    await fill(page, 'model', 'conv(4,3,pad=1) relu maxpool(2) flatten linear');
    await fill(page, 'lr', '0.01');
    await fill(page, 'batch', '30');
    await fill(page, 'epochs', '6');
    assert.equal(await page.getByTestId('cnn-param-total').textContent(), String(4 * 9 + 4 + 64 * 3 + 3));
    await page.getByRole('button', { name: '运行' }).click();
    await until('the run to finish', async () => (await attr(page, 'training-status', 'data-status')) === 'completed', 120_000);
    await lastEpochShown(page, 6);
    assert.equal(Number(await attr(page, 'cnn-confusion', 'data-total')), 60);
    assert.ok(Number(await attr(page, 'metric-test-acc', 'data-value')) >= 0.9);
    await page.getByTestId('cnn-filters').waitFor();
    await screenshot(page, 'cnn-zh-dark-1024');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'cnn-zh-dark-1440');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('CNN lab (English, dark, 1024×700): one epoch from the shipped trained model is already above 95 %; the run\'s notes name the checkpoint', { skip, timeout: 120_000 }, async () => {
  const app = await openApp({ lang: 'en-US', theme: 'dark', width: 1024, height: 700, hash: 'cnn' });
  try {
    const { page } = app;
    await page.getByTestId('cnn-view').waitFor();
    await page.getByTestId('cnn-trained-cnn-digits').click();
    assert.equal(await attr(page, 'cnn-trained', 'data-checkpoint'), 'cnn-digits');
    assert.equal(await page.getByTestId('cnn-epochs').inputValue(), '1');
    await page.getByRole('button', { name: 'Play' }).click();
    await until('the run to finish', async () => (await attr(page, 'training-status', 'data-status')) === 'completed', 60_000);
    await until('epoch 1 on the accuracy tile', async () => (await attr(page, 'metric-test-acc', 'data-epoch')) === '1', 10_000);
    const acc = Number(await attr(page, 'metric-test-acc', 'data-value'));
    assert.ok(acc >= 0.95, `one epoch on top of the shipped weights: ${acc}`);
    await screenshot(page, 'cnn-en-dark-1024-trained');
    // a new model drops the checkpoint (its weights are for the model it was trained as)
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByTestId('cnn-preset').selectOption('lenet5');
    assert.equal(await attr(page, 'cnn-trained', 'data-checkpoint'), '');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
