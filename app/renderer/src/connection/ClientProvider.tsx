/**
 * Holds the connection to the lab host for the whole app: connecting → ready (a LabClient) or lost; in
 * the desktop app a host restart replaces the ready client with one over the new port.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

import type { LabClient } from '../../../../src/protocol/client';
import { connect, onReplacementClient } from './connect';

export type Connection = { state: 'connecting' } | { state: 'ready'; client: LabClient } | { state: 'lost'; reason: string };

const Ctx = createContext<{ conn: Connection; retry: () => void } | null>(null);

export function ClientProvider({ children }: { children: ReactNode }) {
  const [conn, setConn] = useState<Connection>({ state: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let alive = true;
    setConn({ state: 'connecting' });
    connect().then(
      (client) => {
        if (!alive) return client.close();
        setConn({ state: 'ready', client });
      },
      (e: unknown) => alive && setConn({ state: 'lost', reason: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      alive = false;
    };
  }, [attempt]);
  // Desktop: a restarted host comes with a new port; swap the client (views re-subscribe with it).
  useEffect(() => {
    if (conn.state !== 'ready') return;
    const old = conn.client;
    return onReplacementClient((client) => {
      old.close();
      setConn({ state: 'ready', client });
    });
  }, [conn]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return <Ctx.Provider value={{ conn, retry }}>{children}</Ctx.Provider>;
}

export function useConnection() {
  const v = useContext(Ctx);
  if (!v) throw new Error('useConnection outside ClientProvider');
  return v;
}

/** The client; only for components rendered while the connection is ready (App guarantees it). */
export function useClient(): LabClient {
  const { conn } = useConnection();
  if (conn.state !== 'ready') throw new Error('useClient before the host connection is ready');
  return conn.client;
}
