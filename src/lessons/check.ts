/**
 * Lessons checked headless (Node): each "try this" step's run started on the engine at full speed and
 * watched by its observation, which must fire; each comparison's two runs must both finish. Used by
 * `gradlab lessons check` (a teacher's edited lesson) and the test suite. Also reads the lesson files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { LAB_KINDS } from '../experiments/labs.js';
import { LABS } from '../labs/index.js';
import { seriesSpec } from '../labs/kit.js';
import type { Batch } from '../native/events.js';
import { pairLessons, type Lesson, type RunSpec } from './format.js';
import { Observer, type Observation } from './observe.js';

/** The shipped lessons' folder (dist/src/lessons/*.js → assets/lessons). */
export const LESSONS_DIR = fileURLToPath(new URL('../../../assets/lessons/', import.meta.url));

/** Every *.md file of a folder, as pairLessons reads them. */
export function readLessonFiles(dir = LESSONS_DIR): { file: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }));
}

export interface RunResult {
  status: string;
  labStatus: string;
  /** whether the observation fired (null: none asked) */
  fired: boolean | null;
  /** each series' last value */
  last: Record<string, number>;
}

/** Runs one config to its end at full speed, feeding the observation. */
export async function runHeadless(run: RunSpec, observation: Observation | null): Promise<RunResult> {
  const kind = LAB_KINDS[run.lab]!;
  const session = kind.start(run.config, { steps_per_second: 0 });
  const observer = observation ? new Observer(observation) : null;
  const last: Record<string, number> = {};
  session.on('batch', (b: Batch) => {
    observer?.batch(b.stream, b.index, b.columns);
    for (const [col, values] of Object.entries(b.columns)) if (values.length > 0) last[`${b.stream}${b.index > 0 ? b.index : ''}_${col}`] = values[values.length - 1]!;
  });
  const summary = await session.done;
  const { status, labStatus } = kind.outcome(summary);
  observer?.end(status, labStatus);
  return { status, labStatus, fired: observer ? observer.fired : null, last };
}

export interface StepCheck {
  lesson: string;
  step: string;
  ok: boolean;
  detail: string;
}

/** Every try step of a lesson (its observation must fire) and every comparison (both runs end). */
export async function checkLesson(lesson: Lesson): Promise<StepCheck[]> {
  const out: StepCheck[] = [];
  for (const b of lesson.blocks) {
    if (b.kind === 'try') {
      const r = await runHeadless(b.run, b.observe);
      out.push({ lesson: lesson.id, step: b.text, ok: r.fired === true, detail: `${b.observeText}: ${r.fired ? 'seen' : 'not seen'} (run ${r.labStatus})` });
    } else if (b.kind === 'compare') {
      const [good, bad] = [await runHeadless(b.good, null), await runHeadless(b.bad, null)];
      const g = good.last[b.metric], w = bad.last[b.metric];
      const better = seriesSpec(LABS.find((d) => d.id === b.good.lab)!, b.metric)?.better ?? null;
      const ok = g !== undefined && w !== undefined && (better === null || (better === 'min' ? g < w : g > w));
      const detail = g === undefined || w === undefined ? `${b.metric}: not a series of these runs` : `${b.metric}: ${b.good.label} ${g}, ${b.bad.label} ${w}${ok ? '' : ` (the good one is not better; ${better} is better)`}`;
      out.push({ lesson: lesson.id, step: b.caption, ok, detail });
    }
  }
  return out;
}

export { pairLessons };
