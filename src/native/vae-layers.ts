/**
 * The VAE's convolutional preset, for images of any size whose height and width are multiples of 4
 * (pure: the CLI, the host and the renderer share it):
 *   encoder  [C,H,W] → conv(32,4,stride=2,pad=1) relu conv(64,4,stride=2,pad=1) relu flatten linear(256) relu
 *   decoder  [Z] → linear(256) relu linear(64·H/4·W/4) relu reshape(64,H/4,W/4) upsample conv(32,3,pad=1) relu
 *            upsample conv(C,3,pad=1) flatten
 * Strided convolutions halve the maps twice on the way in; nearest-neighbour upsampling, each followed by
 * a 3×3 convolution, doubles them twice on the way out (no transposed convolutions, so no checkerboard).
 */
import { parseModelText, presetOrLayers, quarterSides, type LayerEntry } from './layers.js';

export const VAE_CONV_PRESET = 'conv';

export function vaeConvLayers(side: 'encoder' | 'decoder', image: readonly [number, number, number], field: string): LayerEntry[] {
  const [h4, w4] = quarterSides(image, VAE_CONV_PRESET, field);
  if (side === 'encoder') return parseModelText('conv(32,4,stride=2,pad=1) relu conv(64,4,stride=2,pad=1) relu flatten linear(256) relu', field);
  return parseModelText(`linear(256) relu linear(${64 * h4 * w4}) relu reshape(64,${h4},${w4}) upsample conv(32,3,pad=1) relu upsample conv(${image[0]},3,pad=1) flatten`, field);
}

/** A side's layers from what a person typed: the preset's name, or a layer list in the text form. */
export function vaeSideLayers(text: string, side: 'encoder' | 'decoder', image: readonly [number, number, number], field: string): LayerEntry[] {
  return presetOrLayers(text, VAE_CONV_PRESET, () => vaeConvLayers(side, image, field), field);
}
