// The GAN lab's plain logic: the form checked field by field into the session's config (whose schema
// must accept it), and a frame taken apart into its parts by the counts in its meta.
import { describe, expect, it } from 'vitest';

import { GanLabConfigSchema } from '../../src/native/gan-schema';
import { checkForm, DEFAULT_FORM, parseWidths, presetForm, PRESETS } from '../../app/renderer/src/views/gan/ganForm';
import { fieldShare, ganPicture, longestPull } from '../../app/renderer/src/views/gan/ganFrame';
import type { GanFrameMeta } from '../../src/native/gan';

describe('the GAN form', () => {
  it('turns every preset into a config the schema accepts', () => {
    for (const p of PRESETS) {
      if (p === 'custom') continue;
      const { config, errors } = checkForm(presetForm(p), []);
      expect(errors).toEqual({});
      expect(GanLabConfigSchema.safeParse(config).success).toBe(true);
    }
    expect(checkForm(presetForm('collapse'), []).config).toMatchObject({ pack: 1, schedule: 'constant', g_hidden: [16, 16], d_hidden: [256, 256], data: 'ring8', batch_size: 64 });
  });

  it('the digits preset is an image GAN: a dataset, not a distribution', () => {
    const { config } = checkForm(presetForm('digits'), []);
    expect(config).toMatchObject({ dataset: 'digits', z_dim: 64, g_hidden: [256, 512], d_hidden: [512, 256], g_lr: 0.001, d_lr: 0.0004 });
    expect(config).not.toHaveProperty('data');
  });

  it('names each bad field with its reason', () => {
    const { errors, config } = checkForm({ ...DEFAULT_FORM, steps: '-5', gLr: 'abc', dLr: '0', gHidden: '128,,x', pack: '3' }, []);
    expect(config).toBeNull();
    expect(errors.steps).toEqual({ key: 'gan.err.int', vars: { min: 1, max: 10_000_000 } });
    expect(errors.gLr?.key).toBe('gan.err.rate');
    expect(errors.dLr?.key).toBe('gan.err.rate');
    expect(errors.gHidden?.key).toBe('gan.err.widths');
    expect(errors.pack).toEqual({ key: 'gan.err.pack', vars: { batch: 256 } });
    expect(checkForm({ ...DEFAULT_FORM, batch: '100', pack: '3' }, []).errors.pack?.vars).toEqual({ batch: 100 });
  });

  it('drawn points become data "points"; fewer than 2 block the start', () => {
    expect(checkForm({ ...DEFAULT_FORM, data: 'draw' }, [0.5, 1]).errors.points?.key).toBe('gan.err.points');
    const { config } = checkForm({ ...DEFAULT_FORM, data: 'draw' }, [0.5, 1, -1, 2]);
    expect(config).toMatchObject({ data: 'points', points: [0.5, 1, -1, 2] });
    expect(GanLabConfigSchema.safeParse(config).success).toBe(true);
  });

  it('reads layer widths', () => {
    expect(parseWidths('64, 32')).toEqual([64, 32]);
    expect(parseWidths('64 32 16')).toEqual([64, 32, 16]);
    expect(parseWidths('')).toBeNull();
    expect(parseWidths('0')).toBeNull();
    expect(parseWidths('1,2,3,4,5,6,7,8,9')).toBeNull();
  });
});

describe('the GAN form, convolutional nets', () => {
  it('the digits with the DCGAN: layer lists instead of widths, no checkpoint, the schema accepts it', () => {
    const c = checkForm({ ...presetForm('digits'), arch: 'dcgan', gHidden: 'not read', checkpoint: 'gan-digits' }, []);
    expect(c.errors).toEqual({});
    expect(c.config!.g_hidden).toBeUndefined();
    expect(c.config!.checkpoint).toBeUndefined();
    expect(c.config!.g_layers!.at(-1)).toBe('sigmoid');
    expect(c.config!.d_layers![0]).toEqual({ type: 'conv', out: 32, kernel: 4, stride: 2, pad: 1 });
    expect(GanLabConfigSchema.safeParse(c.config).success).toBe(true);
  });
  it('refuses WGAN-GP with the DCGAN at the networks field; the 2-D data keep their widths whatever nets says', () => {
    expect(checkForm({ ...presetForm('digits'), arch: 'dcgan', loss: 'wgan-gp' }, []).errors.arch).toEqual({ key: 'gan.err.dcgan_wgan' });
    const flat = checkForm({ ...DEFAULT_FORM, arch: 'dcgan' }, []);
    expect(flat.config!.g_hidden).toEqual([128, 128]);
    expect(flat.config!.g_layers).toBeUndefined();
  });
});

describe('the GAN frame', () => {
  const meta: GanFrameMeta = {
    real: 2, fakes: 2, grid: 2, manifold: [1, 2], bounds: { xmin: -1, xmax: 1, ymin: -1, ymax: 1 },
    field: 'score', field_min: -2, field_max: 2, centres: [], std: null, nets: 'both',
  };
  // real 4, fakes 4, pull 4, field 4, manifold 4 numbers
  const data = Float32Array.from({ length: 20 }, (_, i) => i);

  it('splits the numbers by the counts in the meta', () => {
    const p = ganPicture({ step: 7, meta, data })!;
    expect(Array.from(p.real)).toEqual([0, 1, 2, 3]);
    expect(Array.from(p.fakes)).toEqual([4, 5, 6, 7]);
    expect(Array.from(p.pull)).toEqual([8, 9, 10, 11]);
    expect(Array.from(p.field)).toEqual([12, 13, 14, 15]);
    expect(Array.from(p.manifold)).toEqual([16, 17, 18, 19]);
    expect(longestPull(p)).toBeCloseTo(Math.hypot(10, 11), 5);
    // scores spread over the grid's range; probabilities as they are
    expect(fieldShare(p, 0)).toBe(0.5);
    expect(fieldShare(p, 2)).toBe(1);
    expect(fieldShare({ ...p, meta: { ...meta, field: 'probability' } }, 0.25)).toBe(0.25);
  });

  it('refuses a frame whose numbers do not add up', () => {
    expect(ganPicture({ step: 1, meta, data: data.subarray(0, 19) })).toBeNull();
  });
});
