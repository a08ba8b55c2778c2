/**
 * A square canvas that follows its box and redraws once per animation frame, only when something
 * changed: a render of its component, a new `version()` (a frame arrived), the box's size, or the theme
 * (data-theme on <html>). `draw(ctx, side)` paints in CSS pixels, the device pixel ratio applied; the
 * side is `size(box)` (at least 160 px). The GAN plane and the VAE's latent map draw through it.
 */
import { useEffect, useRef, type RefObject } from 'react';

export function useSquareCanvas(
  box: RefObject<HTMLElement | null>,
  canvas: RefObject<HTMLCanvasElement | null>,
  version: () => number,
  draw: (ctx: CanvasRenderingContext2D, side: number) => void,
  size: (box: HTMLElement) => number,
): void {
  const latest = useRef({ version, draw, size });
  latest.current = { version, draw, size };
  const dirty = useRef(true);
  dirty.current = true; // every render may bring something new to draw
  useEffect(() => {
    const el = canvas.current!;
    const wrap = box.current!;
    let seen = -1;
    const resize = new ResizeObserver(() => (dirty.current = true));
    resize.observe(wrap);
    const themeWatch = new MutationObserver(() => (dirty.current = true));
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    let raf = requestAnimationFrame(function tick() {
      raf = requestAnimationFrame(tick);
      const p = latest.current;
      const v = p.version();
      if (!dirty.current && v === seen) return;
      dirty.current = false;
      seen = v;
      const side = Math.max(160, Math.floor(p.size(wrap)));
      const dpr = window.devicePixelRatio || 1;
      if (el.width !== Math.round(side * dpr)) {
        el.width = Math.round(side * dpr);
        el.height = Math.round(side * dpr);
        el.style.width = `${side}px`;
        el.style.height = `${side}px`;
      }
      const ctx = el.getContext('2d')!;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      p.draw(ctx, side);
    });
    return () => {
      cancelAnimationFrame(raf);
      resize.disconnect();
      themeWatch.disconnect();
    };
  }, [box, canvas]);
}
