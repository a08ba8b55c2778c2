/**
 * The app's smoke mode (`gradient-lab --smoke`, #11; the release workflow runs every packaged app so):
 * the app starts as usual but on a fresh, temporary store and with its window hidden; the page
 * connects to the lab host over its MessagePort, runs a 100-step race and reads it back
 * (src/protocol/smoke.ts) and reports; the app prints one line and exits 0, or 1 naming what failed —
 * also when the host cannot start or dies for good, the page goes away, or nothing is heard in time.
 * Pure: Electron comes in through `deps` (main.ts), fakes in the tests.
 */
import { smokeReport, type SmokeResult } from '../../src/protocol/smoke-report.js';
import type { SupervisorEvent, Timers } from './host-supervisor.js';

export const SMOKE_ARG = '--smoke';
/** what main passes to the page (webPreferences.additionalArguments) so the preload knows */
export const PAGE_SMOKE_ARG = '--gradlab-smoke';
export const SMOKE_TIMEOUT_MS = 120_000;

export const isSmoke = (argv: readonly string[]): boolean => argv.includes(SMOKE_ARG);

export interface SmokeDeps {
  print(line: string): void;
  /** ends the app with this exit code (after stopping the host) */
  exit(code: number): void;
  timers?: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
}

function asResult(value: unknown): SmokeResult | null {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  const r = v as Partial<SmokeResult> | null;
  if (!r || typeof r.ok !== 'boolean' || !Array.isArray(r.passed) || !r.passed.every((p) => typeof p === 'string')) return null;
  return { ok: r.ok, passed: r.passed, ...(typeof r.failed === 'string' ? { failed: r.failed } : {}), ...(typeof r.runId === 'number' ? { runId: r.runId } : {}) };
}

const realTimers = { setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };

export class SmokeWatch {
  private done = false;
  private hostReady = false;
  private timer: unknown = null;
  private readonly timers: Pick<Timers, 'setTimeout' | 'clearTimeout'>;

  constructor(
    private readonly deps: SmokeDeps,
    private readonly timeoutMs = SMOKE_TIMEOUT_MS,
  ) {
    this.timers = deps.timers ?? realTimers;
  }

  start(): void {
    this.timer = this.timers.setTimeout(
      () => this.fail(`nothing reported within ${this.timeoutMs / 1000} s (${this.hostReady ? 'the host was ready; the page never reported' : 'the host never became ready'})`),
      this.timeoutMs,
    );
  }

  /** The supervisor's events: ready is noted; a host that cannot start or keeps dying fails the test. */
  hostEvent(e: SupervisorEvent): void {
    if (e.kind === 'ready') this.hostReady = true;
    else if (e.kind === 'fatal') this.fail(`the lab host cannot start: ${e.message} [${e.code}]`);
    else if (e.kind === 'gave-up') this.fail(`the lab host kept stopping (exit code ${e.exitCode}, ${e.crashes} times)`);
  }

  /** What the page sent on the smoke channel. */
  report(value: unknown): void {
    const r = asResult(value);
    if (!r) return this.fail(`the page sent a report that is not one: ${JSON.stringify(value)?.slice(0, 200)}`);
    this.finish(r.ok ? 0 : 1, smokeReport(r));
  }

  /** The page crashed or failed to load. */
  pageGone(why: string): void {
    this.fail(`the page went away: ${why}`);
  }

  private fail(why: string): void {
    this.finish(1, `gradlab smoke test FAILED: ${why}`);
  }

  private finish(code: number, line: string): void {
    if (this.done) return;
    this.done = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.deps.print(line);
    this.deps.exit(code);
  }
}
