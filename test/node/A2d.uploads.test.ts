// Pictures uploaded by the app for the CNN lab (src/host/uploads.ts): IDX files (roles told by their
// names) and PNG files under class folders decoded by the host, a run started on the upload's id that
// trains and is stored with its pictures described (no bytes in the store), and every refusal named:
// too many bytes, a file of the wrong kind, an unknown upload.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

import { PNG } from 'pngjs';

import type { LabError } from '../../src/native/errors.js';
import { UploadCache } from '../../src/host/uploads.js';
import { portRig } from './protocol-helpers.js';
import { expectLabError } from './helpers.js';
import { idx, squares } from './image-fixtures.js';



const model = { layers: [{ type: 'conv', out: 4, kernel: 3, pad: 1 }, 'relu', { type: 'maxpool', kernel: 2 }, 'flatten', 'linear'] };

test('uploads: IDX files and a PNG folder decoded by the host, a run on the upload trained and stored without its bytes', async () => {
  const rig = await portRig();
  try {
    const { client } = rig;
    const train = squares(300, 1);
    const testSet = squares(60, 2);
    const up = await client.request('datasets/upload', {
      kind: 'idx',
      files: [
        { path: 'sq/train-images-idx3-ubyte.gz', data: new Uint8Array(gzipSync(idx([300, 8, 8], train.pixels))) },
        { path: 'sq/train-labels-idx1-ubyte', data: new Uint8Array(idx([300], train.labels)) },
        { path: 'sq/t10k-images-idx3-ubyte', data: new Uint8Array(idx([60, 8, 8], testSet.pixels)) },
        { path: 'sq/t10k-labels-idx1-ubyte', data: new Uint8Array(idx([60], testSet.labels)) },
      ],
    });
    assert.deepEqual({ ...up, id: 0 }, { id: 0, images: 300, testImages: 60, channels: 1, rows: 8, cols: 8, classes: ['0', '1', '2'], skipped: [] });
    const { id } = await client.request('runs/start', {
      lab: 'train',
      config: { dataset: { name: 'upload', id: up.id }, model, optimizer: { type: 'adam', lr: 0.01 }, batch_size: 30, epochs: 6, frames: false },
    });
    await rig.host.runs.idle();
    const { run } = await client.request('runs/get', { id });
    assert.equal(run.status, 'completed');
    const ds = (run.config as { dataset: Record<string, unknown> }).dataset;
    assert.equal(ds.images, 300);
    assert.equal(ds.test_images, 60);
    assert.equal(ds.pixels, undefined, 'the store keeps no pixels');
    assert.deepEqual(ds.class_names, ['0', '1', '2']);
    assert.ok((run.summary as { final: { test_acc: number } }).final.test_acc >= 0.9);

    // a folder: <root>/<class>/<file>.png, a note beside them skipped
    const files: { path: string; data: Uint8Array }[] = [];
    const pics = squares(30, 3);
    for (let i = 0; i < 30; i++) {
      const png = new PNG({ width: 8, height: 8 });
      for (let p = 0; p < 64; p++) png.data.set([pics.pixels[i * 64 + p]!, pics.pixels[i * 64 + p]!, pics.pixels[i * 64 + p]!, 255], p * 4);
      files.push({ path: `shapes/${['left', 'right', 'bottom'][pics.labels[i]!]}/${i}.png`, data: new Uint8Array(PNG.sync.write(png)) });
    }
    files.push({ path: 'shapes/left/readme.txt', data: new Uint8Array([104, 105]) }, { path: 'shapes/.DS_Store', data: new Uint8Array(1) });
    const folder = await client.request('datasets/upload', { kind: 'folder', files, size: [6, 6] });
    assert.deepEqual([folder.images, folder.channels, folder.rows, folder.classes.join()], [30, 1, 6, 'bottom,left,right']);
    assert.deepEqual(folder.skipped, ['shapes/left/readme.txt']);

    const refused = async (p: Promise<unknown>, part: string) => {
      const e = await p.then(() => assert.fail('accepted'), (err: unknown) => err as LabError);
      assert.equal(e.code, 'INVALID_CONFIG');
      assert.ok(e.message.includes(part), e.message);
    };
    await refused(client.request('datasets/upload', { kind: 'idx', files: [{ path: 'x/train-images-idx3-ubyte', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }, { path: 'x/train-labels-idx1-ubyte', data: new Uint8Array(idx([1], [0])) }] }), 'x/train-images-idx3-ubyte: not an IDX file');
    await refused(client.request('datasets/upload', { kind: 'idx', files: [{ path: 'labels.idx1', data: new Uint8Array(idx([1], [0])) }] }), 'files: none looks like the training images');
    await refused(client.request('runs/start', { lab: 'train', config: { dataset: { name: 'upload', id: 99 }, model, epochs: 1 } }), 'config.dataset.id: no upload 99 on this host');
  } finally {
    await rig.close();
  }
});

test('uploads: more bytes than the limit are refused before anything is decoded', () => {
  const cache = new UploadCache(1000);
  expectLabError(() => cache.add({ kind: 'folder', files: [{ path: 'a/1.png', data: new Uint8Array(600) }, { path: 'b/2.png', data: new Uint8Array(600) }] }), 'INVALID_CONFIG', 'files: 1200 bytes in all; an upload may hold at most 1000 bytes');
});
