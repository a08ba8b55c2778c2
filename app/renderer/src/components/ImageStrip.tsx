/**
 * Images of a frame laid out on one canvas, `cols` to a row, drawn pixel for pixel and scaled up
 * without smoothing: the manifold's grid, reconstructions beside their originals, an interpolation, a
 * decoded z, a GAN's samples. Each image is channels × rows × cols intensities in [0, 1] (paintImage.ts).
 */
import { useEffect, useRef } from 'react';

import { paintImage } from './paintImage';

export interface ImageStripProps {
  data: Float32Array;
  count: number;
  perRow: number;
  channels: number;
  rows: number;
  cols: number;
  /** CSS pixels per image pixel… */
  scale?: number;
  /** …or the width to fill, in CSS pixels */
  displayWidth?: number;
  gap?: number;
  testId: string;
  label: string;
}

export function ImageStrip(p: ImageStripProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const gap = p.gap ?? 1;
  const lines = Math.ceil(p.count / p.perRow);
  const width = p.perRow * (p.cols + gap) - gap;
  const height = lines * (p.rows + gap) - gap;
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    c.width = width;
    c.height = height;
    const img = ctx.createImageData(width, height);
    const size = p.channels * p.rows * p.cols;
    for (let i = 0; i < p.count; i++) paintImage(p.data, i * size, p.channels, p.rows, p.cols, img.data, width, (i % p.perRow) * (p.cols + gap), Math.floor(i / p.perRow) * (p.rows + gap));
    ctx.putImageData(img, 0, 0);
  }, [p.data, p.count, p.perRow, p.channels, p.rows, p.cols, width, height, gap]);
  return <canvas ref={ref} className="image-strip" data-testid={p.testId} role="img" aria-label={p.label} style={{ width: p.displayWidth ?? width * (p.scale ?? 1), maxWidth: '100%', height: 'auto', display: 'block', imageRendering: 'pixelated' }} />;
}
