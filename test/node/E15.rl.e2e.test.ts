// The RL lab's grid world in Chromium against `gradlab serve`. English (light, 1440×900): a bad grid
// blocks Play naming the line and column; value iteration stepped on Russell & Norvig's 4×3 world a
// sweep at a time until it settles on the published utilities (0.705 at S) and the published policy;
// a click on a cell shows its Bellman backup, whose numbers are checked by hand. 简体中文 (dark,
// 1024×700): Q-learning on the cliff walk with ε lowered while it runs; it learns the path along the
// cliff's edge; its return and moves charts fill. 简体中文 (light, 1440×900): the cart-pole trained by A2C
// to the target, its greedy policy watched, played by hand with the arrow keys, and recorded as a GIF
// (its frames counted). Screenshots of each, and no console errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import type { Page } from 'playwright-core';

import { hasChromium, openApp, screenshot } from './browser.js';
import { until as untilWithin } from './helpers.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';
const until = <T,>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 60_000) => untilWithin(what, fn, timeoutMs);
const attr = async (page: Page, testId: string, name: string) => (await page.getByTestId(testId).first().getAttribute(name)) ?? '';
/** A GIF's size and how many images it holds, by walking its blocks (GIF89a: header, screen, extensions, images, trailer). */
function gifFrames(b: Buffer): { width: number; height: number; frames: number } {
  assert.equal(b.subarray(0, 6).toString('latin1'), 'GIF89a');
  const width = b.readUInt16LE(6);
  const height = b.readUInt16LE(8);
  let at = 13 + (b[10]! & 0x80 ? 3 * 2 ** ((b[10]! & 7) + 1) : 0);
  const subBlocks = () => {
    while (b[at]! !== 0) at += b[at]! + 1;
    at++;
  };
  let frames = 0;
  for (;;) {
    const kind = b[at++]!;
    if (kind === 0x3b) break;
    if (kind === 0x21) {
      at++;
      subBlocks();
    } else if (kind === 0x2c) {
      const flags = b[at + 8]!;
      at += 9 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0) + 1;
      subBlocks();
      frames++;
    } else throw new Error(`not a GIF block at byte ${at - 1}: ${kind}`);
  }
  return { width, height, frames };
}

const numberOf = (s: string) => Number(s.replace('−', '-'));
const button = (page: Page, name: string) => page.locator('.rl .run-controls').getByRole('button', { name, exact: true });

