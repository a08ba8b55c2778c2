// The optimizer playground in Chromium against `gradlab serve`: a race of Adam and Momentum on
// Rosenbrock grows on the map and the chart while running, stands still when paused, advances exactly
// one step per Step, and its numbers panel shows the engine's own numbers (checked against the same race
// run here with startRace); a live learning-rate change reaches the engine; a malformed formula shows
// its error next to the field and a valid one then races; screenshots in both themes and sizes.
import assert from 'node:assert/strict';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import type { Page } from 'playwright-core';

import { playgroundStrings } from '../../app/renderer/src/views/playground/strings.js';
import { describeFunction, LabError } from '../../src/native/index.js';
import { hasChromium, screenshot } from './browser.js';
import { clientFor } from './experiments-helpers.js';
import { attr, close, engineRows, numAttr, openPlayground, panelNumbers, until } from './playground-helpers.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';
const ROSENBROCK_RACE = {
  function: 'rosenbrock' as const,
  start: [-1.5, 2] as [number, number],
  steps: 500,
  optimizers: [
    { type: 'adam' as const, lr: 0.01 },
    { type: 'momentum' as const, lr: 0.001, beta: 0.9 },
  ],
};

async function ready(page: Page, landscape: string): Promise<void> {
  await page.locator(`[data-testid="pg"][data-landscape='${landscape}']`).waitFor({ timeout: 60_000 });
}
/** Console errors of the page, less the shell's known CSP warning (index.html lists ws://[::1]:*, which Chromium rejects). */
const pageErrors = (errors: string[]) => errors.filter((e) => !e.includes("contains an invalid source: 'ws://[::1]:*'"));
const phase = (page: Page) => attr(page, 'pg', 'data-phase');
const mapPoints = (page: Page) => numAttr(page, 'pg-map', 'data-points');
const mapStep = (page: Page) => numAttr(page, 'pg-map', 'data-step');
const chartPoints = (page: Page) => numAttr(page, 'pg-chart', 'data-points');

/** Compares the panel's numbers at its step with the engine's rows: full precision and as shown (6 digits). */
async function checkPanel(page: Page, rows: Record<string, number[]>, names: string[]): Promise<number> {
  const k = await numAttr(page, 'pg-numbers', 'data-step');
  assert.ok(k >= 1, `the panel shows an update (step ${k})`);
  const shown = await panelNumbers(page);
  const expected: Record<string, number> = {
    x_prev: rows.x![k - 1]!,
    y_prev: rows.y![k - 1]!,
    gx: rows.gx![k - 1]!,
    gy: rows.gy![k - 1]!,
    gnorm: rows.gnorm![k - 1]!,
    lr: rows.lr![k]!,
    x: rows.x![k]!,
    y: rows.y![k]!,
    f: rows.f![k]!,
  };
  for (const n of names) expected[n] = rows[n]![k]!;
  for (const [name, want] of Object.entries(expected)) {
    const got = shown[name];
    assert.ok(got, `the panel shows ${name}`);
    assert.ok(close(got.value, want, 1e-12), `${name} at step ${k}: panel ${got.value}, engine ${want}`);
    const text = Number(got.text.replace(/−/g, '-'));
    assert.ok(close(text, want, 5e-6), `${name} at step ${k} as shown "${got.text}" vs engine ${want} (6 significant digits)`);
  }
  return k;
}

