/**
 * One picture of a part of the page, for recordings: every canvas and top-level SVG inside the element
 * (or the element itself) drawn where it stands, over the panel colour, at `scale` × its CSS size, with
 * the element's HTML words (captions, labels) in their own font and colour. SVGs drawn by CSS classes
 * get their computed paint inlined first (an SVG made into an image sees no stylesheet).
 */
const PAINT = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline'];

/** A standalone SVG file of an SVG on the page: its computed paint inlined, its size fixed. */
export function svgText(svg: SVGSVGElement, w: number, h: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const paint = new Map(PAINT.map((p) => [p, cs.getPropertyValue(p)]));
    // rgba() is not SVG 1.1: the colour as rgb() and its alpha as the opacity (other programs read the file too)
    for (const [color, opacity] of [['fill', 'fill-opacity'], ['stroke', 'stroke-opacity']] as const) {
      const m = /^rgba\((\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\)$/.exec(paint.get(color) ?? '');
      if (!m) continue;
      paint.set(color, `rgb(${m[1]}, ${m[2]}, ${m[3]})`);
      paint.set(opacity, String(Number(m[4]) * Number(paint.get(opacity) || 1)));
    }
    (to[i] as Element).setAttribute('style', [...paint].map(([p, v]) => `${p}:${v}`).join(';'));
  });
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // the page's panel colour behind it: the theme's text colours stay legible in any program
  const back = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  back.setAttribute('x', '-100%');
  back.setAttribute('y', '-100%');
  back.setAttribute('width', '300%');
  back.setAttribute('height', '300%');
  back.setAttribute('style', `fill:${getComputedStyle(document.body).getPropertyValue('--panel').trim() || '#ffffff'}`);
  clone.insertBefore(back, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

function svgImage(svg: SVGSVGElement, w: number, h: number): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svgText(svg, w, h)], { type: 'image/svg+xml' }));
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
  if (!(el instanceof HTMLCanvasElement || el instanceof SVGSVGElement)) drawHtmlText(el, ctx, base, scale);
  ctx.restore();
}

/** The lines a text node is laid out in: each line's text and its box (a wrapped caption has several). */
function textLines(node: Text, range: Range): { text: string; box: DOMRect }[] {
  range.selectNodeContents(node);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  if (rects.length <= 1) return rects.map((box) => ({ text: (node.textContent ?? '').replace(/\s+/g, ' ').trim(), box }));
  const lines: { text: string; box: DOMRect }[] = [];
  const s = node.textContent ?? '';
  for (let i = 0; i < s.length; i++) {
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const r = range.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const line = lines.at(-1);
    if (line && Math.abs(line.box.top - r.top) < r.height / 2) line.text += s[i];
    else lines.push({ text: s[i]!, box: r });
  }
  return lines.map((l) => ({ text: l.text.replace(/\s+/g, ' ').trim(), box: l.box }));
}

/** The element's words outside its canvases and SVGs, drawn where they stand (buttons and form
 * controls left out: a picture holds what it shows, not how it is worked). */
function drawHtmlText(el: Element, ctx: CanvasRenderingContext2D, base: DOMRect, scale: number): void {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  ctx.textBaseline = 'middle';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || (n.textContent ?? '').trim() === '' || parent.closest('svg, button, select, textarea, label, script, style, [hidden]')) continue;
    const cs = getComputedStyle(parent);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${parseFloat(cs.fontSize) * scale}px ${cs.fontFamily}`;
    ctx.fillStyle = cs.color;
    for (const { text, box } of textLines(n as Text, range)) {
      if (text === '' || box.right <= base.left || box.left >= base.right || box.bottom <= base.top || box.top >= base.bottom) continue;
      ctx.fillText(text, (box.left - base.left) * scale, (box.top + box.height / 2 - base.top) * scale);
    }
  }
}

/** A picture made of pixels (feature maps, heat maps, a latent map) as an SVG file: the snapshot at
 * `scale` × embedded as one image at the element's CSS size, each pixel kept sharp, so it can be
 * placed in vector documents beside the SVG charts. */
export async function rasterSvg(el: Element, scale = 2): Promise<string> {
  const r = el.getBoundingClientRect();
  const { width, height } = snapshotSize(el, scale);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  await drawSnapshot(el, canvas.getContext('2d')!, scale);
  const w = String(Math.round(r.width)), h = String(Math.round(r.height));
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<image width="${w}" height="${h}" preserveAspectRatio="none" style="image-rendering:pixelated" xlink:href="${canvas.toDataURL('image/png')}"/></svg>`;
}
