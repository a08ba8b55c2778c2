/**
 * Helpers for the playground's end-to-end test: read the view's data attributes and number cells,
 * wait for a condition in the page, and compute the expected numbers of a race in this process with
 * the engine itself (startRace), independently of the host and the UI.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { Page } from 'playwright-core';

import { startRace, type RaceConfig } from '../../src/native/index.js';
import { openApp, type App, type OpenOptions } from './browser.js';
import { collect, type Rows } from './helpers.js';

/** browser.ts's openApp on the playground (#playground). */
export function openPlayground(opts: Omit<OpenOptions, 'hash'> = {}): Promise<App> {
  return openApp({ ...opts, hash: 'playground' });
}

/** Polls `read` every `every` ms until `ok` holds (or fails with the last value after `ms`). */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 30_000, every = 50): Promise<T> {
  const t0 = Date.now();
  let v = await read();
  while (!ok(v)) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(v)}`);
    await sleep(every);
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
