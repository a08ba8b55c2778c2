/**
 * The points of the chosen data set, from the lab host (`datasets/make`): the same points, split and
 * order the engine trains on. Asked again (after a short pause while the user types) whenever the spec
 * changes; an answer for an older spec is dropped. A spec the engine refuses gives its message.
 */
import { useEffect, useState } from 'react';

import type { DatasetSpec } from '../../../../../src/native/schemas';
import type { DatasetPoints } from '../../../../../src/protocol/methods';
import { useClient } from '../../connection/ClientProvider';

export interface DatasetState {
  /** the points for `key` (the spec as JSON), or null while none has arrived yet */
  points: DatasetPoints | null;
  key: string | null;
  error: string | null;
}

const DEBOUNCE_MS = 120;

export function useDatasetPoints(spec: DatasetSpec | null): DatasetState {
  const client = useClient();
  const key = spec === null ? null : JSON.stringify(spec);
  const [state, setState] = useState<DatasetState>({ points: null, key: null, error: null });
  useEffect(() => {
    if (key === null) return;
    let alive = true;
    const timer = setTimeout(() => {
      client.request('datasets/make', { dataset: JSON.parse(key) as unknown }).then(
        (points) => alive && setState({ points, key, error: null }),
        (e: unknown) => alive && setState({ points: null, key, error: e instanceof Error ? e.message : String(e) }),
      );
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, key]);
  return state;
}
