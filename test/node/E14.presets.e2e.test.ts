// #16 workshop presets in the browser: the playground's settings saved as a preset file, that file
// dropped on a fresh window opening the playground on it, a #playground?preset=… link doing the same,
// and a bad preset refused with a message naming the field (nothing changed). Screenshots go to the
// test artifacts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { makePresetFile, toBase64Url } from '../../src/presets/preset-file.js';
import { hasChromium, openApp, screenshot, type App } from './browser.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';

/** Drops a file with this text on the app's window, as a user dragging it from their desktop. */
async function dropFile(app: App, name: string, text: string): Promise<void> {
  await app.page.evaluate(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      const target = document.querySelector('main') ?? document.body;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [name, text] as const,
  );
}

test('a preset saved from the playground opens by drag and drop and by link; a bad one is refused by name', { skip }, async () => {
  const first = await openApp({ hash: 'playground' });
  let saved: string;
  try {
    const { page } = first;
    await page.locator('[data-testid="pg"][data-landscape]:not([data-landscape=""])').waitFor();
    await page.getByTestId('pg-steps').fill('321');
    await page.getByTestId('pg-steps').blur();
    const download = page.waitForEvent('download');
    await page.getByTestId('pg-save-preset').click();
    const file = await (await download).path();
    saved = readFileSync(file!, 'utf8');
    const preset = JSON.parse(saved) as { format: string; version: number; lab: string; config: { steps: number; optimizers: { type: string }[] } };
    assert.deepEqual([preset.format, preset.version, preset.lab, preset.config.steps], ['gradlab-preset', 1, 'race', 321]);
    assert.deepEqual(preset.config.optimizers.map((o) => o.type), ['adam', 'momentum']);
    assert.deepEqual(first.errors, []);
  } finally {
    await first.close();
  }

  const app = await openApp({ hash: 'lessons' });
  try {
    const { page } = app;
    await page.getByTestId('lesson-open-gradient-descent').waitFor();
    // dropped on the window: the playground opens with the preset's settings
    await dropFile(app, 'race-preset.json', saved);
    await page.getByTestId('pg').waitFor();
    assert.equal(await page.getByTestId('pg-steps').inputValue(), '321');
    assert.equal(await page.locator('li[data-testid^="pg-opt-"]').count(), 2);
    // a link: #playground?preset=… opens one Nesterov optimizer, then the address is plain #playground
    const link = toBase64Url(JSON.stringify(makePresetFile('race', { function: 'himmelblau', steps: 77, optimizers: [{ type: 'nesterov', lr: 0.002, beta: 0.8 }] })));
    await page.goto(`${new URL(app.url).origin}/#playground?preset=${link}`);
    await page.locator('[data-testid="pg"][data-landscape*="himmelblau"]').waitFor();
    assert.equal(await page.getByTestId('pg-steps').inputValue(), '77');
    assert.equal(await page.getByTestId('pg-opt-0').locator('select').first().inputValue(), 'nesterov');
    assert.equal(new URL(page.url()).hash, '#playground');
    // a bad preset: refused with the field named, the playground as it was
    await dropFile(app, 'bad.json', JSON.stringify(makePresetFile('race', { function: 'himmelblau', steps: -5, optimizers: [{ type: 'sgd' }] })));
    await page.getByTestId('preset-error').waitFor();
    assert.match((await page.getByTestId('preset-error').textContent()) ?? '', /This preset was not opened: preset\.config\.steps: expected an integer in \[1, 10000000\], got -5/);
    assert.equal(await page.getByTestId('pg-steps').inputValue(), '77');
    await screenshot(page, 'preset-refused');
    // the kit labs save through their run bar: the GAN lab's settings, dropped again, open the GAN lab
    await page.goto(`${new URL(app.url).origin}/#gan-lab`);
    await page.getByTestId('gan-zDim').fill('3');
    const ganDownload = page.waitForEvent('download');
    await page.getByTestId('gan-save-preset').click();
    const gan = readFileSync((await (await ganDownload).path())!, 'utf8');
    const ganPreset = JSON.parse(gan) as { lab: string; config: { data: string; z_dim: number } };
    assert.deepEqual([ganPreset.lab, ganPreset.config.z_dim], ['gan', 3]);
    await page.goto(`${new URL(app.url).origin}/#lessons`);
    await dropFile(app, 'gan-preset.json', gan);
    await page.getByTestId('gan-zDim').waitFor();
    assert.equal(await page.getByTestId('gan-zDim').inputValue(), '3');
    // a text cannot be a preset yet: the RNN lab on its English text offers no save
    await page.goto(`${new URL(app.url).origin}/#rnn-lab`);
    await page.getByTestId('rnn-save-preset').waitFor();
    assert.equal(await page.getByTestId('rnn-save-preset').isDisabled(), true);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
