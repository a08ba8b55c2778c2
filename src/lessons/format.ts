/**
 * The lesson file format (docs/lessons.md): one Markdown-like text file per lesson per language
 * (assets/lessons/<id>.<en|zh>.md), so a teacher can edit a lesson or add one without touching code.
 * parseLesson checks a file line by line and throws LessonError naming the file and the line;
 * pairLessons checks that each lesson has both languages and that they ask for the same runs,
 * observations and answers. Pure (no Node or DOM imports): the renderer, the CLI and the tests share it.
 */
import { configIssue } from '../labs/config-issue.js';
import { LABS } from '../labs/index.js';
import { ObservationError, parseObservation, type Observation } from './observe.js';

export type Lang = 'en' | 'zh';

export type Paragraph = { kind: 'p'; text: string } | { kind: 'math'; tex: string };

export interface RunSpec {
  lab: string;
  config: Record<string, unknown>;
}

export type Block =
  | { kind: 'text'; heading: string; paragraphs: Paragraph[] }
  | { kind: 'try'; text: string; run: RunSpec; observe: Observation; observeText: string; note: string; line: number }
  | { kind: 'compare'; caption: string; metric: string; good: RunSpec & { label: string }; bad: RunSpec & { label: string } }
  | { kind: 'quiz'; question: string; answers: { text: string; correct: boolean; explain: string }[] };

export interface Lesson {
  id: string;
  lang: Lang;
  title: string;
  chapter: number;
  /** the lab the lesson is about, and the view that shows it (a nav id) */
  lab: string;
  view: string;
  /** the config the lesson's lab opens on */
  preset: RunSpec | null;
  blocks: Block[];
}

export class LessonError extends Error {
  constructor(readonly file: string, readonly line: number, message: string) {
    super(`${file}:${line}: ${message}`);
  }
}

const LESSON_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SERIES = /^[a-z]+\d*_[a-z0-9_]+$/;

/** "key: value" → [key, value] (null: not such a line). */
function keyValue(line: string): [string, string] | null {
  const m = /^([a-z_]+):\s*(.*)$/.exec(line);
  return m ? [m[1]!, m[2]!.trim()] : null;
}

