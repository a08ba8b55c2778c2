/**
 * One typed setting of a lab's form: its label, the input (data-testid "<prefix>-<id>"), and the reason
 * beside it when the value is refused (data-testid "<prefix>-<id>-error"), in the UI's language.
 */
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';

export interface FieldError {
  key: StringKey;
  vars?: Record<string, string | number>;
}

export function LabField({ prefix, id, label, value, onChange, error, disabled, className }: { prefix: string; id: string; label: string; value: string; onChange: (v: string) => void; error: FieldError | undefined; disabled: boolean; className: string }) {
  const { t } = useI18n();
  return (
    <label className={className}>
      <span>{label}</span>
      <input data-testid={`${prefix}-${id}`} value={value} inputMode="decimal" aria-invalid={error ? true : undefined} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
      {error && (
        <span className="field-error" role="alert" data-testid={`${prefix}-${id}-error`}>
          {t(error.key, error.vars)}
        </span>
      )}
    </label>
  );
}
