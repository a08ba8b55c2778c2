/**
 * The landscape on the map: each choice is evaluated on a grid by the host (`landscape/grid`); only a
 * choice that evaluated becomes the applied one (drawn and raced on), so a malformed formula leaves
 * the last good landscape in place and comes back as the error to show next to the field (a LabError
 * with .code and, for FORMULA_SYNTAX, the 1-based .position).
 */
import { useEffect, useState } from 'react';

import type { LabClient } from '../../../../../src/protocol/client';
import type { GridResult } from '../../../../../src/native/landscapes';
import { choiceKey, functionSpec, type LandscapeChoice } from './landscapeSpec';
import type { Bounds } from './mapGeometry';

/** Grid points per side: fine enough for smooth contours, cheap for the engine (40k evaluations). */
export const GRID_SIZE = 200;
/** How long a new view waits for the next (the wheel's notches come in bursts). */
const VIEW_DELAY_MS = 40;

export interface LandscapeError {
  code: string;
  message: string;
  position?: number;
  /** the formula the error is about */
  formula?: string;
}

export interface AppliedLandscape {
  choice: LandscapeChoice;
  grid: GridResult;
  key: string;
}

/**
 * `view`: the range to evaluate over (zoomed, panned or typed: mapView.ts), or null for the landscape's
 * own range. A new view waits VIEW_DELAY_MS for the next one (a wheel sends many) before it is asked for.
 */
export function useLandscape(client: LabClient, candidate: LandscapeChoice, view: Bounds | null = null) {
  const [applied, setApplied] = useState<AppliedLandscape | null>(null);
  const [error, setError] = useState<LandscapeError | null>(null);
  const [loading, setLoading] = useState(false);
  const choice = choiceKey(candidate);
  const key = view ? `${choice}@${view.xmin},${view.xmax},${view.ymin},${view.ymax}` : choice;
  useEffect(() => {
    let alive = true;
    setLoading(true);
    const ask = () =>
      client.request('landscape/grid', { function: functionSpec(candidate), width: GRID_SIZE, height: GRID_SIZE, ...(view ? { bounds: view } : {}) }).then(
      (grid) => {
        if (!alive) return;
        setApplied({ choice: candidate, grid, key: choice });
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!alive) return;
        const err = e as { code?: string; message?: string; position?: number };
        setError({
          code: err.code ?? 'INTERNAL',
          message: err.message ?? String(e),
          ...(typeof err.position === 'number' ? { position: err.position } : {}),
          ...(candidate.kind === 'formula' ? { formula: candidate.formula } : {}),
        });
        setLoading(false);
      },
    );
    const timer = view ? setTimeout(() => void ask(), VIEW_DELAY_MS) : null;
    if (!view) void ask();
    return () => {
      alive = false;
      if (timer !== null) clearTimeout(timer);
    };
    // the key says everything about the candidate
  // eslint-disable-next-line react-hooks/exhaustive-deps -- applies the candidate only when the request key changes, on purpose
  }, [client, key]);
  return { applied, error, loading };
}
