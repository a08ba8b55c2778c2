// #15, the renderer keeps what it can draw: a 2 000 000-step race at full speed on a formula landscape
// with a narrow, tall bump on the path. The page keeps a bounded number of rows per optimizer (a
// coarser past, the latest rows exact) and a bounded heap; the bump's spikes stay on the chart (its
// largest f is the engine's); the numbers panel scrubbed to step 1 234 567 reads that step's exact
// numbers from the saved run, equal to the engine's own race (startRace) here.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startRace, type RaceBatch } from '../../src/native/index.js';
import { LIMIT } from '../../app/renderer/src/views/playground/TrajectoryStore.js';
import { hasChromium, screenshot } from './browser.js';
import { attr, close, numAttr, openPlayground, panelNumbers, until } from './playground-helpers.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';
const FORMULA = 'x + 100000*exp(-(x + 50.0005)^2/4e-8)';
const STEPS = 2_000_000;
const AT = 1_234_567;
const OPTIMIZERS = [
  { type: 'adam' as const, lr: 0.01 },
  { type: 'momentum' as const, lr: 0.001, beta: 0.9 },
];

/** The engine's own race: each optimizer's largest f and its rows at steps AT − 1 and AT (kept lean: no whole columns). */
async function engineFacts(): Promise<{ fmax: number; rows: Record<string, number>[][] }> {
  const race = startRace({ function: { formula: FORMULA }, start: [-2, 2], steps: STEPS, optimizers: OPTIMIZERS });
  let fmax = -Infinity;
  const rows: Record<string, number>[][] = OPTIMIZERS.map(() => []);
  race.on('batch', (b: RaceBatch) => {
    const step = b.columns.step;
    const f = b.columns.f;
    for (let i = 0; i < b.rows; i++) {
      if (f[i]! > fmax) fmax = f[i]!;
      const s = step[i]!;
      if (s === AT - 1 || s === AT) rows[b.index]![s - (AT - 1)] = Object.fromEntries(Object.entries(b.columns).map(([k, v]) => [k, v[i]!]));
    }
  });
  await race.done;
  return { fmax, rows };
}

test('a 2 000 000-step race: bounded rows and heap, the spikes kept, step 1 234 567 exact from the store', { skip, timeout: 600_000 }, async (t) => {
  const expected = engineFacts();
  const app = await openPlayground({ width: 1366, height: 768, lang: 'en-US' });
  try {
    const { page } = app;
    await page.locator(`[data-testid="pg"][data-landscape='"rosenbrock"']`).waitFor({ timeout: 60_000 });
    await page.getByTestId('pg-landscape').selectOption('__formula__');
    await page.getByTestId('pg-formula').fill(FORMULA);
    await page.locator(`[data-testid="pg"][data-landscape='${JSON.stringify({ formula: FORMULA })}']`).waitFor({ timeout: 60_000 });
    await page.getByRole('toolbar').getByRole('combobox').selectOption('0'); // max speed
    await page.getByTestId('pg-steps').fill(String(STEPS));
    await page.getByRole('button', { name: 'Play' }).click();
    let heapMax = 0;
    await until(
      async () => {
        heapMax = Math.max(heapMax, await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize));
        return attr(page, 'pg', 'data-phase');
      },
      (p) => p === 'ended',
      'the race ended',
      540_000,
      1000,
    );
    await until(() => numAttr(page, 'pg-map', 'data-step'), (s) => s === STEPS, 'every step in');
    const points = await numAttr(page, 'pg-map', 'data-points');
    assert.ok(points <= 2 * LIMIT, `the page keeps ${points} rows for 2 × ${STEPS + 1}`);
    assert.ok(heapMax < 400e6, `the page's heap stayed at most ${Math.round(heapMax / 1e6)} MB`);
    t.diagnostic(`page heap at most ${Math.round(heapMax / 1e6)} MB; ${points} rows kept for 2 × ${STEPS + 1}; ${await attr(page, 'pg-chart', 'data-points')} steps on the chart`);
    // the past is drawn evenly, not a line between a few points: tens of thousands of steps on the chart
    assert.ok((await numAttr(page, 'pg-chart', 'data-points')) > 20_000, `${await attr(page, 'pg-chart', 'data-points')} steps on the chart`);

    const facts = await expected;
    await until(() => attr(page, 'pg-chart', 'data-fmax'), (v) => Number(v) === facts.fmax, `the chart's largest f is the engine's ${facts.fmax}`);

    // scrubbed to step 1 234 567 of optimizer 1: read from the saved run, the engine's numbers
    await page.getByTestId('pg-numbers-step').fill(String(AT));
    await until(() => attr(page, 'pg-numbers', 'data-source'), (s) => s === 'store', 'the step read from the store');
    assert.equal(await numAttr(page, 'pg-numbers', 'data-step'), AT);
    const shown = await panelNumbers(page);
    const [prev, row] = facts.rows[0]!;
    const want: Record<string, number> = { x_prev: prev!.x!, y_prev: prev!.y!, gx: prev!.gx!, gy: prev!.gy!, gnorm: prev!.gnorm!, lr: row!.lr!, x: row!.x!, y: row!.y!, f: row!.f!, m_x: row!.m_x!, v_hat_y: row!.v_hat_y! };
    for (const [name, v] of Object.entries(want)) assert.ok(close(shown[name]!.value, v, 0), `${name} at step ${AT}: shown ${shown[name]?.value}, engine ${v}`);
    await until(() => attr(page, 'pg-map', 'data-mark'), (m) => m === String(AT), 'the map marks the step');
    await screenshot(page, 'playground-long-race');
    assert.deepEqual(app.errors.filter((e) => !e.includes("contains an invalid source: 'ws://[::1]:*'")), []);
  } finally {
    await app.close();
  }
});
