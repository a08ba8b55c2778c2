/**
 * A message under a field, naming what was expected. For a formula error it also repeats the typed text
 * with the character at the host's 1-based `position` marked, so the user sees where it broke.
 */
export function FieldError({ id, message, text, position }: { id: string; message: string; text?: string; position?: number | null }) {
  const at = text !== undefined && position ? Math.min(position - 1, text.length) : null;
  return (
    <div className="field-error graph-field-error" id={id} role="alert" data-testid={id}>
      {at !== null && text !== undefined && (
        <code className="error-where" data-testid="error-where">
          {text.slice(0, at)}
          <mark>{text.slice(at, at + 1) || ' '}</mark>
          {text.slice(at + 1)}
        </code>
      )}
      <span>{message}</span>
    </div>
  );
}
