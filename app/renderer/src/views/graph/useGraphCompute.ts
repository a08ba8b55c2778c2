/**
 * Asks the host for a computation graph (`graph/compute`) whenever the request changes, after a short
 * pause so typing does not flood it. Keeps the last good graph while a new one is wrong, and reports the
 * host's error with the field it names ("graph.values.x: required, …" → field "graph.values.x") and, for
 * a formula, the 1-based position to point at. Answers to superseded requests are dropped.
 */
import { useEffect, useRef, useState } from 'react';

import { useClient } from '../../connection/ClientProvider';
import type { ComputationGraph, GraphRequest } from './graphTypes';

export interface GraphError {
  code: string;
  message: string;
  /** the message without its "graph.field: " prefix, for showing right at that field */
  detail: string;
  /** the config path the message starts with, e.g. "graph.expression", or null */
  field: string | null;
  position: number | null;
}

export function toGraphError(e: unknown): GraphError {
  const err = e as { message?: unknown; code?: unknown; position?: unknown };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  const field = /^(graph(?:\.[A-Za-z_]\w*|\[\d+\])+):/.exec(message)?.[1] ?? null;
  return {
    code: typeof err?.code === 'string' ? err.code : 'INTERNAL',
    message,
    detail: field ? message.slice(field.length + 1).trim() : message,
    field,
    position: typeof err?.position === 'number' ? err.position : null,
  };
}

export function useGraphCompute(request: GraphRequest | null, delayMs = 250) {
  const client = useClient();
  const [graph, setGraph] = useState<ComputationGraph | null>(null);
  const [error, setError] = useState<GraphError | null>(null);
  const [pending, setPending] = useState(false);
  const seq = useRef(0);
  const key = request ? JSON.stringify(request) : null;

  useEffect(() => {
    if (key === null) return;
    const mine = ++seq.current;
    setPending(true);
    const timer = setTimeout(() => {
      client.request('graph/compute', JSON.parse(key) as GraphRequest).then(
        (result) => {
          if (mine !== seq.current) return;
          setGraph(result as ComputationGraph);
          setError(null);
          setPending(false);
        },
        (e: unknown) => {
          if (mine !== seq.current) return;
          setError(toGraphError(e));
          setPending(false);
        },
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [client, key, delayMs]);

  return { graph, error, pending };
}
