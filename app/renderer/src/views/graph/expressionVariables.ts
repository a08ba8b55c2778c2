/**
 * The variable names of a typed expression, in order of first use, so the view can offer one value field
 * per variable (the host wants a value for each and refuses names it does not use). Numbers (with
 * exponents: 2e3), the grammar's functions and its constants pi and e are not variables.
 */
const FUNCTIONS = new Set(['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'atan', 'sinh', 'cosh']);
const CONSTANTS = new Set(['pi', 'e']);

export function expressionVariables(expression: string): string[] {
  const names: string[] = [];
  for (const m of expression.matchAll(/(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[A-Za-z_][A-Za-z0-9_]*/g)) {
    const token = m[0];
    if (/^[\d.]/.test(token) || FUNCTIONS.has(token) || CONSTANTS.has(token) || names.includes(token)) continue;
    names.push(token);
  }
  return names;
}

/** A field's text as a finite number, or null. */
export function parseValue(text: string): number | null {
  if (text.trim() === '') return null;
  const v = Number(text.trim().replace(/−/g, '-'));
  return Number.isFinite(v) ? v : null;
}
