/**
 * One picture of a part of the page, for recordings: every canvas and top-level SVG inside the element
 * (or the element itself) drawn where it stands, over the panel colour, at `scale` × its CSS size. SVGs
 * drawn by CSS classes get their computed paint inlined first (an SVG made into an image sees no
 * stylesheet).
 */
const PAINT = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline'];

function svgImage(svg: SVGSVGElement, w: number, h: number): Promise<HTMLImageElement> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const style = PAINT.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    (to[i] as Element).setAttribute('style', style);
  });
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('the picture could not be drawn'));
    };
    img.src = url;
  });
}

/** The element's size in CSS pixels (the recording's size is this × scale, rounded to even numbers for video). */
export function snapshotSize(el: Element, scale: number): { width: number; height: number } {
  const r = el.getBoundingClientRect();
  const even = (v: number) => Math.max(2, 2 * Math.round((v * scale) / 2));
  return { width: even(r.width), height: even(r.height) };
}

export async function drawSnapshot(el: Element, ctx: CanvasRenderingContext2D, scale: number): Promise<void> {
  const base = el.getBoundingClientRect();
  const { width, height } = snapshotSize(el, scale);
  ctx.save();
  ctx.fillStyle = getComputedStyle(document.body).getPropertyValue('--panel').trim() || '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const parts = el instanceof HTMLCanvasElement || el instanceof SVGSVGElement ? [el] : [...el.querySelectorAll('canvas, svg')].filter((p) => !(p instanceof SVGSVGElement && p.parentElement?.closest('svg')));
  for (const p of parts) {
    const r = p.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const x = (r.left - base.left) * scale;
    const y = (r.top - base.top) * scale;
    if (p instanceof HTMLCanvasElement) ctx.drawImage(p, x, y, r.width * scale, r.height * scale);
    else if (p instanceof SVGSVGElement) ctx.drawImage(await svgImage(p, r.width, r.height), x, y, r.width * scale, r.height * scale);
  }
  ctx.restore();
}
