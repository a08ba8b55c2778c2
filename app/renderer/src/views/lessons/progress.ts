/**
 * What a learner has done in each lesson, remembered on this machine (localStorage, which Electron
 * keeps in the app's data folder): the "try this" steps seen and the quiz answers chosen.
 */
export interface LessonProgress {
  /** indexes of the lesson's blocks whose step was seen */
  seen: number[];
  /** block index → the answer chosen */
  answers: Record<number, number>;
}

const KEY = 'gradlab.lessons.progress';

type All = Record<string, LessonProgress>;

function readAll(): All {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    return typeof v === 'object' && v !== null ? (v as All) : {};
  } catch {
    return {};
  }
}

export function readProgress(lesson: string): LessonProgress {
  const p = readAll()[lesson];
  return { seen: Array.isArray(p?.seen) ? p.seen : [], answers: typeof p?.answers === 'object' && p.answers !== null ? p.answers : {} };
}

export function writeProgress(lesson: string, p: LessonProgress): void {
  const all = readAll();
  all[lesson] = p;
  try {
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // storage full or disabled: progress lives for this session only
  }
}