test('race Adam and Momentum on Rosenbrock: grows, pauses, steps one at a time, shows the engine’s numbers', { skip }, async () => {
  const app = await openPlayground({ width: 1366, height: 768, lang: 'en-US' });
  try {
    const { page } = app;
    await ready(page, '"rosenbrock"');
    const expected = await engineRows(ROSENBROCK_RACE);

    // running: the trails and the chart grow (30 steps per second, the default speed)
    await page.getByRole('button', { name: 'Play' }).click();
    const a = await until(() => mapPoints(page), (n) => n > 6, 'points on the map');
    const ca = await until(() => chartPoints(page), (n) => n > 2, 'points on the chart');
    await sleep(600);
    const b = await mapPoints(page);
    const cb = await chartPoints(page);
    assert.ok(b > a, `trails grow while running (${a} → ${b})`);
    assert.ok(cb > ca, `the chart grows while running (${ca} → ${cb})`);

    // paused: nothing moves
    await page.getByRole('button', { name: 'Pause' }).click();
    await until(() => phase(page), (p) => p === 'paused', 'paused');
    await sleep(150);
    const p1 = await mapPoints(page);
    const s1 = await mapStep(page);
    const c1 = await chartPoints(page);
    await sleep(500);
    assert.equal(await mapPoints(page), p1, 'no point added while paused');
    assert.equal(await chartPoints(page), c1, 'the chart stands still while paused');
    assert.equal(p1, 2 * (s1 + 1), 'both optimizers drawn up to the paused step (rows 0…k each)');

    // one step: exactly one more row per optimizer
    await page.getByRole('button', { name: 'Step' }).click();
    await until(() => mapStep(page), (s) => s === s1 + 1, 'one step');
    await sleep(300);
    assert.equal(await mapStep(page), s1 + 1, 'exactly one step');
    assert.equal(await mapPoints(page), p1 + 2, 'one row per optimizer');
    await until(() => numAttr(page, 'pg-numbers', 'data-step'), (k) => k === s1 + 1, 'the panel follows the step');
    await page.keyboard.press('ArrowRight'); // → is Step too
    await until(() => mapStep(page), (s) => s === s1 + 2, 'one step by the keyboard');
    await until(() => numAttr(page, 'pg-numbers', 'data-step'), (k) => k === s1 + 2, 'the panel follows');

    // the numbers of Adam's update, then Momentum's, against the engine's own race
    const kAdam = await checkPanel(page, expected[0]!, ['m_x', 'm_y', 'v_x', 'v_y', 'm_hat_x', 'm_hat_y', 'v_hat_x', 'v_hat_y']);
    assert.equal(kAdam, s1 + 2);
    await page.getByTestId('pg-numbers-optimizer').selectOption('1');
    await until(() => numAttr(page, 'pg-numbers', 'data-index'), (i) => i === 1, 'Momentum selected');
    await checkPanel(page, expected[1]!, ['v_x', 'v_y']);
    assert.equal(await page.getByTestId('pg-status-0').textContent(), 'paused');
    await screenshot(page, 'playground-race-1366');

    // a live learning-rate change reaches the engine: the next update uses it, from the numbers shown
    await page.getByTestId('pg-opt-1-lr').fill('0.002');
    await sleep(200);
    await page.getByRole('button', { name: 'Step' }).click();
    await until(() => mapStep(page), (s) => s === s1 + 3, 'a step after the change');
    await until(() => numAttr(page, 'pg-numbers', 'data-step'), (k) => k === s1 + 3, 'the panel follows');
    const after = await panelNumbers(page);
    assert.equal(after.lr!.value, 0.002, 'the update used the new learning rate');
    // Momentum by hand from the previous row: v = β·v − lr·g; θ = θ + v
    const k = s1 + 3;
    const vPrev = expected[1]!.v_x![k - 1]!;
    const vx = 0.9 * vPrev - 0.002 * expected[1]!.gx![k - 1]!;
    assert.ok(close(after.v_x!.value, vx, 1e-12), `v_x = β·v − lr·g = ${vx}, shown ${after.v_x!.value}`);
    assert.ok(close(after.x!.value, expected[1]!.x![k - 1]! + vx, 1e-12), 'θ_x = θ_x + v_x');

    // gradient noise switched on live: g (noise included) parts from ‖∇f‖ (without), which before agreed
    assert.ok(close(Math.hypot(after.gx!.value, after.gy!.value), after.gnorm!.value, 1e-12), 'no noise yet: ‖g‖ = ‖∇f‖');
    await page.getByTestId('pg-noise').fill('0.5');
    await sleep(200);
    for (const target of [k + 1, k + 2]) {
      await page.getByRole('button', { name: 'Step' }).click();
      await until(() => numAttr(page, 'pg-numbers', 'data-step'), (s) => s === target, `step ${target}`);
    }
    const noisy = await panelNumbers(page);
    const ratio = Math.hypot(noisy.gx!.value, noisy.gy!.value) / noisy.gnorm!.value;
    assert.ok(Math.abs(ratio - 1) > 1e-6, `with σ = 0.5 the gradient used is noisy (‖g‖/‖∇f‖ = ${ratio})`);
    await page.getByTestId('pg-noise').fill('0');

    // resume with Space (outside any field), then reset (R) clears everything
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(' ');
    await until(() => mapStep(page), (s) => s > k + 4, 'running again');
    assert.equal(await phase(page), 'running');
    await page.keyboard.press('r');
    await until(() => phase(page), (p) => p === 'idle', 'reset');
    await until(() => mapPoints(page), (n) => n === 0, 'the map cleared');

    // Step before any run: a run that advanced exactly one update and waits
    await page.getByRole('button', { name: 'Step' }).click();
    await until(() => phase(page), (p) => p === 'paused', 'paused after the first step');
    await until(() => mapStep(page), (s) => s === 1, 'step 1');
    await sleep(400);
    assert.equal(await mapStep(page), 1, 'still step 1: the run waits');
    await page.getByRole('button', { name: 'Step' }).click();
    await until(() => mapStep(page), (s) => s === 2, 'step 2');
    await page.getByTestId('pg-numbers-optimizer').selectOption('0');
    await until(() => numAttr(page, 'pg-numbers', 'data-index'), (i) => i === 0, 'Adam selected');
    const k2 = await checkPanel(page, expected[0]!, ['m_hat_x', 'v_hat_y']);
    assert.equal(k2, 2);
    assert.deepEqual(pageErrors(app.errors), []);
  } finally {
    await app.close();
  }
});

