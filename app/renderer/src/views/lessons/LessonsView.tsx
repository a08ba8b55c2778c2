/**
 * The Lessons view: the primer's chapters as lessons (assets/lessons, in the app's language), each
 * with its idea and formulas, "try this" steps run in the lab host and ticked when the app sees them
 * happen, good and bad settings side by side, and a self-check. Progress stays on this machine.
 */
import { useCallback, useEffect, useState } from 'react';

import { isTypingTarget } from '../../controls/useLabKeys';
import { setPendingPreset } from '../../presets/pendingPreset';

import type { Block, Lesson } from '../../../../../src/lessons/format';
import { useI18n } from '../../i18n/i18n';
import { CompareBlock } from './CompareBlock';
import { LESSONS } from './lessonData';
import { PackPanel } from './PackPanel';
import { DisplayMath, MathText } from './MathText';
import { readProgress, writeProgress, type LessonProgress } from './progress';
import { QuizBlock } from './QuizBlock';
import { TryStep } from './TryStep';
import './lessons.css';

const CURRENT = 'gradlab.lessons.current';
const stepCount = (l: Lesson) => l.blocks.filter((b) => b.kind === 'try').length;

function LessonPage({ lesson, onBack }: { lesson: Lesson; onBack: () => void }) {
  const { t } = useI18n();
  const [progress, setProgress] = useState<LessonProgress>(() => readProgress(lesson.id));
  const save = useCallback(
    (change: (p: LessonProgress) => LessonProgress) =>
      setProgress((p) => {
        const next = change(p);
        writeProgress(lesson.id, next);
        return next;
      }),
    [lesson.id],
  );
  const seeStep = useCallback((i: number) => save((p) => (p.seen.includes(i) ? p : { ...p, seen: [...p.seen, i] })), [save]);
  const block = (b: Block, i: number) => {
    if (b.kind === 'text')
      return (
        <section key={i} className="lesson-text">
          <h3>{b.heading}</h3>
          {b.paragraphs.map((p, j) => (p.kind === 'math' ? <DisplayMath key={j} tex={p.tex} /> : <p key={j}><MathText text={p.text} /></p>))}
        </section>
      );
    if (b.kind === 'try')
      return (
        <div key={i} data-step={i} className={current === i ? 'lesson-step current' : 'lesson-step'}>
          <TryStep block={b} index={i} seen={progress.seen.includes(i)} onSeen={() => seeStep(i)} />
        </div>
      );
    if (b.kind === 'compare')
      return (
        <div key={i} data-step={i} className={current === i ? 'lesson-step current' : 'lesson-step'}>
          <CompareBlock block={b} index={i} />
        </div>
      );
    return <QuizBlock key={i} block={b} index={i} chosen={progress.answers[i]} onChoose={(a) => save((p) => ({ ...p, answers: { ...p.answers, [i]: a } }))} />;
  };
  const done = lesson.blocks.filter((b, i) => b.kind === 'try' && progress.seen.includes(i)).length;
  // the keyboard of a workshop: N / PageDown the next step, P / PageUp the previous, Enter runs it
  const steps = lesson.blocks.flatMap((b, i) => (b.kind === 'try' || b.kind === 'compare' ? [i] : []));
  const [current, setCurrent] = useState<number | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(e.target)) return;
      const at = current === null ? -1 : steps.indexOf(current);
      let next: number | undefined;
      if (e.key === 'n' || e.key === 'N' || e.key === 'PageDown') next = steps[Math.min(at + 1, steps.length - 1)];
      else if (e.key === 'p' || e.key === 'P' || e.key === 'PageUp') next = steps[Math.max(at - 1, 0)];
      else if (e.key === 'Enter' && current !== null && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        document.querySelector<HTMLButtonElement>(`[data-testid="lesson-run-${current}"]`)?.click();
        return;
      }
      if (next === undefined) return;
      e.preventDefault();
      setCurrent(next);
      document.querySelector(`[data-step="${next}"]`)?.scrollIntoView({ block: 'center' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, steps]);
  return (
    <article className="lesson-page" data-testid={`lesson-${lesson.id}`}>
      <div className="lesson-top">
        <button type="button" className="ghost" onClick={onBack} data-testid="lessons-back">
          ← {t('lessons.back')}
        </button>
        <a
          href={`#${lesson.view}`}
          className="lesson-open"
          data-testid="lesson-open-lab"
          onClick={() => {
            if (lesson.preset) setPendingPreset(lesson.view, lesson.preset.config);
          }}
        >
          {t('lessons.open_lab')}
        </a>
      </div>
      <p className="lesson-chapter">{t('lessons.chapter', { n: lesson.chapter })}</p>
      <h2>{lesson.title}</h2>
      <p className="lesson-progress" data-testid="lesson-progress">
        {t('lessons.progress', { done, total: stepCount(lesson) })}
      </p>
      <p className="lesson-keys advanced">
        <span>
          <kbd translate="no">N</kbd> / <kbd translate="no">PgDn</kbd> {t('lessons.keys.next')}
        </span>
        <span>
          <kbd translate="no">P</kbd> / <kbd translate="no">PgUp</kbd> {t('lessons.keys.prev')}
        </span>
        <span>
          <kbd translate="no">Enter</kbd> {t('lessons.keys.run')}
        </span>
      </p>
      {lesson.blocks.map(block)}
      <button type="button" className="ghost advanced" onClick={() => save(() => ({ seen: [], answers: {} }))} data-testid="lesson-reset">
        {t('lessons.reset')}
      </button>
    </article>
  );
}

export default function LessonsView() {
  const { t, lang } = useI18n();
  const [current, setCurrent] = useState<string | null>(() => localStorage.getItem(CURRENT));
  const choose = (id: string | null) => {
    setCurrent(id);
    if (id === null) localStorage.removeItem(CURRENT);
    else localStorage.setItem(CURRENT, id);
  };
  const pick = (pair: (typeof LESSONS.lessons)[number]) => (lang === 'en' ? pair.en : pair.zh);
  const open = LESSONS.lessons.find((p) => p.en.id === current);
  return (
    <div className="lessons">
      {LESSONS.error && (
        <p className="error-message" role="alert" data-testid="lessons-error">
          {t('lessons.error', { message: LESSONS.error })}
        </p>
      )}
      {open ? (
        <LessonPage key={`${open.en.id}-${lang}`} lesson={pick(open)} onBack={() => choose(null)} />
      ) : (
        <>
          <h2>{t('lessons.title')}</h2>
          <p className="lesson-intro">{t('lessons.intro')}</p>
          <PackPanel onLesson={choose} />
          <ol className="lesson-list">
            {LESSONS.lessons.map((pair) => {
              const l = pick(pair);
              const seen = readProgress(l.id).seen.length;
              return (
                <li key={l.id}>
                  <button type="button" className="lesson-card" onClick={() => choose(l.id)} data-testid={`lesson-open-${l.id}`}>
                    <span className="lesson-chapter">{t('lessons.chapter', { n: l.chapter })}</span>
                    <strong>{l.title}</strong>
                    <span className="lesson-progress">{t('lessons.progress', { done: Math.min(seen, stepCount(l)), total: stepCount(l) })}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}
