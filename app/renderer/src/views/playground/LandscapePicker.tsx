/**
 * Chooses the landscape: every built-in of the engine's catalog (title and note in the UI's language,
 * its formula, its parameters as HyperFields) or a typed formula, sent once typing pauses (or on Enter).
 * A syntax error is shown under the field with the formula repeated and the character at the engine's
 * position marked.
 */
import { useEffect, useRef, useState } from 'react';

import { LANDSCAPES } from '../../../../../src/native/catalog';
import { catalogText } from '../../catalog/catalogText';
import { useFieldValidity } from '../../components/FieldValidity';
import { ErrorMessage } from '../../components/ErrorMessage';
import { HyperField } from '../../components/HyperField';
import { useI18n } from '../../i18n/i18n';
import { DEFAULT_FORMULA, landscapeMeta, landscapeParams, type LandscapeChoice } from './landscapeSpec';
import type { LandscapeError } from './useLandscape';

const CUSTOM = '__formula__';
const TYPING_PAUSE_MS = 450;

export interface LandscapePickerProps {
  choice: LandscapeChoice;
  onChoice: (c: LandscapeChoice) => void;
  error: LandscapeError | null;
}

function FormulaError({ error }: { error: LandscapeError }) {
  const { t } = useI18n();
  const pos = error.position;
  const text = error.formula ?? '';
  const i = pos !== undefined ? Math.max(0, pos - 1) : -1;
  return (
    <div className="pg-formula-error field-error" role="alert" data-testid="pg-formula-error" data-position={pos ?? ''}>
      {pos !== undefined && <div>{t('playground.formula.error', { pos })}</div>}
      {pos !== undefined && (
        <code className="pg-formula-echo">
          {text.slice(0, i)}
          <mark>{i < text.length ? text.slice(i, i + 1) : '\u00a0'}</mark>
          {text.slice(i + 1)}
        </code>
      )}
      <div className="pg-formula-detail">
        <ErrorMessage message={error.message} code={error.code} />
      </div>
    </div>
  );
}

function FormulaField({ formula, onFormula, error }: { formula: string; onFormula: (f: string) => void; error: LandscapeError | null }) {
  const { t } = useI18n();
  const [text, setText] = useState(formula);
  useFieldValidity(error !== null || text.trim() === '' ? t('playground.formula.label') : null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const send = (f: string) => {
    clearTimeout(timer.current);
    if (f.trim() !== '') onFormula(f);
  };
  return (
    <div className="pg-formula">
      <label className="pg-field">
        <span>{t('playground.formula.label')}</span>
        <span className="pg-formula-row">
          <code className="pg-fxy">f(x, y) =</code>
          <input
            type="text"
            spellCheck={false}
            data-testid="pg-formula"
            value={text}
            aria-invalid={error !== null}
            onChange={(e) => {
              const f = e.target.value;
              setText(f);
              clearTimeout(timer.current);
              timer.current = setTimeout(() => send(f), TYPING_PAUSE_MS);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') send(text);
            }}
          />
        </span>
      </label>
      {error ? <FormulaError error={error} /> : <div className="pg-help">{t('playground.formula.help')}</div>}
    </div>
  );
}

export function LandscapePicker({ choice, onChoice, error }: LandscapePickerProps) {
  const { t, lang } = useI18n();
  const lastFormula = useRef(DEFAULT_FORMULA);
  if (choice.kind === 'formula') lastFormula.current = choice.formula;
  const meta = choice.kind === 'builtin' ? landscapeMeta(choice.name) : undefined;
  return (
    <section className="pg-card pg-landscape" aria-label={t('playground.landscape')}>
      <label className="pg-field">
        <span>{t('playground.landscape')}</span>
        <select
          data-testid="pg-landscape"
          value={choice.kind === 'builtin' ? choice.name : CUSTOM}
          onChange={(e) => {
            const v = e.target.value;
            onChoice(v === CUSTOM ? { kind: 'formula', formula: lastFormula.current } : { kind: 'builtin', name: v, params: {} });
          }}
        >
          {LANDSCAPES.map((l) => (
            <option key={l.name} value={l.name}>
              {catalogText(lang, l.title)}
            </option>
          ))}
          <option value={CUSTOM}>{t('playground.custom')}</option>
        </select>
      </label>
      {meta && (
        <>
          <code className="formula pg-landscape-formula">f(x, y) = {meta.formula}</code>
          <p className="pg-note">{catalogText(lang, meta.note)}</p>
          {landscapeParams(meta).length > 0 && (
            <div className="hypers">
              {landscapeParams(meta).map((h) => (
                <HyperField
                  key={`${meta.name}.${h.name}`}
                  meta={h}
                  value={choice.kind === 'builtin' ? choice.params[h.name] : undefined}
                  testId="pg-param"
                  onChange={(v) => choice.kind === 'builtin' && onChoice({ ...choice, params: { ...choice.params, [h.name]: Number(v) } })}
                />
              ))}
            </div>
          )}
          {error && <div className="field-error" role="alert">{t('playground.grid.error', { message: error.message })}</div>}
        </>
      )}
      {choice.kind === 'formula' && (
        <>
          <FormulaField formula={choice.formula} onFormula={(formula) => onChoice({ kind: 'formula', formula })} error={error} />
          <p className="pg-note">{t('playground.custom.note')}</p>
        </>
      )}
    </section>
  );
}
