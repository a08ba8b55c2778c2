/**
 * Which fields of a form hold text that is not a valid value, so a view can hold Play until they are
 * fixed and say which ones (#11 defect 3: invalid fields were shown red, yet Play ran the previous
 * values). A field reports itself with useFieldValidity(label-or-null); a view collects the reports
 * with useValidity() and provides them to its fields through ValidityContext.
 */
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useState } from 'react';

interface Reporter {
  report(id: string, invalid: string | null): void;
}

export const ValidityContext = createContext<Reporter | null>(null);

/** In a field: `invalid` is the field's name while its text is not acceptable, null while it is. */
export function useFieldValidity(invalid: string | null): void {
  const reporter = useContext(ValidityContext);
  const id = useId();
  useEffect(() => {
    reporter?.report(id, invalid);
    return () => reporter?.report(id, null);
  }, [reporter, id, invalid]);
}

/** In a view: the names of the fields that are invalid now, and the context value for its fields. */
export function useValidity(): { invalid: string[]; reporter: Reporter } {
  const [fields, setFields] = useState<ReadonlyMap<string, string>>(new Map());
  const report = useCallback((id: string, invalid: string | null) => {
    setFields((prev) => {
      if (invalid === null ? !prev.has(id) : prev.get(id) === invalid) return prev;
      const next = new Map(prev);
      if (invalid === null) next.delete(id);
      else next.set(id, invalid);
      return next;
    });
  }, []);
  const reporter = useMemo(() => ({ report }), [report]);
  const invalid = useMemo(() => [...new Set(fields.values())], [fields]);
  return { invalid, reporter };
}