test('a malformed formula shows its error next to the field; a valid one then draws and races', { skip }, async () => {
  const app = await openPlayground({ width: 1366, height: 768, lang: 'en-US' });
  try {
    const { page } = app;
    await ready(page, '"rosenbrock"');
    await page.getByTestId('pg-landscape').selectOption('__formula__');
    await ready(page, JSON.stringify({ formula: 'x^2 + 3*y^2' }));

    const bad = 'x^2 + * y';
    let position = -1;
    try {
      describeFunction({ formula: bad });
    } catch (e) {
      assert.ok(e instanceof LabError && e.code === 'FORMULA_SYNTAX');
      position = e.position!;
    }
    assert.ok(position > 0, 'the engine refuses the formula with a position');
    await page.getByTestId('pg-formula').fill(bad);
    const err = page.getByTestId('pg-formula-error');
    await err.waitFor();
    assert.equal(await err.getAttribute('data-position'), String(position));
    assert.match((await err.textContent()) ?? '', new RegExp(`position ${position}`));
    assert.equal(await err.locator('mark').textContent(), bad[position - 1], 'the marked character is the one at the position');
    await screenshot(page, 'playground-formula-error');
    // the app keeps working: the last good landscape is still drawn and can race
    assert.equal(await attr(page, 'pg', 'data-landscape'), JSON.stringify({ formula: 'x^2 + 3*y^2' }));

    const good = 'x^2 + 3*y^2 + 0.5*x*y';
    await page.getByTestId('pg-formula').fill(good);
    await ready(page, JSON.stringify({ formula: good }));
    assert.equal(await err.count(), 0, 'the error is gone');
    await page.getByRole('toolbar').getByRole('combobox').selectOption('0'); // max speed
    await page.getByTestId('pg-steps').fill('200');
    await page.getByRole('button', { name: 'Play' }).click();
    await until(() => phase(page), (p) => p === 'ended', 'the race ended');
    await until(() => mapStep(page), (s) => s === 200, 'all 200 steps drawn');
    await until(() => chartPoints(page), (n) => n === 201, 'the chart holds rows 0…200');
    const rows = await engineRows({ function: { formula: good }, start: [-2, 2], steps: 200, optimizers: ROSENBROCK_RACE.optimizers });
    await until(() => numAttr(page, 'pg-numbers', 'data-step'), (k) => k === 200, 'the panel at the last step');
    await checkPanel(page, rows[0]!, ['m_x', 'v_y']);
    assert.equal(await page.getByTestId('pg-status-0').textContent(), 'completed');

    // a click on the map moves the start there: the next race begins at the clicked point
    const box = (await page.getByTestId('pg-map').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.62, box.y + box.height * 0.35);
    await until(() => phase(page), (p) => p === 'idle', 'a new start resets the race');
    const legend = (await page.getByTestId('pg-start').textContent()) ?? '';
    const [sx, sy] = /\(([^,]+), ([^)]+)\)/.exec(legend)!.slice(1).map((v) => Number(v.replace(/−/g, '-'))) as [number, number];
    assert.ok(sx > 0 && sy > 0 && !(sx === -2 && sy === 2), `the start moved to the clicked point (${sx}, ${sy})`);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight'); // Step: a run from the new start
    await until(() => numAttr(page, 'pg-numbers', 'data-step'), (k) => k === 1, 'one step from the new start');
    const fromClick = await engineRows({ function: { formula: good }, start: [sx, sy], steps: 200, optimizers: ROSENBROCK_RACE.optimizers });
    await checkPanel(page, fromClick[0]!, ['m_hat_x', 'v_hat_y']);
    const first = await panelNumbers(page);
    assert.deepEqual([first.x_prev!.value, first.y_prev!.value], [sx, sy], 'θ0 is the clicked point');
    assert.deepEqual(pageErrors(app.errors), []);
  } finally {
    await app.close();
  }
});

