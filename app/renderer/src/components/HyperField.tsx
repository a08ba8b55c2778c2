/**
 * One hyper-parameter as a form field, from the engine's catalog entry (kind, range, default, doc):
 * a checkbox for booleans, a number field otherwise. A value out of range is shown with the range it
 * must be in, next to the field, and not passed on (onChange gets only valid values).
 */
import { useEffect, useState } from 'react';

import type { HyperMeta } from '../../../../src/native/catalog';
import { inRange, rangeText } from '../../../../src/native/schemas';
import type { Lang } from '../i18n/strings';
import { catalogText } from '../catalog/catalogText';
import { useI18n } from '../i18n/i18n';
import { useFieldValidity } from './FieldValidity';

/** rangeText (the engine's words) in the UI's language. */
export function rangeTextIn(lang: Lang, h: HyperMeta): string {
  if (lang !== 'zh-CN') return rangeText(h);
  if (h.kind === 'boolean') return '开或关';
  const what = h.kind === 'integer' ? '整数' : '有限数';
  if (h.min !== null && h.max !== null) return `${h.minExclusive ? '(' : '['}${h.min}, ${h.max}${h.maxExclusive ? ')' : ']'} 内的${what}`;
  if (h.min !== null) return `${h.minExclusive ? '>' : '≥'} ${h.min} 的${what}`;
  if (h.max !== null) return `${h.maxExclusive ? '<' : '≤'} ${h.max} 的${what}`;
  return what;
}

export interface HyperFieldProps {
  meta: HyperMeta;
  value: number | boolean | undefined;
  onChange: (v: number | boolean) => void;
  /** data-testid prefix for tests: `${testId}-${meta.name}` */
  testId?: string;
  /** a display name in the UI's language, shown instead of meta.name (e.g. 噪声 for "noise") */
  label?: string;
}

export function HyperField({ meta, value, onChange, testId, label }: HyperFieldProps) {
  const { t, lang } = useI18n();
  const current = value ?? meta.default;
  const [text, setText] = useState(String(current));
  useEffect(() => setText(String(current)), [current]);
  const id = testId ? `${testId}-${meta.name}` : undefined;
  const title = catalogText(lang, meta.doc);
  const parsed = text.trim() === '' ? NaN : Number(text);
  const ok = meta.kind === 'boolean' || inRange(parsed, meta);
  useFieldValidity(ok ? null : (label ?? meta.name));
  if (meta.kind === 'boolean') {
    return (
      <label className="hyper hyper-bool" title={title}>
        <input type="checkbox" data-testid={id} checked={Boolean(current)} onChange={(e) => onChange(e.target.checked)} /> {label ?? meta.name}
      </label>
    );
  }
  return (
    <label className="hyper" title={title}>
      <span className={label === undefined ? 'hyper-name' : 'hyper-label'}>{label ?? meta.name}</span>
      <input
        type="text"
        inputMode="decimal"
        data-testid={id}
        value={text}
        aria-invalid={!ok}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && inRange(v, meta)) onChange(v);
        }}
      />
      {!ok && <span className="field-error">{t('field.expected', { what: rangeTextIn(lang, meta) })}</span>}
    </label>
  );
}
