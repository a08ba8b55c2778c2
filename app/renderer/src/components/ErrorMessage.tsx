/**
 * An engine or host error in words: the message without the config path it starts with
 * ("grid.function.formula: …") and without the trailing code ("[INVALID_CONFIG]"); both kept in a
 * details line for a bug report (#11 defect 10: errors led with internal paths).
 */
import { useI18n } from '../i18n/i18n';

export interface SplitError {
  text: string;
  where: string | null;
  code: string | null;
}

const PATH = /^([a-z_][a-z0-9_]*(?:(?:\.[a-z0-9_]+)|\[\d+\])*)(?: \([^)]*\))?:\s+/i;
const CODE = /\s*\[([A-Z][A-Z0-9_]+)\]\s*$/;

/** "train.optimizer.lr: expected a finite number > 0, got -1 [INVALID_CONFIG]" → its words, path and code. */
export function splitError(message: string, code?: string | null): SplitError {
  let text = message.trim();
  let found: string | null = code ?? null;
  const c = CODE.exec(text);
  if (c) {
    found = found ?? c[1]!;
    text = text.slice(0, c.index);
  }
  let where: string | null = null;
  const p = PATH.exec(text);
  // a dotted path or an indexed one; a plain word followed by a colon ("Note: …") is text
  if (p && (p[1]!.includes('.') || p[1]!.includes('['))) {
    where = p[0].replace(/:\s+$/, '');
    text = text.slice(p[0].length);
  }
  return { text: text.charAt(0).toUpperCase() + text.slice(1), where, code: found };
}

/** The path and the code of an error, folded away in a details line (nothing when it has neither). */
export function ErrorDetails({ message, code }: { message: string; code?: string | null }) {
  const { t } = useI18n();
  const e = splitError(message, code);
  if (!e.where && !e.code) return null;
  return (
    <details className="error-details">
      <summary>{t('error.details')}</summary>
      <code translate="no">{[e.where, e.code].filter(Boolean).join(' · ')}</code>
    </details>
  );
}

export function ErrorMessage({ message, code, testId }: { message: string; code?: string | null; testId?: string }) {
  return (
    <span className="error-message" data-testid={testId}>
      <span translate="no">{splitError(message, code).text}</span>
      <ErrorDetails message={message} {...(code !== undefined ? { code } : {})} />
    </span>
  );
}
