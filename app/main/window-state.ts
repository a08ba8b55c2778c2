/**
 * The window's size, position and maximized state, remembered across launches in a small JSON file in
 * the app's user-data folder (window-state.json). Loading never fails: a missing, unreadable or
 * malformed file gives the defaults; a size below the minimum is raised to it; a position that no
 * longer shows enough of the window on any display (a monitor unplugged) is dropped and the window is
 * centred on the primary display. Saving writes a temporary file and renames it, so a crash mid-write
 * leaves the old file.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

import { MIN_HEIGHT, MIN_WIDTH } from './window-options.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
  /** the UI language last set by the page (the menu follows it at the next start) */
  lang?: 'en' | 'zh-CN';
}

export const DEFAULT_SIZE = { width: 1366, height: 860 };
/** how much of the window (its top-left part, where the title bar is) must be on a display */
const VISIBLE_PART = 100;

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** The saved state fitted to the displays now attached (workAreas; the first is the primary one). */
export function fitToDisplays(saved: unknown, workAreas: Rect[]): WindowState {
  const s = (saved && typeof saved === 'object' ? saved : {}) as Record<string, unknown>;
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const want = (v: unknown, fallback: number, min: number, max: number) => Math.round(Math.max(min, Math.min(finite(v) ? v : fallback, Math.max(min, max))));
  const width = want(s.width, Math.min(DEFAULT_SIZE.width, primary.width), MIN_WIDTH, primary.width);
  const height = want(s.height, Math.min(DEFAULT_SIZE.height, primary.height), MIN_HEIGHT, primary.height);
  const state: WindowState = { width, height, maximized: s.maximized === true };
  if (s.lang === 'en' || s.lang === 'zh-CN') state.lang = s.lang;
  if (finite(s.x) && finite(s.y)) {
    const head: Rect = { x: Math.round(s.x), y: Math.round(s.y), width: Math.min(width, VISIBLE_PART * 3), height: Math.min(height, VISIBLE_PART) };
    const shows = workAreas.some((area) => {
      const i = intersection(head, area);
      return i.width >= Math.min(VISIBLE_PART, head.width) && i.height >= Math.min(VISIBLE_PART / 2, head.height);
    });
    if (shows) return { ...state, x: head.x, y: head.y };
  }
  // centred on the primary display
  return { ...state, x: Math.round(primary.x + (primary.width - width) / 2), y: Math.round(primary.y + (primary.height - height) / 2) };
}

export function loadWindowState(file: string, workAreas: Rect[]): WindowState {
  let saved: unknown = null;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // none yet, unreadable or not JSON: the defaults
  }
  return fitToDisplays(saved, workAreas);
}

export function saveWindowState(file: string, state: WindowState): void {
  const tmp = `${file}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(tmp, file);
  } catch {
    // a read-only profile: the window simply opens with the defaults next time
  }
}

/** The part of a BrowserWindow the tracker reads. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

/**
 * Saves the window's state when it closes, and (debounced) while it is moved or resized, so a crash
 * of the whole app still remembers it. Returns a function that saves now (and stops the timer).
 */
export function trackWindowState(
  win: TrackedWindow,
  file: string,
  extra: () => Partial<WindowState> = () => ({}),
  timers: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (t: unknown) => void } = {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
  },
): () => void {
  let timer: unknown = null;
  const saveNow = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    saveWindowState(file, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized(), ...extra() });
  };
  const later = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(saveNow, 500);
  };
  for (const e of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(e, later);
  win.on('close', saveNow);
  return saveNow;
}
