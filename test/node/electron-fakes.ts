/**
 * Fakes of the few Electron objects the main process's plain modules use (app/main): a web contents
 * with its events and window-open handler, a session's permission handlers, a utility process with
 * 'exit' and 'message', a renderer that receives ports, a manual clock. Enough to drive the real
 * logic under Node; nothing here imports `electron`.
 */
import { EventEmitter } from 'node:events';

import type { Timers } from '../../app/main/host-supervisor.js';

export class FakeEvent {
  prevented = false;
  preventDefault(): void {
    this.prevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (d: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** emits `event` as Electron does (a preventable event first) and says whether it was prevented */
  fire(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    const e = new FakeEvent();
    this.emit(event, e, url);
    return e.prevented;
  }
}

export class FakeSession {
  request: ((c: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
  check: ((c: unknown, permission: string) => boolean) | null = null;
  setPermissionRequestHandler(h: (c: unknown, permission: string, cb: (granted: boolean) => void) => void): void {
    this.request = h;
  }
  setPermissionCheckHandler(h: (c: unknown, permission: string) => boolean): void {
    this.check = h;
  }
}

export interface FakePort {
  name: string;
}

let portCount = 0;
export function fakeChannel(): { port1: FakePort; port2: FakePort } {
  portCount += 1;
  return { port1: { name: `host-end-${portCount}` }, port2: { name: `renderer-end-${portCount}` } };
}

export class FakeUtilityProcess extends EventEmitter {
  readonly posted: { message: unknown; transfer: FakePort[] }[] = [];
  killed = false;
  postMessage(message: unknown, transfer: FakePort[] = []): void {
    this.posted.push({ message, transfer });
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
  /** the host says something to the main process */
  say(message: unknown): void {
    this.emit('message', message);
  }
  die(code: number): void {
    this.emit('exit', code);
  }
}

export class FakeRenderer {
  readonly received: { channel: string; ports: FakePort[] }[] = [];
  destroyed = false;
  postMessage(channel: string, _message: unknown, transfer: FakePort[]): void {
    this.received.push({ channel, ports: transfer });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** A clock the test moves by hand: timers fire in time order when advanced past their due time. */
export class ManualClock implements Timers {
  private t = 0;
  private seq = 0;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.due.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }
  /** the delays of the timers waiting, from now */
  pending(): number[] {
    return [...this.due.values()].map((d) => d.at - this.t).sort((a, b) => a - b);
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = [...this.due.entries()].filter(([, d]) => d.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.due.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }
}
