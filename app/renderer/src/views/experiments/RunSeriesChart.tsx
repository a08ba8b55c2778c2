/**
 * One series of one stored run on its own chart (the run page): `runs/compare` reduces it to at most
 * MAX_POINTS points on its steps, every bucket's min, max and NaN kept; the run's live changes are
 * marked at their steps. Re-read while the run is active (rereading.ts). PNG and SVG in its corner.
 */
import { useEffect, useRef, useState } from 'react';

import { LiveChart } from '../../charts/LiveChart';
import { colorAt } from '../../charts/palette';
import { SeriesBuffer } from '../../charts/SeriesBuffer';
import { useClient } from '../../connection/ClientProvider';
import type { ChartEvent } from '../../charts/LiveChart';
import { MAX_POINTS } from './OverlayChart';
import { rereading } from './rereading';

export function RunSeriesChart({ id, name, title, xLabel, color, events, active, testId }: { id: number; name: string; title: string; xLabel: string; color: number; events: ChartEvent[]; active: boolean; testId: string }) {
  const client = useClient();
  const buffer = useRef(new SeriesBuffer(1)).current;
  const [error, setError] = useState<string | null>(null);
  useEffect(
    () =>
      rereading((alive) => {
        client.request('runs/compare', { ids: [id], series: name, x: 'step', maxPoints: MAX_POINTS }).then(
          (res) => {
            if (!alive()) return;
            const s = res.series[0];
            buffer.clear();
            if (s) buffer.appendWithGaps(s.x, [s.values]);
            setError(null);
          },
          (e: unknown) => alive() && setError(e instanceof Error ? e.message : String(e)),
        );
      }, active),
    [client, id, name, active, buffer],
  );
  return (
    <figure className="run-series" data-series={name}>
      <figcaption>{title}</figcaption>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : (
        <LiveChart buffer={buffer} labels={[title]} colors={[colorAt(color)]} xLabel={xLabel} xAxisLabel={false} height={160} events={events} title={title} testId={testId} />
      )}
    </figure>
  );
}
