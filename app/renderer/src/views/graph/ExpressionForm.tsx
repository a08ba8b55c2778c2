/**
 * The expression mode's inputs: the expression itself and one value field per variable in it. A number
 * that does not parse is flagged at its field here; the host's errors (a malformed formula with its
 * position, a missing value) show next to the field they name.
 */
import { useI18n } from '../../i18n/i18n';
import { FieldError } from './FieldError';
import { parseValue } from './expressionVariables';
import type { GraphError } from './useGraphCompute';

interface Props {
  expression: string;
  onExpression: (text: string) => void;
  variables: string[];
  values: Record<string, string>;
  onValue: (name: string, text: string) => void;
  error: GraphError | null;
}

export function ExpressionForm({ expression, onExpression, variables, values, onValue, error }: Props) {
  const { t } = useI18n();
  const exprError = error && (error.field === 'graph.expression' || error.code === 'FORMULA_SYNTAX') ? error : null;
  const otherError = error && !exprError && !variables.some((v) => error.field === `graph.values.${v}`) ? error : null;
  return (
    <div className="graph-form expression-form">
      <div className="field expression-field">
        <label className="field-label" htmlFor="graph-expression-input">
          {t('graph.expression')}
        </label>
        <input
          id="graph-expression-input"
          type="text"
          className="expression-input"
          value={expression}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onExpression(e.target.value)}
          aria-invalid={exprError ? true : undefined}
          aria-describedby={exprError ? 'graph-expression-error' : undefined}
          data-testid="graph-expression"
          title={t('graph.expression.hint')}
        />
        {exprError && <FieldError id="graph-expression-error" message={exprError.detail} text={expression} position={exprError.position} />}
      </div>
      <div className="field values-field">
        <span className="field-label">{t('graph.values')}</span>
        <div className="values-row">
          {variables.map((name) => {
            const text = values[name] ?? '';
            const bad = parseValue(text) === null;
            const hostError = error?.field === `graph.values.${name}` ? error.detail : null;
            return (
              <label key={name} className="value-field">
                <span className="var-name">{name} =</span>
                <input
                  type="text"
                  inputMode="decimal"
                  value={text}
                  onChange={(e) => onValue(name, e.target.value)}
                  aria-invalid={bad || hostError ? true : undefined}
                  data-testid={`graph-value-${name}`}
                />
                {(bad || hostError) && <FieldError id={`graph-value-${name}-error`} message={bad ? t('graph.value.error') : hostError!} />}
              </label>
            );
          })}
        </div>
      </div>
      {otherError && <FieldError id="graph-error" message={otherError.message} />}
    </div>
  );
}