/** The view fits the window: no page scrolling, and the map, the controls, the chart and the numbers are on screen. */
async function checkFits(page: Page, width: number, height: number): Promise<void> {
  const fit = await page.evaluate(`(() => {
    const box = (id) => { const r = document.querySelector('[data-testid="' + id + '"]').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const content = document.querySelector('.content');
    return {
      page: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
      content: [content.scrollHeight, content.clientHeight],
      map: box('pg-map'), chart: box('pg-chart'), numbers: box('pg-numbers'),
      controls: (() => { const r = document.querySelector('.run-controls').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })(),
    };
  })()`) as { page: number[]; content: number[]; map: number[]; chart: number[]; numbers: number[]; controls: number[] };
  assert.ok(fit.page[0]! <= width && fit.page[1]! <= height, `no page scrolling at ${width}×${height}: ${fit.page.join('×')}`);
  assert.ok(fit.content[0]! <= fit.content[1]! + 1, `the view fits its area: ${fit.content.join(' ≤ ')}`);
  for (const [name, r] of Object.entries({ map: fit.map, chart: fit.chart, numbers: fit.numbers, controls: fit.controls }))
    assert.ok(r[0]! >= 0 && r[1]! >= 0 && r[2]! <= width && r[3]! <= height, `${name} on screen at ${width}×${height}: ${r.map(Math.round).join(',')}`);
  const mapSide = Math.min(fit.map[2]! - fit.map[0]!, fit.map[3]! - fit.map[1]!);
  assert.ok(mapSide >= height * 0.6, `the map is big (${Math.round(mapSide)} px)`);
}

