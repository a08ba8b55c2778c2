// The GAN lab in Chromium against `gradlab serve`: a bad field blocks Play with its reason; ring8 trains
// until the modes tile reads 8 / 8 with the discriminator's field, the pull arrows and the manifold each
// changing the plane when shown; a new run stepped with D only, then G only (each tile moves alone) — in
// English (light, 1440×900). In 简体中文 (dark, 1024×700): a distribution drawn on the plane and trained
// on, and a CSV file's points loaded. In English, dark: the digits preset's image GAN and its samples.
// Screenshots of each, and no console errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Page } from 'playwright-core';

import { hasChromium, openApp, screenshot } from './browser.js';
import { until as untilWithin } from './helpers.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';
const until = <T,>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 60_000) => untilWithin(what, fn, timeoutMs);

const attr = async (page: Page, testId: string, name: string) => (await page.getByTestId(testId).first().getAttribute(name)) ?? '';
const tile = async (page: Page, id: string) => ((await page.getByTestId(`gan-${id}`).locator('.gan-tile-value').textContent()) ?? '').trim();

/** A fingerprint of the plane's pixels (changes when anything drawn changes) and how many colours it has. */
async function plane(page: Page): Promise<{ hash: number; colours: number }> {
  return page.getByTestId('gan-plane').evaluate((el) => {
    const c = el as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let hash = 0;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4) {
      const v = (d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!;
      hash = (hash * 31 + v) | 0;
      if (seen.size < 5000) seen.add(v);
    }
    return { hash, colours: seen.size };
  });
}

