/**
 * The hidden state over a passage: one column per character of the validation text (the character
 * under it), one row per hidden unit, blue for −1 through white (0) to red for +1 — how units switch on
 * inside words, after spaces, within quotes. Drawn on a canvas whose width follows the panel.
 */
import { useEffect, useRef } from 'react';

import type { SeqFrame } from './rnnLive';

/** A value in [−1, 1] as blue–white–red. */
export function divergingColor(v: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  return t < 0 ? [Math.round(255 * (1 + t)), Math.round(255 * (1 + t)), 255] : [255, Math.round(255 * (1 - t)), Math.round(255 * (1 - t))];
}

export function HiddenStrip({ frame, label }: { frame: SeqFrame; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [L, U] = [frame.shape[0] ?? 0, frame.shape[1] ?? 0];
  const cell = 12;
  const textRow = 16;
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const chars = (frame.meta.chars as string[] | undefined) ?? [];
    const dpr = window.devicePixelRatio || 1;
    const w = L * cell;
    const h = U * 6 + textRow;
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
    c.style.width = `${w}px`;
    c.style.height = `${h}px`;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    for (let t = 0; t < L; t++)
      for (let u = 0; u < U; u++) {
        const [r, g, b] = divergingColor(frame.data[t * U + u]!);
        ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
        ctx.fillRect(t * cell, u * 6, cell, 6);
      }
    const cs = getComputedStyle(c);
    ctx.fillStyle = cs.color;
    ctx.font = `12px ${cs.fontFamily}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let t = 0; t < L; t++) {
      const ch = chars[t] ?? '';
      ctx.fillText(ch === '\n' ? '↵' : ch === ' ' ? '·' : ch, t * cell + cell / 2, U * 6 + 2);
    }
  }, [frame, L, U]);
  return <canvas ref={ref} className="rnn-hidden" data-testid="rnn-hidden-strip" data-units={U} data-chars={L} role="img" aria-label={label} />;
}
