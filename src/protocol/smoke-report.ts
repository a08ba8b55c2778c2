/**
 * What the app's smoke test reports (src/protocol/smoke.ts runs it in the page, app/main/smoke.ts
 * prints it): pure, no imports, so the main process loads nothing else for it.
 */
export interface SmokeResult {
  ok: boolean;
  /** the steps that passed, in order */
  passed: string[];
  /** the step that failed and why */
  failed?: string;
  runId?: number;
}

/** The line the app prints: "gradlab smoke test passed: …" or "gradlab smoke test FAILED at …". */
export function smokeReport(r: SmokeResult): string {
  return r.ok ? `gradlab smoke test passed: ${r.passed.join('; ')}` : `gradlab smoke test FAILED at ${r.failed ?? 'an unknown step'} (passed: ${r.passed.join('; ') || 'nothing'})`;
}
