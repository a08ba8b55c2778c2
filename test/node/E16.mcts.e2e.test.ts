// The MCTS lab in Chromium against `gradlab serve`. English (light, 1440×900): you open tic-tac-toe in
// the centre and MCTS (2 000 iterations) answers in a corner — the only replies that do not lose; then
// the search from the new position is stepped through its four phases at iteration 1 (the root alone,
// then its eight new children, the simulation's moves, the backup's first visit) and at iteration 50,
// the tree saved as SVG and as a PNG at twice its size.
// 简体中文 (dark, 1024×700): MCTS against perfect play (minimax) on auto-play ends in a draw; a bad
// budget blocks the machine with its reason. English (dark, 1024×700): against the self-play agent, its
// network's priors beside the visits, its value and its training charted. Screenshots of each, and no
// console errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import type { Page } from 'playwright-core';

import { hasChromium, openApp, screenshot } from './browser.js';
import { until as untilWithin } from './helpers.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';
const until = <T,>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 60_000) => untilWithin(what, fn, timeoutMs);
const attr = async (page: Page, testId: string, name: string) => (await page.getByTestId(testId).first().getAttribute(name)) ?? '';

test('MCTS lab (English, light, 1440×900): a corner against the centre; one iteration in its four phases', { skip, timeout: 120_000 }, async () => {
  const app = await openApp({ lang: 'en-US', theme: 'light', width: 1440, height: 900, hash: 'mcts-lab' });
  try {
    const { page } = app;
    await page.getByTestId('mcts-view').waitFor();
    await page.getByTestId('mcts-game').selectOption('tictactoe');
    await page.getByTestId('mcts-mode').selectOption('human');
    await page.getByTestId('mcts-side').selectOption('x');
    await page.getByTestId('mcts-itersA').fill('2000');
    await page.locator('[data-testid="mcts-board"] [data-cell="4"]').click();
    await until('MCTS answers', async () => (await attr(page, 'mcts-search', 'data-move')) !== '');
    const reply = Number(await attr(page, 'mcts-search', 'data-move'));
    assert.ok([0, 2, 6, 8].includes(reply), `a corner against the centre, not ${reply}`);
    assert.equal((await attr(page, 'mcts-board', 'data-board'))[reply], 'o');
    assert.equal(await attr(page, 'mcts-status', 'data-turn'), 'human');
    const shares = await page.locator('[data-testid="mcts-shares"] [data-share]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-share'))));
    assert.equal(shares.reduce((a, b) => a + b, 0), 2000, 'the visits of the eight replies add up to the iterations');

    await page.getByTestId('mcts-explore').check();
    await until('iteration 1', async () => (await attr(page, 'mcts-tree', 'data-nodes')) === '1');
    assert.equal(await attr(page, 'mcts-explorer', 'data-phase'), 'selection');
    await page.getByTestId('mcts-next-phase').click();
    // expansion: the root gets one child per empty cell (7: x in the centre, o in a corner, x to move)
    await until('expanded', async () => (await attr(page, 'mcts-tree', 'data-phase')) === 'expansion');
    assert.equal(await attr(page, 'mcts-tree', 'data-nodes'), '8');
    assert.equal(await page.locator('[data-testid="mcts-tree"] .mcts-node.fresh').count(), 7);
    await page.getByTestId('mcts-next-phase').click();
    await page.getByTestId('mcts-simulation').waitFor();
    const moves = Number(await attr(page, 'mcts-simulation', 'data-moves'));
    assert.ok(moves >= 4 && moves <= 6, `a rollout plays the rest of the game from the new child (6 cells left): ${moves}`);
    assert.equal(await page.locator('[data-testid="mcts-sim-board"] .mcts-mark').count(), moves);
    await page.getByTestId('mcts-next-phase').click();
    await until('backed up', async () => (await attr(page, 'mcts-tree', 'data-phase')) === 'backup');
    assert.equal(await page.locator('[data-testid="mcts-tree"] [data-node="0"]').getAttribute('data-visits'), '1');
    await screenshot(page, 'mcts-en-light-1440-iteration1');
    await page.getByTestId('mcts-jump').fill('50');
    await page.getByTestId('mcts-jump-go').click();
    await until('iteration 50', async () => (await page.locator('[data-testid="mcts-tree"] [data-node="0"]').getAttribute('data-visits')) === '50');
    await page.getByTestId('mcts-phase-selection').locator('button').click();
    await until('selection at 50', async () => (await page.locator('[data-testid="mcts-tree"] [data-node="0"]').getAttribute('data-visits')) === '49');
    assert.ok((await page.locator('[data-testid="mcts-tree"] [data-on-path="true"]').count()) >= 2, 'the path from the root is highlighted');
    await screenshot(page, 'mcts-en-light-1440-selection');
    // the tree saved as a picture: an SVG file with every node drawn, and a PNG at twice the size on screen
    const nodes = Number(await attr(page, 'mcts-tree', 'data-nodes'));
    let download = page.waitForEvent('download');
    await page.getByTestId('mcts-tree-picture-svg').click();
    const svg = readFileSync((await (await download).path())!, 'utf8');
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal(svg.match(/data-node="/g)?.length, nodes);
    download = page.waitForEvent('download');
    await page.getByTestId('mcts-tree-picture-png').click();
    const png = readFileSync((await (await download).path())!);
    const box = (await page.getByTestId('mcts-tree').boundingBox())!;
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(Math.abs(png.readUInt32BE(16) - 2 * box.width) <= 2 && Math.abs(png.readUInt32BE(20) - 2 * box.height) <= 2, `PNG ${png.readUInt32BE(16)}×${png.readUInt32BE(20)} for ${box.width}×${box.height}`);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('MCTS lab (简体中文, dark, 1024×700): MCTS against minimax on auto-play draws; a bad budget blocks the machine', { skip, timeout: 180_000 }, async () => {
  const app = await openApp({ lang: 'zh-CN', theme: 'dark', width: 1024, height: 700, hash: 'mcts-lab' });
  try {
    const { page } = app;
    await page.getByTestId('mcts-view').waitFor();
    await page.getByTestId('mcts-game').selectOption('tictactoe');
    await page.getByTestId('mcts-mode').selectOption('mcts-minimax');
    await page.getByTestId('mcts-side').selectOption('o');
    await page.getByTestId('mcts-itersA').fill('0');
    assert.match((await page.getByTestId('mcts-itersA-error').textContent()) ?? '', /1 到 1000000/);
    assert.equal(await page.getByTestId('mcts-machine-move').isDisabled(), true);
    await page.getByTestId('mcts-itersA').fill('2000');
    await page.getByTestId('mcts-auto').check();
    await until('the game ends', async () => (await attr(page, 'mcts-status', 'data-over')) !== '', 120_000);
    assert.equal(await attr(page, 'mcts-status', 'data-over'), 'draw', 'MCTS as o holds perfect play to a draw');
    assert.equal(await attr(page, 'mcts-search', 'data-by') !== '', true);
    await screenshot(page, 'mcts-zh-dark-1024-draw');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('MCTS lab (English, dark, 1024×700): against the self-play agent — its priors beside the visits, its value, its training charted', { skip, timeout: 120_000 }, async () => {
  const app = await openApp({ lang: 'en-US', theme: 'dark', width: 1024, height: 700, hash: 'mcts-lab' });
  try {
    const { page } = app;
    await page.getByTestId('mcts-view').waitFor();
    await page.getByTestId('mcts-game').selectOption('tictactoe');
    await page.getByTestId('mcts-mode').selectOption('human-az');
    await page.getByTestId('mcts-side').selectOption('x');
    await page.getByTestId('mcts-itersA').fill('200');
    await page.locator('[data-testid="mcts-board"] [data-cell="4"]').click();
    await until('the agent answers', async () => (await attr(page, 'mcts-search', 'data-by')) === 'az');
    const reply = Number(await attr(page, 'mcts-search', 'data-move'));
    assert.ok([0, 2, 6, 8].includes(reply), `a corner against the centre, not ${reply}`);
    // the network's prior of each reply, in per cent, summing to 100
    const priors = await page.locator('[data-testid^="mcts-prior-"]').evaluateAll((els) => els.map((e) => Number.parseFloat(e.textContent ?? '')));
    assert.equal(priors.length, 8);
    assert.ok(Math.abs(priors.reduce((a, b) => a + b, 0) - 100) < 0.6, `priors sum to 100 %: ${priors.join(', ')}`);
    const v = Number(await attr(page, 'mcts-root-value', 'data-value'));
    assert.ok(v >= -1 && v <= 1);
    await page.getByTestId('mcts-az-training').scrollIntoViewIfNeeded();
    assert.ok(Number(await attr(page, 'mcts-az-training', 'data-iterations')) >= 10, 'the shipped network\'s training, iteration by iteration');
    assert.ok((await page.getByTestId('mcts-az-losses').locator('canvas').count()) > 0);
    await screenshot(page, 'mcts-en-dark-1024-az');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
