/**
 * Helpers for the playground's end-to-end test: read the view's data attributes and number cells,
 * wait for a condition in the page, and compute the expected numbers of a race in this process with
 * the engine itself (startRace), independently of the host and the UI.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

import { chromium, type Page } from 'playwright-core';

import { startRace, type RaceConfig } from '../../src/native/index.js';
import { CHROMIUM, type App } from './browser.js';
import { collect, type Rows } from './helpers.js';
import { tempHome } from './store-helpers.js';

const bin = new URL('../../../bin/gradlab.js', import.meta.url).pathname;

/**
 * Like browser.ts's openApp (a `gradlab serve` on a fresh store, a headless Chromium on its URL), but
 * lets playwright make the fresh profile itself: this playwright-core refuses a --user-data-dir argument
 * to launch(). Opens the playground (#playground).
 */
export async function openPlayground(opts: { width?: number; height?: number; lang?: string; theme?: 'light' | 'dark' } = {}): Promise<App> {
  const host = spawn(process.execPath, [bin, 'serve', '--home', tempHome(), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    host.once('error', reject);
    host.stdout!.once('data', (d: Buffer) => resolve(d.toString()));
  });
  const { url } = JSON.parse(line) as { url: string };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 768 },
    locale: opts.lang ?? 'en-US',
    colorScheme: opts.theme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url.includes('#') ? url : `${url}#playground`);
  return {
    page,
    url,
    host,
    browser,
    errors,
    close: async () => {
      await browser.close();
      host.kill('SIGTERM');
      await new Promise((r) => host.on('exit', r));
    },
  };
}

/** Polls `read` until `ok` holds (or fails with the last value after `ms`). */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 15_000): Promise<T> {
  const t0 = Date.now();
  let v = await read();
  while (!ok(v)) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(v)}`);
    await sleep(50);
    v = await read();
  }
  return v;
}

export const attr = async (page: Page, testId: string, name: string): Promise<string> =>
  (await page.getByTestId(testId).first().getAttribute(name)) ?? '';
export const numAttr = async (page: Page, testId: string, name: string): Promise<number> => Number(await attr(page, testId, name));

/** Every number cell of the numbers panel: name → {value (full precision), text (as shown)}. */
export async function panelNumbers(page: Page): Promise<Record<string, { value: number; text: string }>> {
  const cells = await page.$$eval('[data-testid^="pg-num-"]', (els) =>
    els.map((el) => ({ id: el.getAttribute('data-testid') ?? '', value: el.getAttribute('data-value') ?? '', text: el.textContent ?? '' })),
  );
  const out: Record<string, { value: number; text: string }> = {};
  for (const c of cells) out[c.id.slice('pg-num-'.length)] = { value: Number(c.value), text: c.text };
  return out;
}

/** Runs the race to its end here, with the engine, and returns every row per optimizer. */
export async function engineRows(config: RaceConfig): Promise<Rows[]> {
  const race = startRace(config);
  const { rows } = collect(race);
  await race.done;
  return rows;
}

/** |a − b| ≤ rel·max(|a|, |b|) (+ a tiny absolute floor for values that are 0). */
export function close(a: number, b: number, rel: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-300;
}