export function parseLesson(file: string, text: string, lang: Lang): Lesson {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');  // a BOM some editors write
  const fail = (line: number, message: string): never => {
    throw new LessonError(file, line, message);
  };

  /** A lab config on line `n`, checked by the lab's own schema. */
  const runSpec = (n: number, labId: string, json: string): RunSpec => {
    const lab = LABS.find((d) => d.id === labId);
    if (!lab) return fail(n, `unknown lab "${labId}"; expected one of: ${LABS.map((d) => d.id).join(', ')}`);
    let config: unknown;
    try {
      config = JSON.parse(json);
    } catch (e) {
      return fail(n, `expected a config as JSON on one line: ${(e as Error).message}`);
    }
    if (typeof config !== 'object' || config === null || Array.isArray(config)) return fail(n, 'expected a config object {…}');
    const checked = lab.configSchema.safeParse(config);
    if (!checked.success) {
      const { path, message } = configIssue(checked.error, config);
      return fail(n, `${labId}.${path}: ${message}`);
    }
    return { lab: labId, config: config as Record<string, unknown> };
  };

  const title = /^# (.+)$/.exec(lines[0] ?? '');
  if (!title) fail(1, 'expected the title: "# <title>"');
  const meta = new Map<string, [string, number]>();
  let i = 1;
  for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
    const kv = keyValue(lines[i]!);
    if (!kv || !['lesson', 'chapter', 'lab', 'view', 'preset'].includes(kv[0])) fail(i + 1, `expected "lesson:", "chapter:", "lab:", "view:" or "preset:", got "${lines[i]}"`);
    if (meta.has(kv![0])) fail(i + 1, `"${kv![0]}" is given twice`);
    meta.set(kv![0], [kv![1], i + 1]);
  }
  for (const key of ['lesson', 'chapter', 'lab', 'view']) if (!meta.has(key)) fail(i + 1, `"${key}:" is required before the first blank line`);
  const [id, idLine] = meta.get('lesson')!;
  if (!LESSON_ID.test(id)) fail(idLine, `lesson: expected an id of lowercase letters, digits and dashes, got "${id}"`);
  const [chapterText, chapterLine] = meta.get('chapter')!;
  const chapter = Number(chapterText);
  if (!Number.isInteger(chapter) || chapter < 1 || chapter > 13) fail(chapterLine, `chapter: expected a whole number from 1 to 13, got "${chapterText}"`);
  const [lab, labLine] = meta.get('lab')!;
  if (!LABS.some((d) => d.id === lab)) fail(labLine, `lab: unknown lab "${lab}"; expected one of: ${LABS.map((d) => d.id).join(', ')}`);
  const preset = meta.has('preset') ? runSpec(meta.get('preset')![1], lab, meta.get('preset')![0]) : null;

  const blocks: Block[] = [];
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const head = /^## (.+)$/.exec(line);
    if (!head) fail(i + 1, `expected a section heading "## …", got "${line}"`);
    const start = i + 1;
    i++;
    const body: [string, number][] = [];
    for (; i < lines.length && !lines[i]!.startsWith('## '); i++) body.push([lines[i]!, i + 1]);
    const typed = /^(try|compare|quiz):\s*(.+)$/.exec(head![1]!);
    if (!typed) {
      blocks.push({ kind: 'text', heading: head![1]!, paragraphs: paragraphs(body, fail) });
      continue;
    }
    const [, kind, rest] = typed;
    if (kind === 'quiz') {
      blocks.push(quiz(rest!, body, start, fail));
      continue;
    }
    const keys = new Map<string, [string, number]>();
    for (const [l, n] of body) {
      if (l.trim() === '') continue;
      const kv = keyValue(l);
      const allowed = kind === 'try' ? ['config', 'lab', 'observe', 'note'] : ['good', 'bad', 'metric', 'lab'];
      if (!kv || !allowed.includes(kv[0])) fail(n, `expected one of ${allowed.map((k) => `"${k}:"`).join(', ')} in a ${kind} section, got "${l}"`);
      if (keys.has(kv![0])) fail(n, `"${kv![0]}" is given twice`);
      keys.set(kv![0], [kv![1], n]);
    }
    const need = (key: string): [string, number] => keys.get(key) ?? fail(start, `${kind}: "${key}:" is required`);
    const runLab = keys.get('lab')?.[0] ?? lab;
    if (kind === 'try') {
      const [cfg, cfgLine] = need('config');
      const [obs, obsLine] = need('observe');
      let observe: Observation;
      try {
        observe = parseObservation(obs);
      } catch (e) {
        if (e instanceof ObservationError) return fail(obsLine, `observe: ${e.message}`);
        throw e;
      }
      blocks.push({ kind: 'try', text: rest!, run: runSpec(cfgLine, runLab, cfg), observe, observeText: obs, note: keys.get('note')?.[0] ?? '', line: start });
    } else {
      const side = (key: 'good' | 'bad') => {
        const [v, n] = need(key);
        const cut = v.lastIndexOf(' | ');
        if (cut < 0) return fail(n, `${key}: expected "<config JSON> | <label>"`);
        return { ...runSpec(n, runLab, v.slice(0, cut)), label: v.slice(cut + 3).trim() };
      };
      const [metric, metricLine] = need('metric');
      if (!SERIES.test(metric)) fail(metricLine, `metric: expected a series name such as race_f or epoch_test_acc, got "${metric}"`);
      blocks.push({ kind: 'compare', caption: rest!, metric, good: side('good'), bad: side('bad') });
    }
  }
  return { id, lang, title: title![1]!, chapter, lab, view: meta.get('view')![0], preset, blocks };
}

