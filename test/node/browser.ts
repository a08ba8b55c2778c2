/**
 * End-to-end helpers: Debian's Chromium driven by playwright-core against `gradlab serve` (the browser
 * mode). `openApp()` starts a host process on a fresh store, launches a headless Chromium with a fresh
 * profile and opens the printed URL (with its token). Screenshots go to test/artifacts/ (gitignored).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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

function stopHost(host: ChildProcess): Promise<void> {
  if (host.exitCode !== null || host.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => host.once('exit', () => r()));
  host.kill('SIGTERM');
  return exited;
}

/** The serve process's first stdout line ({url, port, token, store}), or an error after 30 s. */
function firstLine(host: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('gradlab serve printed nothing in 30 s')), 30_000);
    host.once('error', reject);
    host.once('exit', (code) => reject(new Error(`gradlab serve exited (${code}) before printing its URL`)));
    let text = '';
    host.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      const nl = text.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, nl));
      }
    });
  });
}

export interface OpenOptions {
  width?: number;
  height?: number;
  lang?: string;
  theme?: 'light' | 'dark';
  /** a view to open (#playground …); default: the app's first */
  hash?: string;
  /** Chromium sees only Latin system fonts (a fontconfig of the DejaVu and Liberation folders): only
   * what the app bundles can draw Han characters, so a missing glyph cannot pass by luck on a machine
   * that has CJK fonts (with no font at all Chromium's own UI text fails) */
  noSystemCjk?: boolean;
}

export const LATIN_FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/truetype/liberation', '/usr/share/fonts/truetype/liberation2'];

/** A fontconfig file listing only the Latin font folders this machine has (cached in a temp folder). */
function latinOnlyFontconfig(): string {
  const dirs = LATIN_FONT_DIRS.filter((d) => existsSync(d));
  if (dirs.length === 0) throw new Error(`no Latin system font folder (${LATIN_FONT_DIRS.join(', ')}): apt-get install fonts-liberation`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gradlab-fontconfig-'));
  const file = path.join(dir, 'fonts.conf');
  writeFileSync(file, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>${dirs.map((d) => `<dir>${d}</dir>`).join('')}<cachedir>${dir}/cache</cachedir></fontconfig>\n`);
  return file;
}

export async function openApp(opts: OpenOptions = {}): Promise<App> {
  const host = spawn(process.execPath, [bin, 'serve', '--home', tempHome(), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const reap = () => host.kill('SIGKILL'); // a test that fails or times out leaves no host behind
  process.once('exit', reap);
  host.once('exit', () => process.off('exit', reap));
  let browser: Browser | undefined;
  try {
    const { url } = JSON.parse(await firstLine(host)) as { url: string };
    // a fresh profile: playwright's launch() makes a new temporary one each time
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      ...(opts.noSystemCjk ? { env: { ...process.env, FONTCONFIG_FILE: latinOnlyFontconfig() } } : {}),
    });
    return await openPage(host, browser, url, opts);
  } catch (e) {
    // never leave a host process behind: it would keep the test process alive
    await browser?.close().catch(() => undefined);
    await stopHost(host);
    throw e;
  }
}

async function openPage(host: ChildProcess, browser: Browser, url: string, opts: OpenOptions): Promise<App> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 768 },
    locale: opts.lang ?? 'en-US',
    ...(opts.theme ? { colorScheme: opts.theme } : {}),
  });
  const page = await context.newPage();
  // a machine shared with other work can be slow: wait longer than playwright's 30 s before failing
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(opts.hash ? `${url}#${opts.hash}` : url);
  return {
    page,
    url,
    host,
    browser,
    errors,
    close: async () => {
      await browser.close();
      await stopHost(host);
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
