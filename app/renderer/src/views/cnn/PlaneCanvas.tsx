/**
 * One plane of numbers as a small picture: grey from its minimum (black) to its maximum (white), or,
 * `signed`, blue for negative through white to red for positive (the largest |value| at full colour),
 * as filters are shown. Drawn pixel for pixel and scaled up without smoothing.
 */
import { useEffect, useRef } from 'react';

import type { Plane } from './frames';

export function PlaneCanvas({ plane, size, signed = false, label, fixedRange }: { plane: Plane; size: number; signed?: boolean; label?: string; fixedRange?: [number, number] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const { values, width, height } = plane;
    canvas.width = width;
    canvas.height = height;
    const img = ctx.createImageData(width, height);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (fixedRange) [lo, hi] = fixedRange;
    const big = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    for (let i = 0; i < width * height; i++) {
      const v = values[i]!;
      let r: number, g: number, b: number;
      if (signed) {
        const t = Math.max(-1, Math.min(1, v / big));
        r = t < 0 ? 255 * (1 + t) : 255;
        b = t > 0 ? 255 * (1 - t) : 255;
        g = 255 * (1 - Math.abs(t));
      } else {
        const t = hi > lo ? (v - lo) / (hi - lo) : 0;
        r = g = b = 255 * Math.max(0, Math.min(1, t));
      }
      img.data.set([r, g, b, 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }, [plane, signed, fixedRange]);
  return <canvas ref={ref} className="plane" style={{ width: size, height: (size * plane.height) / plane.width }} role="img" aria-label={label} />;
}