test('dark theme at 1366×768 and 1920×1080, 简体中文 with no English left, and no long tasks while a race streams at full speed', { skip }, async () => {
  const app = await openPlayground({ width: 1366, height: 768, lang: 'en-US', theme: 'dark' });
  try {
    const { page } = app;
    await ready(page, '"rosenbrock"');
    assert.equal(await page.evaluate('document.documentElement.dataset.theme'), 'dark');
    await page.getByTestId('pg-steps').fill('100000'); // long enough never to end before the pause, however slow the machine
    await page.getByRole('toolbar').getByRole('combobox').selectOption('100');
    await page.getByRole('button', { name: 'Play' }).click();
    await until(() => mapStep(page), (s) => s >= 150, '150 steps');
    await page.getByRole('button', { name: 'Pause' }).click();
    await until(() => phase(page), (p) => p === 'paused', 'paused');
    await checkFits(page, 1366, 768);
    await screenshot(page, 'playground-dark-1366');

    // 简体中文: none of the view's English strings is left on the page
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('link', { name: '优化器演练场' }).waitFor();
    const text = await page.getByTestId('pg').innerText();
    for (const [key, english] of Object.entries(playgroundStrings.en)) {
      for (const part of english.split(/\{\w+\}/)) {
        const words = part.trim();
        if (/[A-Za-z]{3,}/.test(words) && words.length >= 4) assert.ok(!text.includes(words), `"${words}" (${key}) is still English in 中文`);
      }
    }
    assert.ok(text.includes('一次更新的实际数值') && text.includes('一阶矩 m') && text.includes('偏差修正后的 m̂') && text.includes('学习率 lr'));
    await checkFits(page, 1366, 768);
    await screenshot(page, 'playground-zh-dark-1366');
    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('link', { name: 'Optimizer playground' }).waitFor();

    await page.setViewportSize({ width: 1920, height: 1080 });
    await sleep(400);
    await checkFits(page, 1920, 1080);
    await screenshot(page, 'playground-dark-1920');

    // full speed, a long race: the page's long tasks stay short while it streams
    await page.keyboard.press('r');
    await until(() => phase(page), (p) => p === 'idle', 'reset');
    const steps = 60000;
    await page.getByTestId('pg-steps').fill(String(steps));
    await page.getByRole('toolbar').getByRole('combobox').selectOption('0');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')!.value;
    await page.evaluate(`(() => {
      window.__long = [];
      window.__frames = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
      let last = performance.now();
      const tick = (now) => { window.__frames.push(now - last); last = now; if (document.querySelector('[data-testid="pg"]').dataset.phase !== 'ended') requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const cpu0 = await threadTime();
    const load = os.loadavg()[0]!;
    await page.getByRole('button', { name: 'Play' }).click();
    // polled only twice a second: each look from here is work for the page being measured
    await until(() => phase(page), (p) => p === 'ended', 'the long race ended', 120_000, 500);
    const cpu = (await threadTime()) - cpu0;
    await until(() => mapStep(page), (s) => s === steps, 'every step drawn');
    await until(() => chartPoints(page), (n) => n === steps + 1, 'every row charted');
    const { long, frames } = (await page.evaluate('({ long: window.__long, frames: window.__frames })')) as { long: number[]; frames: number[] };
    const sorted = [...frames].sort((x, y) => x - y);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    const perPoint = (cpu * 1e6) / (2 * (steps + 1));
    console.log(`main thread: ${Math.round(cpu * 1000)} ms CPU for ${2 * (steps + 1)} points (${perPoint.toFixed(1)} µs each); long tasks: ${long.length} (max ${Math.round(Math.max(0, ...long))} ms); frames: ${frames.length}, median ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(1)} ms, p95 interval ${p95.toFixed(1)} ms; load ${load.toFixed(1)} on ${os.cpus().length} cores`);
    // The page's own work, whatever the machine's load: a few microseconds of main-thread CPU per point.
    assert.ok(perPoint < 25, `main-thread CPU per streamed point ${perPoint.toFixed(1)} µs (< 25)`);
    // No task of the page comes near a freeze, whatever the load (CI at load 3.5 on 2 cores: max 62 ms).
    assert.ok(Math.max(0, ...long) < 250, `no long task near a freeze: ${long.map(Math.round).join(', ')}`);
    // Most frames come at the display's rate while the race streams (2 cores, load 1.5–3: median 16.7 ms).
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    assert.ok(median < 25, `the median frame interval while streaming is ${median.toFixed(1)} ms (< 25)`);
    // The slowest frames measure the machine as much as the page: with the host computing flat out on one
    // of two cores, Chromium's software raster waits for the other (p95 50–100 ms here, no long task on
    // the page's thread), so the tail is checked only on a machine with cores and load to spare.
    if (os.cpus().length >= 4 && load <= os.cpus().length * 0.75) {
      assert.ok(p95 < 50, `95% of frames within 50 ms while streaming (p95 ${p95.toFixed(1)} ms)`);
      assert.ok(long.length <= 2, `at most two long tasks (over 50 ms) in the whole race: ${long.map(Math.round).join(', ')}`);
    } else console.log(`frame tail not checked: load average ${load.toFixed(1)} on ${os.cpus().length} cores`);
    assert.deepEqual(pageErrors(app.errors), []);
  } finally {
    await app.close();
  }
});

test('an optimizer that diverges is marked so while the others race on; log scale; add and remove', { skip }, async () => {
  const app = await openPlayground({ width: 1366, height: 768, lang: 'en-US' });
  try {
    const { page } = app;
    await ready(page, '"rosenbrock"');
    await page.getByTestId('pg-landscape').selectOption('quadratic');
    await ready(page, '"quadratic"');
    await page.getByTestId('pg-param-kappa').fill('20');
    await ready(page, JSON.stringify({ name: 'quadratic', params: { kappa: 20 } }));
    // a third optimizer: plain gradient descent with lr·κ = 3 > 2, which must diverge along y
    await page.getByTestId('pg-add').click();
    await page.getByTestId('pg-opt-2-lr').fill('0.15');
    await page.getByTestId('pg-steps').fill('300');
    await page.getByRole('toolbar').getByRole('combobox').selectOption('0');
    await page.getByRole('button', { name: 'Play' }).click();
    await until(() => phase(page), (p) => p === 'ended', 'the race ended');
    const rows = await engineRows({
      function: { name: 'quadratic', params: { kappa: 20 } },
      start: [-2, 1],
      steps: 300,
      optimizers: [...ROSENBROCK_RACE.optimizers, { type: 'sgd', lr: 0.15 }],
    });
    const divergedAtStep = rows[2]!.step!.length - 1;
    assert.ok(divergedAtStep < 300, `the engine stops SGD early (step ${divergedAtStep})`);
    await until(() => attr(page, 'pg-status-2', 'data-status'), (s) => s === 'diverged', 'SGD marked diverged');
    assert.equal(await page.getByTestId('pg-status-2').textContent(), 'diverged');
    assert.equal(await attr(page, 'pg-status-0', 'data-status'), 'completed');
    assert.equal(await attr(page, 'pg-status-1', 'data-status'), 'completed');
    await until(() => mapPoints(page), (n) => n === 301 + 301 + divergedAtStep + 1, 'every row of all three drawn');
    await until(() => chartPoints(page), (n) => n === 301, 'the chart runs to the end past the diverged one');
    // the numbers of the diverged optimizer's last update are the engine's
    await page.getByTestId('pg-numbers-optimizer').selectOption('2');
    await until(() => numAttr(page, 'pg-numbers', 'data-step'), (k) => k === divergedAtStep, 'its last step');
    await checkPanel(page, rows[2]!, []);
    // log scale of f − f* (f* = 0 here): the chart is rebuilt with every row
    await page.getByTestId('pg-log').check();
    await until(() => chartPoints(page), (n) => n === 301, 'the log chart holds every row');
    await screenshot(page, 'playground-diverged-log');
    // the list can shrink again after Reset
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await until(() => phase(page), (p) => p === 'idle', 'reset');
    await page.getByTestId('pg-opt-2').getByRole('button', { name: 'Remove' }).click();
    assert.equal(await page.getByTestId('pg-opt-2').count(), 0);
    assert.deepEqual(pageErrors(app.errors), []);
  } finally {
    await app.close();
  }
});

// #11 defect 3: steps -5, lr "abc" or the formula "x^^2" showed red, yet Play ran the previous values,
// recorded a duplicate run, and the map kept the old landscape. Play now waits, saying which fields.
test('invalid fields hold Play and say which; fixed, Play runs what the fields say', { skip }, async () => {
  const app = await openPlayground({ width: 1024, height: 700, lang: 'en-US' });
  const client = await clientFor(app.url);
  try {
    const { page } = app;
    await ready(page, '"rosenbrock"');
    const play = page.getByRole('button', { name: 'Play' });
    const blocked = page.getByTestId('pg-blocked');
    const runs = async () => (await client.request('runs/list', {})).runs.length;
    const before = await runs();

    await page.getByTestId('pg-steps').fill('-5');
    await blocked.waitFor();
    assert.match((await blocked.textContent()) ?? '', /Fix these first, then Play: Steps/);
    assert.equal(await play.isDisabled(), true);
    await page.getByTestId('pg-opt-0-lr').fill('abc');
    await blocked.filter({ hasText: 'Steps, lr' }).waitFor();
    await screenshot(page, 'playground-blocked-1024');
    await page.getByTestId('pg-steps').fill('40');
    await page.getByTestId('pg-opt-0-lr').fill('0.02');
    await until(() => blocked.count(), (n) => n === 0, 'the reason goes once the fields are valid');

    await page.getByTestId('pg-landscape').selectOption('__formula__');
    await ready(page, JSON.stringify({ formula: 'x^2 + 3*y^2' }));
    await page.getByTestId('pg-formula').fill('x^^2');
    await page.getByTestId('pg-formula-error').waitFor();
    await blocked.filter({ hasText: 'Formula' }).waitFor();
    assert.equal(await play.isDisabled(), true);
    assert.equal(await runs(), before, 'nothing ran, nothing was recorded');

    await page.getByTestId('pg-formula').fill('x^2 + 2*y^2');
    await ready(page, JSON.stringify({ formula: 'x^2 + 2*y^2' }));
    await play.click();
    await until(() => phase(page), (p) => p === 'ended', 'the race ends');
    const list = (await client.request('runs/list', {})).runs;
    assert.equal(list.length, before + 1);
    const config = (await client.request('runs/get', { id: list[0]!.id })).run.config as { steps: number; function: unknown; optimizers: { lr: number }[] };
    assert.deepEqual([config.steps, config.function, config.optimizers[0]!.lr], [40, { formula: 'x^2 + 2*y^2' }, 0.02]);
  } finally {
    client.close();
    await app.close();
  }
});

// #11 defect 10: log(x) + y² started at x < 0 "diverged at step 0" without saying why.
test('a start where f is not a number: the race stops at step 0 and says so', { skip }, async () => {
  const app = await openPlayground({ width: 1366, height: 768, lang: 'zh-CN' });
  try {
    const { page } = app;
    await ready(page, '"rosenbrock"');
    await page.getByTestId('pg-landscape').selectOption('__formula__');
    await ready(page, JSON.stringify({ formula: 'x^2 + 3*y^2' }));
    await page.getByTestId('pg-formula').fill('log(x) + y^2');
    await ready(page, JSON.stringify({ formula: 'log(x) + y^2' }));
    await page.getByRole('button', { name: '运行' }).click();
    const why = page.getByTestId('pg-start-nan');
    await why.waitFor();
    assert.match((await why.textContent()) ?? '', /起点 \(−?[\d.]+, −?[\d.]+\) 处 f 不是一个数（f = NaN）/);
    assert.equal(await page.getByTestId('pg-status-0').getAttribute('data-status'), 'diverged');
  } finally {
    await app.close();
  }
});

// #11 defect 9: Play → Pause widened the button and shifted the map by 12 px.
test('Play → Pause moves nothing: the button keeps its width and the map its place', { skip }, async () => {
  for (const lang of ['en-US', 'zh-CN'] as const) {
    const app = await openPlayground({ width: 1024, height: 700, lang });
    try {
      const { page } = app;
      await ready(page, '"rosenbrock"');
      const button = page.locator('.run-controls .play-pause');
      const map = page.getByTestId('pg-map');
      const before = [(await button.boundingBox())!, (await map.boundingBox())!];
      await button.click();
      await until(() => phase(page), (p) => p === 'running', 'running');
      assert.equal(await button.getAttribute('data-running'), 'true');
      const after = [(await button.boundingBox())!, (await map.boundingBox())!];
      assert.equal(after[0]!.width, before[0]!.width, `${lang}: the button's width`);
      assert.deepEqual([after[1]!.x, after[1]!.y, after[1]!.width], [before[1]!.x, before[1]!.y, before[1]!.width], `${lang}: the map's place`);
    } finally {
      await app.close();
    }
  }
});

