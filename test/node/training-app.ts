/**
 * End-to-end helpers of the training lab's test: the app in Chromium against `gradlab serve` on a fresh
 * store, like browser.ts's openApp but with the profile folder given to launchPersistentContext
 * (playwright-core 1.65 refuses a --user-data-dir argument to launch()), plus a second protocol client
 * on the same host to read the engine's own numbers of a run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { LabClient } from '../../src/protocol/client.js';
import { socketTransport } from '../../src/protocol/transports.js';
import { CHROMIUM } from './browser.js';
import { openSocket } from './protocol-helpers.js';
import { tempHome } from './store-helpers.js';

const bin = new URL('../../../bin/gradlab.js', import.meta.url).pathname;

export interface TrainingApp {
  page: Page;
  url: string;
  errors: string[];
  /** a protocol client of the same host (WebSocket, with the page's token) */
  client(): Promise<LabClient>;
  close(): Promise<void>;
}

export async function openTrainingApp(opts: { width?: number; height?: number; lang?: string } = {}): Promise<TrainingApp> {
  const host = spawn(process.execPath, [bin, 'serve', '--home', tempHome(), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    host.once('error', reject);
    host.stdout!.once('data', (d: Buffer) => resolve(d.toString()));
  });
  const { url, port, token } = JSON.parse(line) as { url: string; port: number; token: string };
  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'gradlab-chromium-')), {
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 768 },
    locale: opts.lang ?? 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  const clients: LabClient[] = [];
  return {
    page,
    url,
    errors,
    client: async () => {
      const ws = await openSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`);
      const c = new LabClient(socketTransport(ws as never));
      clients.push(c);
      return c;
    },
    close: async () => {
      for (const c of clients) c.close();
      await context.close();
      host.kill('SIGTERM');
      await new Promise((r) => host.on('exit', r));
    },
  };
}