/** Waits for the plane to be redrawn after a change (one animation frame is enough; two to be safe). */
const settle = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('GAN lab (English, light, 1440×900): blocked on a bad field; ring8 to 8 / 8 modes with the field, arrows and manifold drawn; D-only and G-only steps', { skip, timeout: 180_000 }, async () => {
  const app = await openApp({ lang: 'en-US', theme: 'light', width: 1440, height: 900, hash: 'gan-lab' });
  try {
    const { page } = app;
    await page.getByTestId('gan-view').waitFor();
    await page.getByTestId('gan-preset').selectOption('ring8');
    await page.getByTestId('gan-steps').fill('-5');
    await page.getByTestId('gan-steps-error').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Play' }).isDisabled(), true);
    await page.getByTestId('gan-pack').fill('3');
    assert.equal(await page.getByTestId('gan-pack-error').textContent(), 'must divide the batch size (256)');
    await page.getByTestId('gan-pack').fill('2');
    await page.getByTestId('gan-steps').fill('3000');
    await screenshot(page, 'gan-en-light-1440-form');
    await page.getByRole('button', { name: 'Play' }).click();
    await until('the run to end', async () => (await attr(page, 'gan-view', 'data-phase')) === 'ended');
    await until('the last frame on the plane', async () => (await attr(page, 'gan-plane', 'data-frame-step')) === '3000', 10_000);
    await until('the modes tile to read 8', async () => (await attr(page, 'gan-modes', 'data-modes')) === '8', 10_000);
    assert.equal(await tile(page, 'modes'), '8 / 8');
    assert.match(await tile(page, 'quality'), /^\d+\.\d %$/);
    assert.equal(await attr(page, 'gan-status', 'data-status'), 'completed');
    // the charts redraw once per animation frame
    await until('every step of both losses charted', async () => (await attr(page, 'gan-chart-losses', 'data-points')) === '3000,3000', 5_000);
    await until('step 0 and an evaluation every 30 steps charted', async () => (await attr(page, 'gan-chart-modes', 'data-points')) === '101', 5_000);
    // each layer changes what is drawn
    const all = await plane(page);
    assert.ok(all.colours > 50, `the field is painted (${all.colours} colours)`);
    for (const layer of ['field', 'pull', 'fakes', 'real']) {
      await page.getByTestId(`gan-layer-${layer}`).uncheck();
      await settle(page);
      assert.notEqual((await plane(page)).hash, all.hash, `hiding ${layer} changes the plane`);
      await page.getByTestId(`gan-layer-${layer}`).check();
    }
    await page.getByTestId('gan-layer-manifold').check();
    await settle(page);
    assert.notEqual((await plane(page)).hash, all.hash, 'the manifold is drawn');
    await screenshot(page, 'gan-en-light-1440-done');

    // a new run, one step at a time: D only moves the D loss, G only the G loss
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByTestId('gan-nets').selectOption('d');
    await page.getByRole('button', { name: 'Step' }).click();
    await until('the first D-only step', async () => (await attr(page, 'gan-view', 'data-phase')) === 'paused' && (await tile(page, 'step')) === '1');
    assert.notEqual(await tile(page, 'd-loss'), '—');
    assert.equal(await tile(page, 'g-loss'), '—');
    await page.getByTestId('gan-nets').selectOption('g');
    await page.getByRole('button', { name: 'Step' }).click();
    await until('a G-only step', async () => (await tile(page, 'step')) === '2');
    assert.notEqual(await tile(page, 'g-loss'), '—');
    // a live change of a step size is taken (no refusal shown)
    await page.getByTestId('gan-gLr').fill('0.002');
    await page.getByRole('button', { name: 'Step' }).click();
    await until('a third step', async () => (await tile(page, 'step')) === '3');
    assert.equal(await page.getByTestId('gan-error').count(), 0);
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'gan-en-light-1024-stepped');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('GAN lab (简体中文, dark, 1024×700): a drawn distribution trained on; a CSV file\'s points loaded', { skip, timeout: 120_000 }, async () => {
  const app = await openApp({ lang: 'zh-CN', theme: 'dark', width: 1024, height: 700, hash: 'gan-lab' });
  try {
    const { page } = app;
    await page.getByTestId('gan-view').waitFor();
    await page.getByTestId('gan-data').selectOption('draw');
    await page.getByTestId('gan-points-error').waitFor();
    assert.equal(await page.getByRole('button', { name: '运行' }).isDisabled(), true);
    const box = (await page.getByTestId('gan-plane').boundingBox())!;
    // two strokes: a diagonal and a short vertical one
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.7);
    await page.mouse.down();
    for (let k = 1; k <= 12; k++) await page.mouse.move(box.x + box.width * (0.2 + k * 0.04), box.y + box.height * (0.7 - k * 0.03));
    await page.mouse.up();
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let k = 1; k <= 6; k++) await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * (0.2 + k * 0.03));
    await page.mouse.up();
    await settle(page);
    const drawn = Number(await attr(page, 'gan-plane', 'data-drawn'));
    assert.ok(drawn >= 3 * 19, `every press and move sprays 3 points (${drawn})`);
    assert.match((await page.getByTestId('gan-draw-help').textContent()) ?? '', new RegExp(`目前共 ${drawn} 个点`));
    await screenshot(page, 'gan-zh-dark-1024-drawn');
    await page.getByTestId('gan-steps').fill('400');
    await page.getByRole('button', { name: '运行' }).click();
    await until('the drawn run to end', async () => (await attr(page, 'gan-view', 'data-phase')) === 'ended');
    await until('its last frame', async () => (await attr(page, 'gan-plane', 'data-frame-step')) === '400', 10_000);
    assert.equal(await tile(page, 'modes'), '不适用（不是混合分布）');
    assert.ok(Number.isFinite(Number(await tile(page, 'js'))), 'a JS divergence for any distribution');
    assert.ok((await plane(page)).colours > 50);
    await screenshot(page, 'gan-zh-dark-1024-trained');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'gan-zh-dark-1440-trained');

    await page.getByRole('button', { name: '重置' }).click();
    await page.getByTestId('gan-data').selectOption('csv');
    await page.getByTestId('gan-csv').setInputFiles({ name: 'ring.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n1,0\n0,1\n-1,0\n0,-1\n0.5,0.5\n') });
    await until('the CSV points', async () => (await page.getByTestId('gan-csv-loaded').count()) > 0);
    assert.equal(await page.getByTestId('gan-csv-loaded').textContent(), '来自 ring.csv 的 5 个点（列 x、y）。');
    await page.getByTestId('gan-csv').setInputFiles({ name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from('x\n1\n2\n') });
    await until('the CSV refusal', async () => (await page.getByTestId('gan-csv-error').count()) > 0);
    assert.equal(await page.getByRole('button', { name: '运行' }).isDisabled(), true);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('GAN lab (English, dark, 1440×900): the digits preset trains an image GAN whose samples of fixed noise are painted', { skip, timeout: 120_000 }, async () => {
  const app = await openApp({ lang: 'en-US', theme: 'dark', width: 1440, height: 900, hash: 'gan-lab' });
  try {
    const { page } = app;
    await page.getByTestId('gan-view').waitFor();
    await page.getByTestId('gan-preset').selectOption('digits');
    assert.equal(await page.getByTestId('gan-zDim').inputValue(), '64');
    assert.equal(await page.getByTestId('gan-gLr').inputValue(), '0.001');
    assert.equal(await page.getByTestId('gan-dLr').inputValue(), '0.0004');
    await page.getByTestId('gan-steps').fill('150');
    await page.getByRole('button', { name: 'Play' }).click();
    await until('the digits run to end', async () => (await attr(page, 'gan-view', 'data-phase')) === 'ended');
    await page.getByTestId('gan-samples').waitFor();
    const colours = await page.getByTestId('gan-samples').evaluate((el) => {
      const c = el as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4) seen.add(d[i]!);
      return { width: c.width, greys: seen.size };
    });
    assert.equal(colours.width, 8 * 28 + 7 * 2, '8 samples a row, 2 pixels apart');
    assert.ok(colours.greys > 50, `grey levels drawn (${colours.greys})`);
    assert.equal(await page.getByTestId('gan-modes').count(), 0, 'no mode scores for images');
    assert.equal(await attr(page, 'gan-status', 'data-status'), 'completed');
    await screenshot(page, 'gan-en-dark-1440-digits');

    // from the shipped trained nets: the samples are digits at once (few mid greys, unlike 150 fresh steps)
    const midGreys = () =>
      page.getByTestId('gan-samples').evaluate((el) => {
        const c = el as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0, mid = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] === 0) continue;
          n++;
          if (d[i]! > 77 && d[i]! < 178) mid++;
        }
        return mid / n;
      });
    const fresh = await midGreys();
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByTestId('gan-trained-gan-digits').click();
    assert.equal(await attr(page, 'gan-trained', 'data-checkpoint'), 'gan-digits');
    // the trained nets go on gently, not at the from-scratch steps (G 1e-3, D 4e-4)
    assert.equal(await page.getByTestId('gan-gLr').inputValue(), '0.0002');
    assert.equal(await page.getByTestId('gan-dLr').inputValue(), '0.0002');
    await page.getByTestId('gan-steps').fill('20');
    await page.getByRole('button', { name: 'Play' }).click();
    await until('the trained run to end', async () => (await attr(page, 'gan-view', 'data-phase')) === 'ended');
    const trained = await midGreys();
    assert.ok(trained < fresh / 2, `mid greys: ${trained} from the checkpoint, ${fresh} after 150 fresh steps`);
    await screenshot(page, 'gan-en-dark-1440-digits-trained');
    // a change of the nets drops the checkpoint (its weights are for the nets it was trained as)
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByTestId('gan-zDim').fill('32');
    assert.equal(await attr(page, 'gan-trained', 'data-checkpoint'), '');
    // the convolutional nets: no widths, no trained start (the checkpoint is fully connected); WGAN-GP refused at the field
    await page.getByTestId('gan-arch').selectOption('dcgan');
    assert.equal(await page.getByTestId('gan-gHidden').count(), 0);
    assert.equal(await page.getByTestId('gan-trained').count(), 0);
    await page.getByTestId('gan-loss').selectOption('wgan-gp');
    assert.equal(await page.getByTestId('gan-arch-error').textContent(), 'WGAN-GP needs the fully connected critic: choose another loss or fully connected nets');
    await page.getByTestId('gan-loss').selectOption('non-saturating');
    await page.getByTestId('gan-dSteps').fill('1');
    await page.getByTestId('gan-steps').fill('12');
    await page.getByRole('button', { name: 'Play' }).click();
    await until('the DCGAN run to end', async () => (await attr(page, 'gan-view', 'data-phase')) === 'ended');
    assert.equal(await attr(page, 'gan-status', 'data-status'), 'completed');
    await page.getByTestId('gan-samples').waitFor();
    await screenshot(page, 'gan-en-dark-1440-dcgan');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
