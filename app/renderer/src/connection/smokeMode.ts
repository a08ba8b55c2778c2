/**
 * The page's side of the app's smoke mode (app/main/smoke.ts): when the preload says the app runs its
 * smoke test, the page opens its own connection to the host, runs the race of src/protocol/smoke.ts
 * and sends the result to the main process. Otherwise nothing.
 */
import type { SmokeResult } from '../../../../src/protocol/smoke-report';
import { connect } from './connect';

interface SmokeApi {
  smoke?: boolean;
  reportSmoke?(result: string): void;
}

export function runSmokeIfAsked(): void {
  const api = (window as { gradlab?: SmokeApi }).gradlab;
  if (!api?.smoke || !api.reportSmoke) return;
  const report = api.reportSmoke.bind(api);
  // loaded only in smoke mode, and after main.tsx has configured zod (its schemas must not build first)
  void connect()
    .then(async (client) => (await import('../../../../src/protocol/smoke')).smokeRace(client))
    .catch((e: unknown): SmokeResult => ({ ok: false, passed: [], failed: `connect: ${e instanceof Error ? e.message : String(e)}` }))
    .then((r) => report(JSON.stringify(r)));
}