test('RL lab (English, light, 1440×900): a bad grid is named; value iteration stepped to the 4×3 world\'s utilities; a cell\'s backup by hand', { skip, timeout: 120_000 }, async () => {
  const app = await openApp({ lang: 'en-US', theme: 'light', width: 1440, height: 900, hash: 'rl-lab' });
  try {
    const { page } = app;
    await page.getByTestId('rl-view').waitFor();
    await page.getByTestId('rl-preset').selectOption('rn43');
    await page.getByTestId('rl-grid-text').fill('...G\n.#?X\nS...');
    assert.match(await page.getByTestId('rl-grid-error').textContent() ?? '', /line 2, column 3: “\?” is not a cell/);
    assert.equal(await button(page, 'Play').isDisabled(), true);
    await page.getByTestId('rl-preset').selectOption('rn43');
    assert.equal(await page.getByTestId('rl-grid-error').count(), 0);
    // before a run the grid is drawn as typed; a click turns a cell into the next kind (. → # → G …)
    await page.locator('[data-testid="rl-grid-preview"] [data-cell="1"]').click();
    assert.equal(await page.getByTestId('rl-grid-text').inputValue(), '.#.G\n.#.X\nS...');
    await page.locator('[data-testid="rl-grid-preview"] [data-cell="1"]').click();
    assert.equal(await page.getByTestId('rl-grid-text').inputValue(), '.G.G\n.#.X\nS...');
    await page.getByTestId('rl-preset').selectOption('rn43');

    // one sweep at a time: after the first, only the cells beside the terminals have moved
    await button(page, 'Step').click();
    await until('sweep 1', async () => (await attr(page, 'rl-grid', 'data-step')) === '1');
    assert.equal(await attr(page, 'rl-step', 'data-value'), '1');
    await button(page, 'Step').click();
    await until('sweep 2', async () => (await attr(page, 'rl-grid', 'data-step')) === '2');
    await screenshot(page, 'rl-en-light-1440-stepped');
    await button(page, 'Play').click();
    await until('value iteration converged', async () => (await attr(page, 'rl-status', 'data-status')) === 'completed');
    await until('the last frame', async () => Number(await attr(page, 'rl-grid', 'data-step')) > 10);
    // the published utilities (AIMA fig. 17.3): S = 0.705; the published policy: up from S, then right along the top
    const vs = numberOf(await attr(page, 'rl-v-start', 'data-value'));
    assert.ok(Math.abs(vs - 0.705) < 1e-3, `V(S) = ${vs}`);
    const policy = (await attr(page, 'rl-grid', 'data-policy')).split(',').map(Number);
    assert.deepEqual(policy, [1, 1, 1, -1, 0, -1, 0, -1, 0, 3, 3, 3], 'E E E · N # N · N W W W');

    // the cell below the wall's left (row 2, column 1: V = 0.762): north is best
    await page.locator('[data-testid="rl-grid"] [data-cell="4"]').click();
    await until('the backup', async () => (await attr(page, 'rl-backup', 'data-best')) === 'N');
    const q = Number(await page.locator('[data-testid="rl-backup"] tr[data-action="N"]').getAttribute('data-q'));
    // N: 0.8 to (1,1) V 0.812, 0.1 to the left edge (stays, V 0.762), 0.1 right into the wall (stays)
    const v11 = 0.8115582, v21 = 0.7615582; // the exact solution (the published 0.812 and 0.762)
    assert.ok(Math.abs(q - (0.8 * (-0.04 + v11) + 0.2 * (-0.04 + v21))) < 1e-3, `Q(N) = ${q}`);
    assert.ok(Math.abs(Number(await attr(page, 'rl-backup', 'data-value')) - v21) < 1e-4);
    await screenshot(page, 'rl-en-light-1440-converged');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('RL lab (简体中文, dark, 1024×700): Q-learning on the cliff walk, ε lowered live, learns the edge path', { skip, timeout: 120_000 }, async () => {
  const app = await openApp({ lang: 'zh-CN', theme: 'dark', width: 1024, height: 700, hash: 'rl-lab' });
  try {
    const { page } = app;
    await page.getByTestId('rl-view').waitFor();
    await page.getByTestId('rl-preset').selectOption('cliff_q');
    await page.getByTestId('rl-animate').uncheck();
    await button(page, '单步').click();
    await until('episode 1', async () => (await attr(page, 'rl-step', 'data-value')) === '1');
    await page.getByTestId('rl-epsilon').fill('0.05');
    await button(page, '运行').click();
    await until('500 episodes', async () => (await attr(page, 'rl-status', 'data-status')) === 'completed');
    await until('the last frame', async () => (await attr(page, 'rl-grid', 'data-step')) === '500');
    // the greedy path from S: north once, then east along the row above the cliff, then south into G
    const policy = (await attr(page, 'rl-grid', 'data-policy')).split(',').map(Number);
    assert.equal(policy[36], 0, 'N from S');
    for (let c = 0; c < 11; c++) assert.equal(policy[24 + c], 1, `E along the edge, column ${c + 1}`);
    assert.equal(policy[35], 2, 'S into G');
    // the edge path is 13 moves at −1 each and +1 for entering G: max Q(S, ·) near −12
    const q = numberOf(await attr(page, 'rl-v-start', 'data-value'));
    assert.ok(Math.abs(q + 12) < 0.5, `max Q(S) = ${q}`);
    assert.ok((await page.getByTestId('rl-chart-returns').locator('canvas').count()) > 0);
    await screenshot(page, 'rl-zh-dark-1024-cliff');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('RL lab, cart-pole (简体中文, light, 1440×900): A2C trained to the target, its greedy policy watched, then played by hand', { skip, timeout: 180_000 }, async () => {
  const app = await openApp({ lang: 'zh-CN', theme: 'light', width: 1440, height: 900, hash: 'rl-lab' });
  try {
    const { page } = app;
    await page.getByTestId('rl-env-cartpole').click();
    await page.getByTestId('cp-preset').selectOption('a2c');
    await page.getByTestId('cp-seed').fill('3');
    await button(page, '运行').click();
    await until('solved', async () => (await attr(page, 'cp-status', 'data-status')) === 'completed', 120_000);
    assert.equal(await attr(page, 'cp-outcome', 'data-value'), 'solved');
    const mean = Number(await attr(page, 'cp-mean', 'data-value'));
    assert.ok(mean >= 475, `the mean of the last 100 returns reaches the target: ${mean}`);
    // the greedy policy's episode replays at the end, state by state
    await until('the watch episode', async () => (await attr(page, 'cp-showing', 'data-showing')) === 'watch');
    await until('the cart moves on', async () => Number(await attr(page, 'cp-cart', 'data-step')) >= 20);
    const probs = (await page.getByTestId('cp-cart-outputs').textContent()) ?? '';
    assert.match(probs, /左 \d+%/);
    await screenshot(page, 'rl-zh-light-1440-cartpole');
    // by hand: hold → a while; the engine steps the cart until the pole falls
    await page.getByTestId('cp-play').click();
    await page.keyboard.down('ArrowRight');
    await until('the pole falls', async () => (await attr(page, 'cp-play-steps', 'data-done')) === 'true', 20_000);
    await page.keyboard.up('ArrowRight');
    const steps = Number(await attr(page, 'cp-play-steps', 'data-steps'));
    assert.ok(steps >= 5 && steps < 100, `pushing one way the whole time topples the pole soon: ${steps} steps`);
    assert.ok(Number(await attr(page, 'cp-cart', 'data-x')) > 0, 'the cart went right');
    await screenshot(page, 'rl-zh-light-1440-cartpole-played');
    // a GIF of the cart: 1 s at 6 frames a second is 6 frames, as big as the cart's picture
    await page.getByTestId('cp-record-open').click();
    await page.getByTestId('cp-record-seconds').fill('1');
    await page.getByTestId('cp-record-fps').fill('6');
    const download = page.waitForEvent('download');
    await page.getByTestId('cp-record-start').click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'cartpole.gif');
    const gif = gifFrames(readFileSync((await file.path())!));
    assert.equal(gif.frames, 6);
    const box = (await page.locator('[data-testid="cp-cart"] svg').boundingBox())!;
    assert.ok(Math.abs(gif.width - box.width) <= 2 && Math.abs(gif.height - box.height) <= 2, `${gif.width}×${gif.height} for ${box.width}×${box.height}`);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
