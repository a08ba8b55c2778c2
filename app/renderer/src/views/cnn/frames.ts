/**
 * The CNN lab's frames cut into what the view draws (their layout: native/core/labs/image_frames.hpp):
 * the gallery of test images, each conv layer's filters, one input's feature maps through every
 * layer, the confusion matrix and each gallery image's prediction. Pure: unit-tested.
 */
import type { LabFrame } from '../training/liveRun';

export interface Plane {
  /** row-major height × width values */
  values: Float32Array;
  height: number;
  width: number;
}

export interface FilterLayer {
  index: number;
  name: string;
  /** [out channels, in channels, k, k] */
  shape: number[];
  weights: Float32Array;
  bias: number[];
}

export interface FeatureLayer {
  index: number;
  describe: string;
  /** per example: [C, H, W] for maps, [F] for flat features */
  shape: number[];
  values: Float32Array;
}

export interface Features {
  source: 'example' | 'drawn';
  example?: number;
  label?: number;
  probs: number[];
  layers: FeatureLayer[];
}

export interface Gallery {
  count: number;
  channels: number;
  height: number;
  width: number;
  labels: number[];
  pixels: Float32Array;
}

export interface Prediction {
  predicted: number;
  confidence: number;
  trueProb: number;
}

type Meta = Record<string, unknown>;
const num = (v: unknown) => Number(v);

export function filterLayers(f: LabFrame): FilterLayer[] {
  const layers = (f.meta.layers as Meta[] | undefined) ?? [];
  return layers.map((l) => {
    const shape = (l.shape as number[]).map(num);
    const size = shape.reduce((a, b) => a * b, 1);
    const offset = num(l.offset);
    return { index: num(l.index), name: String(l.name), shape, weights: f.data.subarray(offset, offset + size), bias: ((l.bias as number[] | undefined) ?? []).map(num) };
  });
}

export function features(f: LabFrame): Features {
  const layers = ((f.meta.layers as Meta[] | undefined) ?? []).map((l) => {
    const shape = (l.shape as number[]).map(num);
    const offset = num(l.offset);
    return { index: num(l.index), describe: String(l.describe), shape, values: f.data.subarray(offset, offset + shape.reduce((a, b) => a * b, 1)) };
  });
  return {
    source: f.meta.source === 'drawn' ? 'drawn' : 'example',
    ...(f.meta.example !== undefined ? { example: num(f.meta.example) } : {}),
    ...(f.meta.label !== undefined ? { label: num(f.meta.label) } : {}),
    probs: ((f.meta.probs as number[] | undefined) ?? []).map(num),
    layers,
  };
}

/** Channel c of a [C, H, W] block. */
export function plane(values: Float32Array, shape: number[], c: number): Plane {
  const [, h = 1, w = 1] = shape;
  return { values: values.subarray(c * h * w, (c + 1) * h * w), height: h, width: w };
}

export function gallery(f: LabFrame): Gallery {
  const [count = 0, channels = 1, height = 1, width = 1] = f.shape;
  return { count, channels, height, width, labels: ((f.meta.labels as number[] | undefined) ?? []).map(num), pixels: f.data };
}

/** Gallery image i as a plane of its first channel (grey), or its RGB channels. */
export function galleryImage(g: Gallery, i: number): Float32Array {
  const per = g.channels * g.height * g.width;
  return g.pixels.subarray(i * per, (i + 1) * per);
}

export function predictions(f: LabFrame): Prediction[] {
  const out: Prediction[] = [];
  for (let i = 0; i + 2 < f.data.length; i += 3) out.push({ predicted: f.data[i]!, confidence: f.data[i + 1]!, trueProb: f.data[i + 2]! });
  return out;
}

/** confusion[true][predicted] from a [K, K] frame. */
export function confusionMatrix(f: LabFrame): number[][] {
  const k = f.shape[0] ?? 0;
  return Array.from({ length: k }, (_, t) => Array.from(f.data.subarray(t * k, (t + 1) * k)));
}

/** Gallery indices whose true class is `t` and predicted class `p`. */
export function cellExamples(labels: number[], preds: Prediction[], t: number, p: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(labels.length, preds.length); i++) if (labels[i] === t && preds[i]!.predicted === p) out.push(i);
  return out;
}

/** The `n` misclassified gallery images the model is surest of, surest first. */
export function confidentlyWrong(labels: number[], preds: Prediction[], n: number): number[] {
  const wrong: number[] = [];
  for (let i = 0; i < Math.min(labels.length, preds.length); i++) if (preds[i]!.predicted !== labels[i]) wrong.push(i);
  return wrong.sort((a, b) => preds[b]!.confidence - preds[a]!.confidence || a - b).slice(0, n);
}

/**
 * One output of a convolution worked out by hand: the k×k window of input channel planes at output
 * (y, x) (zero padding), the kernel of output channel o, their products and the sum plus the bias.
 */
export function convAt(input: Float32Array, inShape: number[], filt: FilterLayer, o: number, y: number, x: number, stride: number, pad: number) {
  const [c = 1, h = 1, w = 1] = inShape;
  const k = filt.shape[2] ?? 1;
  const window: number[][][] = [];
  const kernel: number[][][] = [];
  let sum = 0;
  for (let ci = 0; ci < c; ci++) {
    const wrows: number[][] = [];
    const krows: number[][] = [];
    for (let i = 0; i < k; i++) {
      const wr: number[] = [];
      const kr: number[] = [];
      for (let j = 0; j < k; j++) {
        const iy = y * stride + i - pad;
        const ix = x * stride + j - pad;
        const v = iy >= 0 && iy < h && ix >= 0 && ix < w ? input[ci * h * w + iy * w + ix]! : 0;
        const kv = filt.weights[((o * c + ci) * k + i) * k + j]!;
        wr.push(v);
        kr.push(kv);
        sum += v * kv;
      }
      wrows.push(wr);
      krows.push(kr);
    }
    window.push(wrows);
    kernel.push(krows);
  }
  const bias = filt.bias[o] ?? 0;
  return { window, kernel, bias, sum: sum + bias };
}