/** Paragraphs (blank-line separated) and display math ("$$ … $$" on one line). */
function paragraphs(body: [string, number][], fail: (line: number, message: string) => never): Paragraph[] {
  const out: Paragraph[] = [];
  let text: string[] = [];
  const flush = () => {
    if (text.length > 0) out.push({ kind: 'p', text: text.join(' ') });
    text = [];
  };
  for (const [l, n] of body) {
    const t = l.trim();
    if (t === '') flush();
    else if (t.startsWith('$$')) {
      flush();
      if (!t.endsWith('$$') || t.length < 5) fail(n, 'display math: expected "$$ … $$" on one line');
      out.push({ kind: 'math', tex: t.slice(2, -2).trim() });
    } else text.push(t);
  }
  flush();
  return out;
}

/** "- [x] answer — why" lines: at least two answers, exactly one right. */
function quiz(question: string, body: [string, number][], start: number, fail: (line: number, message: string) => never): Block {
  const answers: { text: string; correct: boolean; explain: string }[] = [];
  for (const [l, n] of body) {
    if (l.trim() === '') continue;
    const m = /^- \[( |x)\] (.+?) — (.+)$/.exec(l.trim());
    if (!m) fail(n, `expected an answer "- [x] <answer> — <why>" or "- [ ] <answer> — <why>", got "${l}"`);
    answers.push({ correct: m![1] === 'x', text: m![2]!, explain: m![3]! });
  }
  if (answers.length < 2) fail(start, `quiz: expected at least two answers, got ${answers.length}`);
  const right = answers.filter((a) => a.correct).length;
  if (right !== 1) fail(start, `quiz: expected exactly one right answer "- [x] …", got ${right}`);
  return { kind: 'quiz', question, answers };
}

/** What must be the same in both languages: the runs, the observations, the answers' order of right and wrong. */
function skeleton(l: Lesson): string {
  return JSON.stringify([l.chapter, l.lab, l.view, l.preset, l.blocks.map((b) => {
    if (b.kind === 'try') return ['try', b.run, b.observeText];
    if (b.kind === 'compare') return ['compare', b.metric, b.good.lab, b.good.config, b.bad.lab, b.bad.config];
    if (b.kind === 'quiz') return ['quiz', b.answers.map((a) => a.correct)];
    // display formulas in order; the inline $…$ ones of the section as a set (word order differs by language)
    const inline = b.paragraphs.flatMap((p) => (p.kind === 'p' ? (p.text.match(/\$[^$]+\$/g) ?? []) : [])).sort();
    return ['text', b.paragraphs.filter((p) => p.kind === 'math').map((p) => (p as { tex: string }).tex), inline];
  })]);
}

/** Lessons in both languages, by chapter: throws LessonError when one language is missing or differs. */
export function pairLessons(files: { file: string; text: string }[]): { en: Lesson; zh: Lesson }[] {
  const byId = new Map<string, Partial<Record<Lang, Lesson>>>();
  for (const { file, text } of files) {
    const m = /([a-z0-9-]+)\.(en|zh)\.md$/.exec(file);
    if (!m) throw new LessonError(file, 1, 'expected a file named <lesson>.en.md or <lesson>.zh.md');
    const lesson = parseLesson(file, text, m[2] as Lang);
    if (lesson.id !== m[1]) throw new LessonError(file, 2, `lesson: "${lesson.id}" differs from the file's name "${m[1]}"`);
    byId.set(lesson.id, { ...byId.get(lesson.id), [lesson.lang]: lesson });
  }
  const out: { en: Lesson; zh: Lesson }[] = [];
  for (const [id, pair] of byId) {
    if (!pair.en || !pair.zh) throw new LessonError(`${id}.${pair.en ? 'zh' : 'en'}.md`, 1, `lesson "${id}" has no ${pair.en ? '简体中文' : 'English'} file`);
    if (skeleton(pair.en) !== skeleton(pair.zh)) throw new LessonError(`${id}.zh.md`, 1, `lesson "${id}": its runs, observations, formulas or answers differ from the English file's`);
    out.push({ en: pair.en, zh: pair.zh });
  }
  return out.sort((a, b) => a.en.chapter - b.en.chapter || a.en.id.localeCompare(b.en.id));
}
