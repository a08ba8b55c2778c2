/**
 * The smoke test a packaged app runs on itself (`gradient-lab --smoke`, #11): over the page's real
 * connection to the lab host it asks for the catalog, runs a 100-step race (stored, as every run),
 * waits for its end, and reads the stored points back. Each step is named, so a failure says which
 * one failed and why. Pure: any LabClient (the desktop page's MessagePort, a test's channel).
 */
import { raceLab } from '../labs/race.js';
import type { LabClient } from './client.js';
import type { SmokeResult } from './smoke-report.js';

export { smokeReport, type SmokeResult } from './smoke-report.js';

export const SMOKE_STEPS = 100;

type Client = Pick<LabClient, 'request' | 'on'>;

const TERMINAL = new Set(['completed', 'stopped', 'diverged', 'failed', 'interrupted']);

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function smokeRace(client: Client, timeoutMs = 60_000): Promise<SmokeResult> {
  const passed: string[] = [];
  let step = 'connect: the lab catalog';
  let runId: number | undefined;
  try {
    const catalog = (await withTimeout(client.request('labs/catalog'), timeoutMs)) as { optimizers?: unknown[] };
    if (!Array.isArray(catalog.optimizers) || catalog.optimizers.length === 0) throw new Error('the catalog lists no optimizers');
    passed.push(step);

    step = `race: ${SMOKE_STEPS} steps of Adam on Rosenbrock`;
    const statuses = new Map<number, { status: string; detail?: string }>();
    let rows = 0;
    const waiters: (() => void)[] = [];
    const offStatus = client.on('run/status', (e) => {
      statuses.set(e.id, { status: e.status, ...(e.detail ? { detail: e.detail } : {}) });
      for (const w of waiters.splice(0)) w();
    });
    const offBatch = client.on('run/batch', (b) => {
      if (runId === undefined || b.id === runId) rows += b.rows;
    });
    try {
      const config = { function: 'rosenbrock', steps: SMOKE_STEPS, optimizers: [{ type: 'adam', lr: 0.01 }] };
      runId = (await withTimeout(client.request('runs/start', { lab: raceLab.id, config, name: 'smoke test', subscribe: true }), timeoutMs)).id;
      const id = runId;
      await withTimeout(
        new Promise<void>((resolve) => {
          const check = () => (TERMINAL.has(statuses.get(id)?.status ?? '') ? resolve() : waiters.push(check));
          check();
        }),
        timeoutMs,
      );
      const end = statuses.get(id)!;
      if (end.status !== 'completed') throw new Error(`the run ended ${end.status}${end.detail ? `: ${end.detail}` : ''}`);
      if (rows < SMOKE_STEPS + 1) throw new Error(`${rows} rows streamed, expected ${SMOKE_STEPS + 1}`);
    } finally {
      offStatus();
      offBatch();
    }
    passed.push(step);

    step = `saved: run ${runId} read back from the store`;
    const got = await withTimeout(client.request('runs/get', { id: runId }), timeoutMs);
    const fName = raceLab.keyMetrics[0]!.replace('{i}', ''); // the first optimizer's f
    const f = got.series.find((s) => s.name === fName);
    if (got.run.status !== 'completed') throw new Error(`stored as ${got.run.status}`);
    if (!f || f.points !== SMOKE_STEPS + 1) throw new Error(`${fName} has ${f?.points ?? 0} points, expected ${SMOKE_STEPS + 1}`);
    passed.push(step);
    return { ok: true, passed, runId };
  } catch (e) {
    return { ok: false, passed, failed: `${step}: ${e instanceof Error ? e.message : String(e)}`, ...(runId !== undefined ? { runId } : {}) };
  }
}
