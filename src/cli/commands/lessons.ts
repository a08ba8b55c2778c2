/**
 * `gradlab lessons list | check`: the primer's lessons (assets/lessons, or a teacher's folder with
 * --dir). `check` parses every file (errors name the file and line), pairs the languages, then runs
 * each "try this" step headless and says whether its observation fired; exit 1 when one did not.
 */
import type { Command } from 'commander';

import { checkLesson, LESSONS_DIR, pairLessons, readLessonFiles } from '../../lessons/check.js';
import { LessonError } from '../../lessons/format.js';
import { LabError } from '../../native/errors.js';
import { csv, json, table, type Format } from '../format.js';
import { formatOption } from '../option-parsers.js';

interface LessonsArgs {
  dir?: string;
  lesson?: string;
  format: Format;
}

function load(a: LessonsArgs) {
  try {
    const pairs = pairLessons(readLessonFiles(a.dir ?? LESSONS_DIR));
    return a.lesson === undefined ? pairs : pairs.filter((p) => p.en.id === a.lesson);
  } catch (e) {
    if (e instanceof LessonError) throw new LabError(e.message, 'INVALID_CONFIG');
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new LabError(`--dir: no such folder ${a.dir}`, 'INVALID_CONFIG');
    throw e;
  }
}

export function registerLessons(program: Command, print: (text: string) => void, fail: (code: number) => void): void {
  const lessons = program.command('lessons').description('the primer\'s lessons: list them, or check that every "try this" step happens');
  lessons
    .command('list')
    .description('the lessons by chapter, with their lab and steps')
    .option('--dir <folder>', 'lesson files (<id>.en.md and <id>.zh.md) instead of the shipped ones')
    .addOption(formatOption())
    .action((a: LessonsArgs) => {
      const rows = load(a).map(({ en, zh }) => [en.chapter, en.id, en.title, zh.title, en.lab, en.blocks.filter((b) => b.kind === 'try').length, en.blocks.filter((b) => b.kind === 'quiz').length]);
      const headers = ['chapter', 'lesson', 'title', 'title_zh', 'lab', 'try', 'quiz'];
      if (a.format === 'json') print(json(rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]])))));
      else print(a.format === 'csv' ? csv(headers, rows) : table(headers, rows));
    });
  lessons
    .command('check')
    .description('parse every lesson file and run each "try this" step headless: its observation must fire')
    .option('--dir <folder>', 'lesson files (<id>.en.md and <id>.zh.md) instead of the shipped ones')
    .option('--lesson <id>', 'only this lesson')
    .addOption(formatOption())
    .action(async (a: LessonsArgs) => {
      const pairs = load(a);
      if (a.lesson !== undefined && pairs.length === 0) throw new LabError(`--lesson: no lesson "${a.lesson}"`, 'INVALID_CONFIG');
      const checks = [];
      for (const p of pairs) checks.push(...(await checkLesson(p.en)));
      if (checks.some((c) => !c.ok)) fail(1);
      if (a.format === 'json') return print(json(checks));
      const rows = checks.map((c) => [c.lesson, c.ok ? 'ok' : 'NOT SEEN', c.step, c.detail]);
      print(a.format === 'csv' ? csv(['lesson', 'result', 'step', 'detail'], rows) : table(['lesson', 'result', 'step', 'detail'], rows));
    });
}
