/**
 * The shipped lessons, bundled from assets/lessons (one file per lesson per language) and paired by
 * src/lessons/format.ts; a broken file gives an error to show instead of a blank view.
 */
import { pairLessons, type Lesson } from '../../../../../src/lessons/format';

const files = import.meta.glob('../../../../../assets/lessons/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export type LessonPair = { en: Lesson; zh: Lesson };

function load(): { lessons: LessonPair[]; error: string | null } {
  try {
    return { lessons: pairLessons(Object.entries(files).map(([file, text]) => ({ file: file.split('/').pop()!, text }))), error: null };
  } catch (e) {
    return { lessons: [], error: (e as Error).message };
  }
}

export const LESSONS = load();
