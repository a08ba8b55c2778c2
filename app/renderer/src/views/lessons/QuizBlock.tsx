/**
 * A self-check question: pick an answer, see whether it is right and why (every answer explains
 * itself). The choice is remembered with the lesson's progress.
 */
import type { Block } from '../../../../../src/lessons/format';
import { useI18n } from '../../i18n/i18n';

type Quiz = Extract<Block, { kind: 'quiz' }>;

export function QuizBlock({ block, index, chosen, onChoose }: { block: Quiz; index: number; chosen: number | undefined; onChoose: (answer: number) => void }) {
  const { t } = useI18n();
  const answer = chosen !== undefined ? block.answers[chosen] : undefined;
  return (
    <fieldset className="lesson-quiz" data-testid={`lesson-quiz-${index}`}>
      <legend>{t('lessons.quiz_title', { text: block.question })}</legend>
      {block.answers.map((a, i) => (
        <label key={i} className={chosen === i ? (a.correct ? 'chosen right' : 'chosen wrong') : undefined}>
          <input type="radio" name={`quiz-${index}`} checked={chosen === i} onChange={() => onChoose(i)} /> {a.text}
        </label>
      ))}
      {answer && (
        <p className={answer.correct ? 'lesson-answer right' : 'lesson-answer wrong'} data-testid={`lesson-answer-${index}`}>
          {answer.correct ? t('lessons.right') : t('lessons.wrong')} {answer.explain}
        </p>
      )}
    </fieldset>
  );
}
