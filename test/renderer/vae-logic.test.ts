// The VAE lab's plain logic: the form checked field by field into the session's config (whose schema
// must accept it), and images painted from intensities (grey and RGB channel planes) at their place.
import { describe, expect, it } from 'vitest';

import { VaeLabConfigSchema } from '../../src/native/vae-schema';
import { checkForm, DEFAULT_FORM, parseHidden, presetTexts, vaeFormFromConfig } from '../../app/renderer/src/views/vae/vaeForm';
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

describe('the VAE form, convolutional', () => {
  it('the preset for the digits checks, counts its parameters, and becomes layer lists the schema accepts', () => {
    const c = checkForm({ ...DEFAULT_FORM, network: 'conv' }, null);
    expect(c.errors).toEqual({});
    expect(c.config!.hidden).toBeUndefined();
    expect(VaeLabConfigSchema.safeParse(c.config).success).toBe(true);
    // conv 1→32 4×4, conv 32→64 4×4, linear 3136→256: 544 + 32 832 + 803 072
    expect(c.encoder!.shapes!.reduce((a, l) => a + l.parameters, 0)).toBe(836_448);
    expect(c.encoder!.shapes!.at(-1)!.output).toEqual([256]);
    // linear 2→256, 256→3136, conv 64→32 3×3, conv 32→1 3×3
    expect(c.decoder!.shapes!.reduce((a, l) => a + l.parameters, 0)).toBe(768 + 805_952 + 18_464 + 289);
    expect(c.decoder!.shapes!.at(-1)!.output).toEqual([784]);
  });
  it('a stack that cannot run is refused at its field with the reason; the decoder is checked against the latent size', () => {
    const c = checkForm({ ...DEFAULT_FORM, network: 'conv', encoderLayers: 'conv(8,3) relu' }, null);
    expect(c.errors.encoderLayers).toEqual({ key: 'vae.err.layers' });
    expect(c.encoder!.reason).toBe('encoder_layers[1] (relu): the output is [8, 26, 26], expected flat features; end with flatten or a linear layer');
    expect(c.config).toBeNull();
    const d = checkForm({ ...DEFAULT_FORM, network: 'conv', latent: '3', decoderLayers: 'linear(196) relu reshape(4,7,7) upsample conv(1,3,pad=1) flatten' }, null);
    const ok = checkForm({ ...DEFAULT_FORM, network: 'conv', latent: '3', decoderLayers: 'linear(196) relu reshape(4,7,7) upsample upsample conv(1,3,pad=1) flatten' }, null);
    expect(ok.decoder!.shapes![0]!.describe).toBe('linear 3→196');
    expect(ok.config!.decoder_layers).toHaveLength(7);
    expect(d.decoder!.reason).toBe("decoder_layers[5] (flatten): the model's output is [196], expected [784] (the data set's outputs); end with a linear layer");
  });
  it('an upload of 3×32×32 pictures: checked against its shape; the preset fits it; 30×30 has none', () => {
    const upload = { id: 4, trainImages: 80, image: [3, 32, 32] as [number, number, number] };
    expect(checkForm({ ...DEFAULT_FORM, network: 'conv' }, upload).decoder!.reason).toMatch(/expected \[3072\]/);
    const fitted = checkForm({ ...DEFAULT_FORM, network: 'conv', ...presetTexts([3, 32, 32])! }, upload);
    expect(fitted.errors).toEqual({});
    expect(fitted.decoder!.shapes!.at(-1)!.output).toEqual([3072]);
    expect(presetTexts([1, 30, 30])).toBeNull();
  });
  it('a config with layer lists opens as the convolutional form', () => {
    const f = vaeFormFromConfig({ dataset: 'digits', decoder_layers: ['upsample', { type: 'reshape', channels: 1, height: 2, width: 2 }] })!;
    expect(f.network).toBe('conv');
    expect(f.decoderLayers).toBe('upsample reshape(1,2,2)');
    expect(f.encoderLayers).toBe(DEFAULT_FORM.encoderLayers);
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
