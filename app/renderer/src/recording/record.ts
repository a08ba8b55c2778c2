/**
 * Recording a lab's animation: frames of an element (snapshot.ts) at `fps` for `seconds`, as an
 * animated GIF (encoded by gifenc: a palette of 256 colours per frame) or a WebM video (the browser's
 * MediaRecorder on a canvas stream). Returns the file as a Blob.
 */
import { applyPalette, GIFEncoder, quantize } from 'gifenc';

import { drawSnapshot, snapshotSize } from './snapshot';

export type RecordingFormat = 'gif' | 'webm';

export interface RecordOptions {
  format: RecordingFormat;
  seconds: number;
  fps: number;
  /** the picture's size over the element's CSS size (2 for slides) */
  scale: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function recordElement(el: Element, o: RecordOptions, onFrame?: (done: number, of: number) => void): Promise<Blob> {
  const { width, height } = snapshotSize(el, o.scale);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: o.format === 'gif' })!;
  const frames = Math.max(1, Math.round(o.seconds * o.fps));
  const every = 1000 / o.fps;
  if (o.format === 'gif') {
    const gif = GIFEncoder();
    const start = performance.now();
    for (let i = 0; i < frames; i++) {
      await drawSnapshot(el, ctx, o.scale);
      const rgba = ctx.getImageData(0, 0, width, height).data;
      const palette = quantize(rgba, 256);
      gif.writeFrame(applyPalette(rgba, palette), width, height, { palette, delay: Math.round(every) });
      onFrame?.(i + 1, frames);
      await sleep(Math.max(0, start + (i + 1) * every - performance.now()));
    }
    gif.finish();
    return new Blob([gif.bytes().slice().buffer as ArrayBuffer], { type: 'image/gif' });
  }
  const type = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
  if (!type) throw new Error('this browser cannot record WebM video; record a GIF instead');
  const stream = canvas.captureStream(o.fps);
  const recorder = new MediaRecorder(stream, { mimeType: type });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
  const stopped = new Promise<void>((r) => (recorder.onstop = () => r()));
  await drawSnapshot(el, ctx, o.scale);
  recorder.start();
  const start = performance.now();
  for (let i = 0; i < frames; i++) {
    await drawSnapshot(el, ctx, o.scale);
    onFrame?.(i + 1, frames);
    await sleep(Math.max(0, start + (i + 1) * every - performance.now()));
  }
  recorder.stop();
  await stopped;
  stream.getTracks().forEach((t) => t.stop());
  return new Blob(chunks, { type: 'video/webm' });
}
