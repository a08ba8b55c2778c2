/**
 * The store's sweeps (sweeps/list) for the filter bar and the summary's title, read again whenever the
 * run list's key changes (a run comes, goes or ends); an older host without the method gives none.
 */
import { useEffect, useState } from 'react';

import type { SweepInfo } from '../../../../../src/experiments/run-types';
import { useClient } from '../../connection/ClientProvider';

export function useSweeps(key: string): SweepInfo[] {
  const client = useClient();
  const [sweeps, setSweeps] = useState<SweepInfo[]>([]);
  useEffect(() => {
    let alive = true;
    client.request('sweeps/list', {}).then(
      (r) => alive && setSweeps(r.sweeps),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [client, key]);
  return sweeps;
}
