/**
 * PyTorch scripts from stored runs (`gradlab runs export ID --pytorch out.py`, #16): one exporter per
 * lab whose model trains, each a Python template in this folder filled with the run's data. A lab
 * without an exporter gets a clear error naming the labs that have one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { Run } from '../../experiments/run-types.js';
import type { RunEvent } from '../../experiments/runs.js';

/** The script, and any file it reads that goes beside it (a large data set). */
export interface ExportFiles {
  script: string;
  files: { name: string; bytes: Buffer }[];
}

export interface ScriptExporter {
  /** the template's file name in src/export/pytorch/ */
  template: string;
  /** the whole script for this run and its live changes; `scriptName` is the script's file name
   * (files beside it are named after it) */
  script(run: Run, events: RunEvent[], scriptName: string): ExportFiles;
}

/** The templates ship as source files (dist/src/export/pytorch/*.js → src/export/pytorch/*.py). */
const TEMPLATES = fileURLToPath(new URL('../../../../src/export/pytorch/', import.meta.url));

/** A template with common.py (arithmetic, random numbers, schedules, update rules) in place of
 * {{COMMON}}, loading.py (the data set and the initial weights) in place of {{LOADING}}, and any other
 * shared part of this folder in place of {{FILE:name.py}} (weights.py, sequences.py; parts may hold
 * parts). */
export function readTemplate(name: string): string {
  const part = (file: string) => readFileSync(TEMPLATES + file, 'utf8').trimEnd();
  let text = readFileSync(TEMPLATES + name, 'utf8')
    .replace('{{COMMON}}', () => part('common.py'))
    .replace('{{LOADING}}', () => part('loading.py'));
  for (let depth = 0; /\{\{FILE:[a-z_-]+\.py\}\}/.test(text); depth++) {
    if (depth > 4) throw new Error(`pytorch export: ${name} nests its shared parts too deep`);
    text = text.replace(/\{\{FILE:([a-z_-]+\.py)\}\}/g, (_all, file: string) => part(file));
  }
  return text;
}

/** Keys whose values go into a comment line: a newline in a run's name must not start a line of code. */
const ONE_LINE = new Set(['TITLE', 'DATA_WHERE']);

/** Replaces each {{KEY}} of the template; a key left over is a bug in the exporter, not in the run. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const out = template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (all, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`pytorch export: the template has {{${key}}} and the exporter gave no value for it`);
    // eslint-disable-next-line no-control-regex
    return ONE_LINE.has(key) ? v.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ') : v;
  });
  return out;
}
