/**
 * A labelled number field for the race's own settings (steps, gradient noise σ): range-checked as the
 * engine checks it, with the expected range next to the field when the text is not acceptable; only
 * valid values reach onChange.
 */
import { useEffect, useState } from 'react';

import type { HyperMeta } from '../../../../../src/native/catalog';
import { inRange } from '../../../../../src/native/schemas';
import { useFieldValidity } from '../../components/FieldValidity';
import { rangeTextIn } from '../../components/HyperField';
import { useI18n } from '../../i18n/i18n';

export interface NumberFieldProps {
  label: string;
  value: number;
  range: Pick<HyperMeta, 'kind' | 'min' | 'max' | 'minExclusive' | 'maxExclusive'>;
  onChange: (v: number) => void;
  testId?: string;
}

export function NumberField({ label, value, range, onChange, testId }: NumberFieldProps) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const parsed = text.trim() === '' ? NaN : Number(text);
  const ok = inRange(parsed, range);
  useFieldValidity(ok ? null : label);
  return (
    <label className="pg-field pg-number">
      <span>{label}</span>
      <input
        type="text"
        inputMode="decimal"
        data-testid={testId}
        value={text}
        aria-invalid={!ok}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && inRange(v, range)) onChange(v);
        }}
      />
      {!ok && <span className="field-error">{t('field.expected', { what: rangeTextIn(lang, { ...range, name: '', default: 0, doc: '' } as HyperMeta) })}</span>}
    </label>
  );
}
