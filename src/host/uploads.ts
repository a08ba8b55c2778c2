/**
 * Pictures the app uploads for the CNN lab (docs/cnn.md): the files' bytes arrive over the protocol
 * (`datasets/upload`, at most MAX_UPLOAD_BYTES in all), are decoded here (IDX files, or PNG/JPEG files in
 * class folders: src/data/) and kept in the host's memory under an id that a training config names as
 * {name: "upload", id}. The engine gets the decoded bytes; the store keeps a description of them. The
 * newest MAX_UPLOADS uploads are kept.
 */
import { LabError } from '../native/errors.js';
import type { ImagesSpec } from '../native/schemas.js';
import { idxSetFromBytes, type NamedBytes } from '../data/idx.js';
import { imageSetFromFiles } from '../data/image-folder.js';
import { describeImages, imagesSpec, type ImageSet } from '../data/image-set.js';

/** The most bytes one upload may send (all its files together). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
const MAX_UPLOADS = 4;

export interface UploadRequest {
  kind: 'idx' | 'folder';
  files: { path: string; data: Uint8Array }[];
  channels?: 1 | 3;
  size?: [number, number];
}

export interface UploadSummary {
  id: number;
  images: number;
  testImages: number;
  channels: number;
  rows: number;
  cols: number;
  classes: string[];
  skipped: string[];
}

/** Which IDX file is which, from its name: "t10k"/"test" marks the test pair, "label" the labels. */
function idxRoles(files: NamedBytes[]): { images: NamedBytes; labels: NamedBytes; testImages?: NamedBytes; testLabels?: NamedBytes } {
  const base = (f: NamedBytes) => f.name.split(/[\\/]/).at(-1)!.toLowerCase();
  const isTest = (f: NamedBytes) => /t10k|test/.test(base(f));
  const isLabels = (f: NamedBytes) => /label|idx1/.test(base(f));
  const pick = (test: boolean, labels: boolean) => files.filter((f) => isTest(f) === test && isLabels(f) === labels);
  const one = (list: NamedBytes[], what: string, required: boolean) => {
    if (list.length > 1) throw new LabError(`files: ${list.length} files look like the ${what} (${list.map((f) => f.name).join(', ')}); send one`, 'INVALID_CONFIG');
    if (required && list.length === 0) throw new LabError(`files: none looks like the ${what} (a name with "images"/"idx3" and one with "labels"/"idx1"; "test" or "t10k" marks the test pair)`, 'INVALID_CONFIG');
    return list[0];
  };
  const images = one(pick(false, false), 'training images', true)!;
  const labels = one(pick(false, true), 'training labels', true)!;
  const testImages = one(pick(true, false), 'test images', false);
  const testLabels = one(pick(true, true), 'test labels', false);
  return { images, labels, ...(testImages ? { testImages } : {}), ...(testLabels ? { testLabels } : {}) };
}

export class UploadCache {
  private readonly sets = new Map<number, ImageSet>();
  private next = 1;

  constructor(private readonly maxBytes = MAX_UPLOAD_BYTES) {}

  /** Decodes an upload (LabError naming the file and what is wrong) and keeps it; returns its summary. */
  add(req: UploadRequest): UploadSummary {
    const total = req.files.reduce((a, f) => a + f.data.byteLength, 0);
    if (total > this.maxBytes)
      throw new LabError(`files: ${total} bytes in all; an upload may hold at most ${this.maxBytes} bytes (${Math.round(this.maxBytes / 1048576)} MiB)`, 'INVALID_CONFIG');
    if (req.files.length === 0) throw new LabError('files: none sent', 'INVALID_CONFIG');
    let set: ImageSet & { skipped?: string[] };
    if (req.kind === 'idx') set = idxSetFromBytes(idxRoles(req.files.map((f) => ({ name: f.path, bytes: f.data }))));
    else set = imageSetFromFiles(req.files.map((f) => ({ path: f.path, bytes: f.data })), { ...(req.channels ? { channels: req.channels } : {}), ...(req.size ? { size: req.size } : {}) });
    const id = this.next++;
    this.sets.set(id, set);
    while (this.sets.size > MAX_UPLOADS) this.sets.delete(this.sets.keys().next().value!);
    return {
      id,
      images: set.labels.length,
      testImages: set.test?.labels.length ?? 0,
      channels: set.channels,
      rows: set.rows,
      cols: set.cols,
      classes: set.classNames,
      skipped: set.skipped ?? [],
    };
  }

  /**
   * A config whose dataset is {name: "upload", id, test_fraction?, seed?}: the one the engine runs (the
   * pictures' bytes in place) and the one the store keeps (them described). Other configs pass through.
   */
  resolve(config: unknown): { run: unknown; stored?: unknown } {
    const c = config as { dataset?: { name?: unknown; id?: unknown; test_fraction?: number; seed?: number } } | null;
    if (!c || typeof c !== 'object' || !c.dataset || c.dataset.name !== 'upload') return { run: config };
    const set = typeof c.dataset.id === 'number' ? this.sets.get(c.dataset.id) : undefined;
    if (!set) throw new LabError(`config.dataset.id: no upload ${JSON.stringify(c.dataset.id)} on this host (uploads live until the host restarts; upload the files again)`, 'INVALID_CONFIG');
    const spec: ImagesSpec = imagesSpec(set, {
      ...(c.dataset.test_fraction !== undefined ? { testFraction: c.dataset.test_fraction } : {}),
      ...(c.dataset.seed !== undefined ? { seed: c.dataset.seed } : {}),
    });
    return { run: { ...c, dataset: spec }, stored: { ...c, dataset: { ...describeImages(spec, set.source), upload: c.dataset.id, class_names: set.classNames } } };
  }
}
