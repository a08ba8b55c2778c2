/**
 * An image-classification set as the engine takes it ({name: "images", …} in schemas.ts): N images of
 * C channels × H × W bytes (channel planes one after another, each row-major), one label byte each,
 * the class names, and an optional separate test set. Made by idx.ts and image-folder.ts; turned into
 * the engine's data set spec by imagesSpec. Pure (no Node imports): the renderer uses it too.
 */
import type { ImagesSpec } from '../native/schemas.js';

export interface ImageSet {
  channels: number;
  rows: number;
  cols: number;
  pixels: Uint8Array;
  labels: Uint8Array;
  /** one per class, in label order: the folder names, or "0", "1", … for IDX files */
  classNames: string[];
  test?: { pixels: Uint8Array; labels: Uint8Array };
  /** where it came from, for people: file or folder paths */
  source: Record<string, string>;
}

export const imageCount = (set: Pick<ImageSet, 'channels' | 'rows' | 'cols' | 'labels'>) => set.labels.length;

/** The engine's data set spec for `set`; without a test set, a seeded split holds test_fraction out. */
export function imagesSpec(set: ImageSet, opts: { testFraction?: number; seed?: number } = {}): ImagesSpec {
  return {
    name: 'images',
    channels: set.channels,
    rows: set.rows,
    cols: set.cols,
    classes: Math.max(2, set.classNames.length),
    pixels: set.pixels,
    labels: set.labels,
    ...(set.test
      ? { test_pixels: set.test.pixels, test_labels: set.test.labels }
      : { ...(opts.testFraction !== undefined ? { test_fraction: opts.testFraction } : {}), ...(opts.seed !== undefined ? { seed: opts.seed } : {}) }),
  };
}

/** A spec with its bytes replaced by counts and sources: what a person (or a JSON report) reads. */
export function describeImages(spec: ImagesSpec, source: Record<string, string>): Record<string, unknown> {
  const { pixels, labels, test_pixels, test_labels, ...rest } = spec;
  return {
    ...rest,
    source,
    images: labels.length,
    ...(test_labels ? { test_images: test_labels.length } : {}),
    bytes: pixels.length + (test_pixels?.length ?? 0),
  };
}

/** The training rows of n pictures split by test_fraction, as the engine's split counts them (data/split.hpp). */
export function trainRowsOf(n: number, testFraction = 0.2): number {
  if (testFraction <= 0 || n < 2) return n;
  return n - Math.min(Math.max(Math.round(n * testFraction), 1), n - 1);
}
