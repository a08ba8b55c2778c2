// #16 exports, pictures: every chart has PNG (twice its size) and SVG (vectors) in its corner, read back
// from what uPlot drew — the series in view as polylines clipped to the plot, the ticks, the legend in
// the reader's language; the computation graph saves as SVG and PNG too, and a map of pixels (the race's
// landscape) as an SVG holding its 2× pixels. 简体中文, dark, 1024×700.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import type { Page } from 'playwright-core';

import { hasChromium, openApp, screenshot } from './browser.js';
import { until } from './helpers.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';

async function download(page: Page, testId: string): Promise<Buffer> {
  const d = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  return readFileSync((await (await d).path())!);
}

const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

test('a training chart and the computation graph as SVG and PNG (简体中文, dark, 1024×700)', { skip, timeout: 90_000 }, async () => {
  const app = await openApp({ lang: 'zh-CN', theme: 'dark', width: 1024, height: 700, hash: 'training' });
  try {
    const { page } = app;
    await page.getByRole('button', { name: '运行', exact: true }).first().click();
    await until('ten epochs charted', async () => Number((await page.getByTestId('chart-epoch-loss').getAttribute('data-points'))?.split(',')[0] ?? 0) >= 10, 60_000);
    await page.getByRole('button', { name: '暂停', exact: true }).first().click();
    await page.getByTestId('chart-epoch-loss').hover();
    await screenshot(page, 'pictures-zh-dark-1024-chart');
    const points = Number((await page.getByTestId('chart-epoch-loss').getAttribute('data-points'))!.split(',')[0]);

    const svg = (await download(page, 'chart-epoch-loss-svg')).toString('utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="([\d.]+)" height="([\d.]+)"/);
    const series = [...svg.matchAll(/<polyline points="([^"]+)"[^>]*clip-path="url\(#plot\)"/g)].map((m) => m[1]!.split(' ').length);
    assert.equal(series.length, 2, 'the training and test curves');
    for (const n of series) assert.equal(n, points, 'every epoch in view is a vertex');
    for (const label of ['训练集', '测试集']) assert.ok(svg.includes(`>${label}</text>`), `the legend says ${label}`);
    assert.ok(/>0<\/text>/.test(svg), 'the ticks are labelled');
    assert.ok(!/rgba\(/.test(svg), 'SVG 1.1 colours only');

    const png = await download(page, 'chart-epoch-loss-png');
    const [w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(svg)!.slice(1).map(Number);
    assert.deepEqual(pngSize(png), [Math.round(2 * w!), Math.round(2 * h!)], 'the PNG is the picture at twice its size');

    await page.getByRole('link', { name: '计算图' }).or(page.getByRole('button', { name: '计算图' })).first().click();
    await page.getByTestId('graph-picture').waitFor();
    const graph = (await download(page, 'graph-picture-svg')).toString('utf8');
    const nodes = await page.locator('.graph-view svg.graph-svg text').count();
    assert.ok(nodes > 0 && (graph.match(/<text/g)?.length ?? 0) === nodes, `the graph's ${nodes} labels`);
    const gpng = await download(page, 'graph-picture-png');
    const box = (await page.locator('.graph-view svg.graph-svg').boundingBox())!;
    assert.ok(Math.abs(pngSize(gpng)[0]! - 2 * box.width) <= 2, `graph PNG ${pngSize(gpng).join("×")} for ${box.width}×${box.height}`);
    await screenshot(page, 'pictures-zh-dark-1024-graph');

    // a map made of pixels (the race's landscape) as SVG: its pixels at twice the size, in an SVG of its size
    await page.evaluate(() => (location.hash = '#playground'));
    await page.getByTestId('pg-picture-svg').waitFor();
    const map = (await download(page, 'pg-picture-svg')).toString('utf8');
    const mapBox = (await page.getByTestId('pg-map').boundingBox())!;
    assert.match(map, new RegExp(`^<svg [^>]*width="${Math.round(mapBox.width)}" height="${Math.round(mapBox.height)}"`));
    const inner = Buffer.from(/href="data:image\/png;base64,([^"]+)"/.exec(map)![1]!, 'base64');
    assert.ok(Math.abs(pngSize(inner)[0]! - 2 * mapBox.width) <= 2, `the map's pixels at 2×: ${pngSize(inner).join('×')}`);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
