// #16 lessons in the browser: a lesson followed step by step (a "try this" run ticked when the app
// sees its observation, the progress count, a comparison's better side, a self-check answer), progress
// kept across a reload; then every lesson page in 简体中文 with no English word left and its formulas
// typeset by KaTeX. Screenshots go to the test artifacts.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pairLessons, readLessonFiles } from '../../src/lessons/check.js';
import { hasChromium, openApp, screenshot } from './browser.js';
import { chineseAllowedWords, loadI18nTables, visibleTexts } from './i18n-tables.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';

test('a lesson followed step by step: runs ticked, the better side marked, answers checked, progress kept', { skip }, async () => {
  const app = await openApp({ hash: 'lessons', width: 1440, height: 900 });
  try {
    const { page } = app;
    await page.getByTestId('lesson-open-gradient-descent').click();
    const lesson = page.getByTestId('lesson-gradient-descent');
    await lesson.waitFor();
    assert.equal(await page.getByTestId('lesson-progress').textContent(), '0 of 2 steps');
    assert.ok((await lesson.locator('.katex').count()) >= 3, 'the formulas are typeset');
    // step 1: lr 0.25 diverges → ticked, with the lesson's note
    await page.getByTestId('lesson-run-1').click();
    await page.getByTestId('lesson-seen-1').waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('lesson-seen-1').textContent() ?? '', /Seen: the run ends diverged.*0\.25 is above 2\/κ = 0\.2/s);
    assert.equal(await page.getByTestId('lesson-progress').textContent(), '1 of 2 steps');
    // the step's run drawn live: f of each step until it diverged (35 updates)
    const points = Number(await page.getByTestId('lesson-chart-1').getAttribute('data-points'));
    assert.ok(points >= 30 && points <= 40, `${points} points of f charted`);
    // step 2 not run: no tick
    assert.equal(await page.getByTestId('lesson-seen-2').count(), 0);
    // the comparison: both runs, the good one marked better with its f
    await page.getByTestId('lesson-run-3').click();
    await page.locator('[data-testid="lesson-compare-3-good"].winner').waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('lesson-compare-3-bad').textContent() ?? '', /race_f = 0\.0359/);
    // a wrong answer, then the right one, each explained
    await page.getByTestId('lesson-quiz-4').getByLabel('0.19').check();
    assert.match(await page.getByTestId('lesson-answer-4').textContent() ?? '', /^Not quite\. Still below 0\.2/);
    await page.getByTestId('lesson-quiz-4').getByLabel('0.21').check();
    assert.match(await page.getByTestId('lesson-answer-4').textContent() ?? '', /^Right\. Above 2\/κ/);
    await screenshot(page, 'lessons-gradient-descent-en');
    // remembered on this machine: after a reload the lesson opens where it was, with its tick and answer
    await page.reload();
    await page.getByTestId('lesson-gradient-descent').waitFor();
    assert.equal(await page.getByTestId('lesson-progress').textContent(), '1 of 2 steps');
    await page.getByTestId('lesson-seen-1').waitFor();
    assert.match(await page.getByTestId('lesson-answer-4').textContent() ?? '', /^Right\./);
    await page.getByTestId('lessons-back').click();
    assert.match(await page.getByTestId('lesson-open-gradient-descent').textContent() ?? '', /1 of 2 steps/);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('every lesson in 简体中文: no English word shows, every formula typeset', { skip }, async () => {
  const tables = await loadI18nTables();
  const allowed = chineseAllowedWords(tables);
  const lessons = pairLessons(readLessonFiles());
  const app = await openApp({ hash: 'lessons', lang: 'zh-CN', width: 1024, height: 700 });
  try {
    const { page } = app;
    const problems: string[] = [];
    for (const { zh } of lessons) {
      await page.getByTestId(`lesson-open-${zh.id}`).click();
      await page.getByTestId(`lesson-${zh.id}`).waitFor();
      const formulas = zh.blocks.reduce((n, b) => n + (b.kind === 'text' ? b.paragraphs.filter((p) => p.kind === 'math').length : 0), 0);
      assert.ok((await page.locator('.katex-display').count()) === formulas, `${zh.id}: ${formulas} display formulas typeset`);
      assert.equal(await page.locator('.katex-error').count(), 0, `${zh.id}: a formula KaTeX cannot read`);
      for (const text of await visibleTexts(app)) {
        const words = (text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((w) => w.length >= 3 && !allowed.has(w));
        if (words.length) problems.push(`${zh.id}: "${text}" has English words ${words.join(', ')}`);
      }
      await screenshot(page, `lessons-${zh.id}-zh`);
      await page.getByTestId('lessons-back').click();
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('workshop: the keyboard walks and runs a lesson\'s steps; the presenter layout scales, hides advanced controls and stays legible', { skip }, async () => {
  for (const [width, height, zoom] of [[1280, 720, 1.5], [1920, 1080, 2]] as const) {
    const app = await openApp({ hash: 'lessons', width, height });
    try {
      const { page } = app;
      await page.getByTestId('lesson-open-momentum').click();
      await page.getByTestId('lesson-momentum').waitFor();
      await page.keyboard.press('n');
      assert.equal(await page.locator('.lesson-step.current').getAttribute('data-step'), '1', 'N selects the first step');
      await page.keyboard.press('PageDown');
      await page.keyboard.press('p');
      assert.equal(await page.locator('.lesson-step.current').getAttribute('data-step'), '1', 'PageDown then P: back on the first step');
      await page.keyboard.press('Enter');
      await page.getByTestId('lesson-seen-1').waitFor({ timeout: 30_000 });
      assert.equal(await page.getByTestId('lesson-progress').textContent(), '1 of 2 steps');

      assert.equal(await page.getByTestId('lesson-reset').isVisible(), true);
      const onScreen = () => page.locator('.lesson-text p').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * (Number(getComputedStyle(document.querySelector('.app')!).zoom) || 1));
      const normal = await onScreen();
      await page.getByTestId('presenter-toggle').click();
      const scale = await page.locator('.app').evaluate((el) => Number(getComputedStyle(el).zoom));
      assert.ok(Math.abs(scale - zoom) < 1e-6, `zoom ${scale} at ${width} px, expected ${zoom}`);
      assert.equal(await page.getByTestId('lesson-reset').isVisible(), false, 'advanced controls hidden');
      const big = await onScreen();
      assert.ok(big >= 1.5 * normal - 1e-9 && big <= 2 * normal + 1e-9, `body text ${big} px on screen, ${normal} px normally: a type scale of 1.5–2×`);
      await screenshot(page, `lessons-presenter-${width}x${height}`);
      // remembered: a reload keeps the layout
      await page.reload();
      await page.getByTestId('lesson-momentum').waitFor();
      assert.equal(await page.locator('.app.presenter').count(), 1);
      await page.getByTestId('presenter-toggle').click();
      assert.equal(await page.locator('.app.presenter').count(), 0);
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
  }
});

test('"Open the lab" opens the lesson\'s lab on the lesson\'s settings', { skip }, async () => {
  const app = await openApp({ hash: 'lessons' });
  try {
    const { page } = app;
    // momentum: the playground with plain descent and momentum on Rosenbrock
    await page.getByTestId('lesson-open-momentum').click();
    await page.getByTestId('lesson-open-lab').click();
    await page.getByTestId('pg').waitFor();
    await page.locator('[data-testid="pg"][data-landscape]:not([data-landscape=""])').waitFor();
    assert.equal(await page.locator('li[data-testid^="pg-opt-"]').count(), 2);
    assert.equal(await page.getByTestId('pg-opt-0').locator('select').first().inputValue(), 'sgd');
    assert.equal(await page.getByTestId('pg-opt-1').locator('select').first().inputValue(), 'momentum');
    assert.match((await page.getByTestId('pg').getAttribute('data-landscape')) ?? '', /rosenbrock/);
    // the next visit to the playground is the user's own again (the preset was taken once)
    await page.goto(`${new URL(app.url).origin}/#lessons`);
    await page.getByTestId('lessons-back').click();
    // SGD and mini-batches: the training lab on the two moons, one hidden layer of 16 tanh units
    await page.getByTestId('lesson-open-sgd-minibatches').click();
    await page.getByTestId('lesson-open-lab').click();
    await page.getByTestId('training-view').waitFor();
    assert.equal(await page.getByTestId('training-activation').inputValue(), 'tanh');
    assert.equal(await page.getByTestId('training-layer-0').count(), 1);
    assert.equal(await page.getByTestId('training-layer-1').count(), 0, 'one hidden layer, as the lesson says');
    // the VAE lesson: 2 000 training digits, 2 epochs, 64 hidden units
    await page.goto(`${new URL(app.url).origin}/#lessons`);
    await page.getByTestId('lessons-back').click();
    await page.getByTestId('lesson-open-vae').click();
    await page.getByTestId('lesson-open-lab').click();
    await page.getByTestId('vae-view').waitFor();
    assert.deepEqual(await Promise.all(['trainCount', 'testCount', 'hidden', 'epochs'].map((id) => page.getByTestId(`vae-${id}`).inputValue())), ['2000', '500', '64', '2']);
    // the CNN lesson: its layer stack, as text, and 3 epochs at lr 0.002
    await page.goto(`${new URL(app.url).origin}/#lessons`);
    await page.getByTestId('lessons-back').click();
    await page.getByTestId('lesson-open-cnn').click();
    await page.getByTestId('lesson-open-lab').click();
    await page.getByTestId('cnn-view').waitFor();
    assert.deepEqual(await Promise.all(['lr', 'epochs'].map((id) => page.getByTestId(`cnn-${id}`).inputValue())), ['0.002', '3']);
    assert.equal(await page.getByTestId('cnn-preset').inputValue(), 'custom');
    assert.match(await page.getByTestId('cnn-model').inputValue(), /^conv\(8, ?5\) relu maxpool\(2\) flatten linear/);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
