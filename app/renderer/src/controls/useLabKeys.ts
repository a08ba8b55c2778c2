/**
 * The labs' keyboard: Space = play / pause, → = one step, R = reset. Keys typed into a field (input,
 * select, textarea, contenteditable) or with Ctrl/Alt/Meta held are left alone. A view calls this once
 * with its handlers; the latest handlers are used without re-subscribing.
 */
import { useEffect, useRef } from 'react';

export interface LabKeys {
  onToggle?: () => void;
  onStep?: () => void;
  onReset?: () => void;
}

export function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (t as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'range', 'color'].includes(type);
}

export function useLabKeys(keys: LabKeys): void {
  const ref = useRef(keys);
  ref.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(e.target)) return;
      const k = ref.current;
      if (e.key === ' ' && k.onToggle) {
        e.preventDefault();
        k.onToggle();
      } else if (e.key === 'ArrowRight' && k.onStep) {
        e.preventDefault();
        k.onStep();
      } else if ((e.key === 'r' || e.key === 'R') && k.onReset) {
        e.preventDefault();
        k.onReset();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
