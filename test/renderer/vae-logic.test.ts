// The VAE lab's plain logic: the form checked field by field into the session's config (whose schema
// must accept it), and images painted from intensities (grey and RGB channel planes) at their place.
import { describe, expect, it } from 'vitest';

import { VaeLabConfigSchema } from '../../src/native/vae-schema';
import { checkForm, DEFAULT_FORM, parseHidden } from '../../app/renderer/src/views/vae/vaeForm';
import { paintImage } from '../../app/renderer/src/components/paintImage';

describe('the VAE form', () => {
  it('turns the defaults into a config the schema accepts', () => {
    const { config, errors } = checkForm(DEFAULT_FORM, null);
    expect(errors).toEqual({});
    expect(config).toMatchObject({ dataset: { name: 'digits', train: 5000, test: 1000 }, latent: 2, hidden: [256], beta: 1, optimizer: { type: 'adam', lr: 0.001 } });
    expect(VaeLabConfigSchema.safeParse(config).success).toBe(true);
  });

  it('names each bad field with its reason', () => {
    const { errors, config } = checkForm({ ...DEFAULT_FORM, latent: '0', beta: '-1', lr: '0', hidden: 'x', trainCount: '6000', testCount: '5000' }, null);
    expect(config).toBeNull();
    expect(errors.latent).toEqual({ key: 'vae.err.int', vars: { min: 1, max: 512 } });
    expect(errors.beta?.key).toBe('vae.err.number');
    expect(errors.lr?.key).toBe('vae.err.rate');
    expect(errors.hidden?.key).toBe('vae.err.widths');
    expect(errors.testCount).toEqual({ key: 'vae.err.total', vars: { n: 10000 } });
    expect(checkForm({ ...DEFAULT_FORM, trainCount: '50', batch: '64' }, null).errors.batch).toEqual({ key: 'vae.err.batch', vars: { n: 50 } });
  });

  it('an upload brings its own sizes', () => {
    const { config, errors } = checkForm({ ...DEFAULT_FORM, trainCount: 'x', batch: '64' }, { id: 7, trainImages: 40 });
    expect(errors).toEqual({ batch: { key: 'vae.err.batch', vars: { n: 40 } } });
    expect(config).toBeNull();
    expect(checkForm({ ...DEFAULT_FORM, batch: '16' }, { id: 7, trainImages: 40 }).config?.dataset).toEqual({ name: 'upload', id: 7, seed: 1 });
    expect(parseHidden('512, 256')).toEqual([512, 256]);
  });
});

describe('paintImage', () => {
  it('paints grey and RGB planes at their place, clipped to [0, 1]', () => {
    const out = new Uint8ClampedArray(3 * 2 * 4); // a 3×2 canvas
    paintImage([0, 1, 0.5, 2], 0, 1, 2, 2, out, 3, 1, 0); // a 2×2 grey image at x = 1
    expect(Array.from(out.subarray(4, 12))).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(Array.from(out.subarray(16, 24))).toEqual([128, 128, 128, 255, 255, 255, 255, 255]);
    const rgb = new Uint8ClampedArray(4);
    paintImage([9, 1, 0, 0.2], 1, 3, 1, 1, rgb, 1, 0, 0); // one RGB pixel, its planes after an offset of 1
    expect(Array.from(rgb)).toEqual([255, 0, 51, 255]);
  });
});
