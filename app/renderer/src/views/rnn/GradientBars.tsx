/**
 * ‖dL/dh_t‖ for each time step t of the last step's windows, as bars on a log scale (from the largest
 * down four decades): with a plain RNN they shrink towards the early steps (vanishing gradients), with an
 * LSTM or GRU far less.
 */
import { useEffect, useRef } from 'react';

import type { SeqFrame } from './rnnLive';

export function GradientBars({ frame, label }: { frame: SeqFrame; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(200, (c.parentElement?.clientWidth ?? 416) - 16); // the panel's width inside its padding
    const h = 120;
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
    c.style.width = `${w}px`;
    c.style.height = `${h}px`;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const v = Array.from(frame.data);
    const top = Math.max(...v.filter((x) => Number.isFinite(x) && x > 0), 0);
    if (!(top > 0)) return;
    const floor = top / 1e4;
    const bw = w / v.length;
    ctx.fillStyle = getComputedStyle(c).color;
    v.forEach((x, t) => {
      if (!Number.isFinite(x) || x <= 0) return;
      const share = (Math.log10(Math.max(x, floor)) - Math.log10(floor)) / 4;
      ctx.fillRect(t * bw + 1, h - share * (h - 4), Math.max(1, bw - 2), share * (h - 4));
    });
    c.dataset.largest = String(top);
    c.dataset.first = String(v[0]);
  }, [frame]);
  return <canvas ref={ref} className="rnn-gradients" data-testid="rnn-gradients" role="img" aria-label={label} />;
}
