/**
 * End-to-end helpers: Debian's Chromium driven by playwright-core against `gradlab serve` (the browser
 * mode). `openApp()` starts a host process on a fresh store, launches a headless Chromium with a fresh
 * profile and opens the printed URL (with its token). Screenshots go to test/artifacts/ (gitignored).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { tempHome } from './store-helpers.js';

export const CHROMIUM = process.env.GRADLAB_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const ARTIFACTS = path.resolve(new URL('../../../test/artifacts', import.meta.url).pathname);
const bin = new URL('../../../bin/gradlab.js', import.meta.url).pathname;

export interface App {
  page: Page;
  url: string;
  host: ChildProcess;
  browser: Browser;
  errors: string[];
  close(): Promise<void>;
}

export async function openApp(opts: { width?: number; height?: number; lang?: string } = {}): Promise<App> {
  const host = spawn(process.execPath, [bin, 'serve', '--home', tempHome(), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    host.once('error', reject);
    host.stdout!.once('data', (d: Buffer) => resolve(d.toString()));
  });
  const { url } = JSON.parse(line) as { url: string };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'], // playwright gives each launch a fresh profile
  });
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1366, height: opts.height ?? 768 }, locale: opts.lang ?? 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
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

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
