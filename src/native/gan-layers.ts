/**
 * The image GAN's convolutional preset, a small DCGAN (Radford et al. 2016: strided convolutions in the
 * discriminator, batch norm and ReLU in the generator), for images whose height and width are multiples
 * of 4 (pure: the CLI, the host and the renderer share it):
 *   generator      z → linear(64·H/4·W/4) batchnorm relu reshape(64,H/4,W/4) upsample conv(32,3,pad=1)
 *                  batchnorm relu upsample conv(C,3,pad=1) flatten sigmoid
 *   discriminator  [pack·C,H,W] → conv(32,4,stride=2,pad=1) leaky_relu(0.2) conv(64,4,stride=2,pad=1)
 *                  leaky_relu(0.2) flatten linear
 * Upsampling then a 3×3 convolution instead of transposed convolutions: no checkerboard artefacts.
 */
import { parseModelText, presetOrLayers, quarterSides, type LayerEntry } from './layers.js';

export const GAN_CONV_PRESET = 'dcgan';

export function dcganLayers(net: 'generator' | 'discriminator', image: readonly [number, number, number], field: string): LayerEntry[] {
  const [h4, w4] = quarterSides(image, GAN_CONV_PRESET, field);
  if (net === 'discriminator') return parseModelText('conv(32,4,stride=2,pad=1) leaky_relu(0.2) conv(64,4,stride=2,pad=1) leaky_relu(0.2) flatten linear', field);
  return parseModelText(`linear(${64 * h4 * w4}) batchnorm relu reshape(64,${h4},${w4}) upsample conv(32,3,pad=1) batchnorm relu upsample conv(${image[0]},3,pad=1) flatten sigmoid`, field);
}

/** A net's layers from what a person typed: the preset's name, or a layer list in the text form. */
export function ganNetLayers(text: string, net: 'generator' | 'discriminator', image: readonly [number, number, number], field: string): LayerEntry[] {
  return presetOrLayers(text, GAN_CONV_PRESET, () => dcganLayers(net, image, field), field);
}