// #11: learning-rate schedules in the playground too, per optimizer.
test('a step-decay schedule for one optimizer reaches the race', { skip }, async () => {
  const app = await openPlayground({ width: 1440, height: 900, lang: 'en-US' });
  const client = await clientFor(app.url);
  try {
    const { page } = app;
    await ready(page, '"rosenbrock"');
    await page.getByTestId('pg-steps').fill('30');
    await page.getByTestId('pg-opt-0-schedule').selectOption('step');
    await page.getByTestId('pg-opt-0-schedule-step_size').fill('10');
    await page.getByTestId('pg-opt-0-schedule-gamma').fill('0.5');
    await page.getByRole('button', { name: 'Play' }).click();
    await until(() => phase(page), (p) => p === 'ended', 'the race ends');
    const id = Number(await attr(page, 'pg', 'data-run'));
    const config = (await client.request('runs/get', { id })).run.config as { optimizers: { schedule?: unknown }[] };
    assert.deepEqual(config.optimizers[0]!.schedule, { type: 'step', step_size: 10, gamma: 0.5 });
    assert.equal(config.optimizers[1]!.schedule, undefined);
  } finally {
    client.close();
    await app.close();
  }
});

test('the map zooms about the cursor, pans by a drag and takes a typed range; the numbers’ step is marked on the map and the chart', { skip }, async () => {
  const app = await openPlayground({ width: 1366, height: 768, lang: 'en-US' });
  try {
    const { page } = app;
    await ready(page, '"rosenbrock"');
    const bounds = async () => ((await attr(page, 'pg-map', 'data-bounds')) ?? '').split(',').map(Number);
    const whole = await until(bounds, (b) => b.length === 4 && b.every(Number.isFinite), 'the first grid');
    const span = (b: number[]) => [b[1]! - b[0]!, b[3]! - b[2]!];
    const legend = () => page.getByTestId('pg-start').textContent();
    const startBefore = await legend();

    // the wheel zooms ×1.25 about the cursor: the point under it keeps its place (the readout says the same)
    const box = (await page.getByTestId('pg-map').boundingBox())!;
    const [cx, cy] = [box.x + box.width * 0.4, box.y + box.height * 0.45];
    await page.mouse.move(cx, cy);
    const readout = page.locator('.pg-map-readout');
    const before = await readout.textContent();
    await page.mouse.wheel(0, -100);
    const zoomed = await until(bounds, (b) => b[0] !== whole[0], 'a zoomed grid');
    for (const a of [0, 1]) assert.ok(Math.abs(span(zoomed)[a]! - span(whole)[a]! / 1.25) < 1e-9 * span(whole)[a]!, `span ${a}: ${span(zoomed)[a]} = ${span(whole)[a]} / 1.25`);
    await page.mouse.move(cx + 1, cy);
    await page.mouse.move(cx, cy);
    // (x and y to 3 digits; f is read off the nearest grid point, which the new grid moves)
    const xy = (text: string | null) => (text ?? '').replace(/\s+f ≈.*$/, '');
    assert.equal(xy(await readout.textContent()), xy(before), 'the point under the cursor stays put');

    // a drag pans: x moves left by the dragged width, y stays, the spans stay, and the start does not move
    await page.mouse.down();
    await page.mouse.move(cx + 60, cy, { steps: 4 });
    await page.mouse.up();
    const panned = await until(bounds, (b) => b[0] !== zoomed[0], 'a panned grid');
    assert.ok(panned[0]! < zoomed[0]! && Math.abs(panned[2]! - zoomed[2]!) < 1e-12, `panned left: ${zoomed.join(',')} → ${panned.join(',')}`);
    assert.ok(Math.abs(span(panned)[0]! - span(zoomed)[0]!) < 1e-9 && Math.abs(span(panned)[1]! - span(zoomed)[1]!) < 1e-9, 'the spans stay');
    assert.equal(await legend(), startBefore, 'a drag is not a click: the start stays');

    // a typed range: a bad field is named, Apply waits; a good one is what the engine evaluates
    await page.getByTestId('pg-range').click();
    await page.getByTestId('pg-range-xmin').fill('abc');
    await page.getByTestId('pg-range-error-xmin').getByText('x from: expected a number').waitFor();
    assert.equal(await page.getByTestId('pg-range-apply').isDisabled(), true);
    await page.getByTestId('pg-range-xmin').fill('-2');
    await page.getByTestId('pg-range-xmax').fill('1.5');
    await page.getByTestId('pg-range-ymin').fill('2');
    await page.getByTestId('pg-range-ymax').fill('-0.5');
    await page.getByTestId('pg-range-error-y').getByText('y: expected from < to').waitFor();
    await page.getByTestId('pg-range-ymin').fill('-0.5');
    await page.getByTestId('pg-range-ymax').fill('3');
    await page.getByTestId('pg-range-apply').click();
    await until(bounds, (b) => b.join(',') === '-2,1.5,-0.5,3', 'the typed range');

    // the numbers' step marked: a 100-step race, the panel set to step 40 → rings on the map, a line on the chart
    await page.getByRole('toolbar').getByRole('combobox').selectOption('0'); // max speed
    await page.getByTestId('pg-steps').fill('100');
    await page.getByRole('button', { name: 'Play' }).click();
    await until(() => phase(page), (p) => p === 'ended', 'the race ended');
    assert.equal(await attr(page, 'pg-map', 'data-mark'), '', 'following the latest step: no mark');
    await page.getByTestId('pg-numbers-step').fill('40');
    await until(() => attr(page, 'pg-map', 'data-mark'), (m) => m === '40', 'the map marks step 40');
    await page.locator('[data-testid="pg-chart"] .live-chart[data-events="1"]').waitFor();
    assert.equal(await numAttr(page, 'pg-numbers', 'data-step'), 40);
    await screenshot(page, 'playground-zoomed-mark');

    // 0 on the focused map: the whole landscape again, the race kept
    await page.getByTestId('pg-map').locator('canvas[role="img"]').focus();
    await page.keyboard.press('0');
    await until(bounds, (b) => b.join(',') === whole.join(','), 'the whole landscape');
    assert.equal(await phase(page), 'ended', 'changing the view keeps the race');
    assert.deepEqual(pageErrors(app.errors), []);
  } finally {
    await app.close();
  }
});

