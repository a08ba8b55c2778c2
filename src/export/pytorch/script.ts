/**
 * PyTorch scripts from stored runs (`gradlab runs export ID --pytorch out.py`, #16): one exporter per
 * lab whose model trains, each a Python template in this folder filled with the run's data. A lab
 * without an exporter gets a clear error naming the labs that have one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Run } from '../../experiments/run-types.js';
import type { RunEvent } from '../../experiments/runs.js';

export interface ScriptExporter {
  /** the template's file name in src/export/pytorch/ */
  template: string;
  /** the whole script for this run and its live changes */
  script(run: Run, events: RunEvent[]): string;
}

/** The templates ship as source files (dist/src/export/pytorch/*.js → src/export/pytorch/*.py). */
const TEMPLATES = fileURLToPath(new URL('../../../../src/export/pytorch/', import.meta.url));

export function readTemplate(name: string): string {
  return readFileSync(TEMPLATES + name, 'utf8');
}

/** Replaces each {{KEY}} of the template; a key left over is a bug in the exporter, not in the run. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const out = template.replace(/\{\{([A-Z_]+)\}\}/g, (all, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`pytorch export: the template has {{${key}}} and the exporter gave no value for it`);
    return v;
  });
  return out;
}