test('a race going when the page reloads is followed again: its trails so far, then live', { skip }, async () => {
  const app = await openPlayground({ width: 1366, height: 768, lang: 'en-US' });
  try {
    const { page } = app;
    await ready(page, '"rosenbrock"');
    await page.getByTestId('pg-steps').fill('3000');
    await page.getByRole('button', { name: 'Play' }).click(); // 30 steps a second
    await until(() => mapStep(page), (s) => s >= 40, '40 steps');
    const id = Number(await attr(page, 'pg', 'data-run'));
    const before = await mapStep(page);
    await page.reload();
    await until(() => attr(page, 'pg', 'data-run'), (r) => r === String(id), 'the same run');
    assert.equal(await phase(page), 'running');
    const after = await until(() => mapStep(page), (s) => s > before, 'its steps so far and on');
    // every row of both optimizers from step 0, none twice: points = 2 × (last step + 1)
    await sleep(200);
    // the rows from step 0 came back: more than both optimizers' rows up to the reload (while running, one
    // optimizer's latest batch may be a few steps ahead of the other's; the paused check below is exact)
    const [points, step] = await page.getByTestId('pg-map').evaluate((el: HTMLElement) => [Number(el.dataset.points), Number(el.dataset.step)]);
    assert.ok(points > 2 * (before + 1) && points <= 2 * (step + 1), `rows 0…${step} of both optimizers (${points} points, from ${after})`);
    assert.equal(await page.getByTestId('pg-steps').inputValue(), '3000', 'the fields are the run\'s');
    await page.getByRole('button', { name: 'Pause' }).click();
    await until(() => phase(page), (p) => p === 'paused', 'paused');
    const [p2, s2] = [await mapPoints(page), await mapStep(page)];
    assert.equal(p2, 2 * (s2 + 1), 'paused: both optimizers drawn up to the same step');
    assert.deepEqual(pageErrors(app.errors), []);
  } finally {
    await app.close();
  }
});
