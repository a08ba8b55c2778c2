/**
 * Layer stacks in TypeScript: the zod schema of a model's layer list (the engine's twin:
 * native/core/nn/layer_stack.hpp), the text form people type —
 *   conv(8,3,pad=1) relu maxpool(2) conv(16,3,pad=1) relu maxpool(2) flatten linear(10)
 * — the named presets, and the shape of every layer as the model builder shows it while you edit.
 * Pure: no Node or DOM imports, so the CLI, the host and the renderer share it.
 */
import { z } from 'zod';

import { LabError } from './errors.js';
import { num, range } from './schemas-core.js';

export const ACTIVATION_LAYERS = ['relu', 'leaky_relu', 'tanh', 'sigmoid', 'gelu', 'softplus', 'identity'] as const;
export type ActivationLayer = (typeof ACTIVATION_LAYERS)[number];

export type LayerSpec =
  | { type: 'conv'; out: number; kernel: number; stride?: number; pad?: number }
  | { type: 'maxpool' | 'avgpool'; kernel: number; stride?: number }
  | { type: 'linear'; out?: number }
  | { type: 'dropout'; p: number }
  | { type: 'batchnorm'; momentum?: number; eps?: number }
  | { type: 'reshape'; channels: number; height: number; width: number }
  | { type: 'upsample'; factor?: number }
  | { type: 'leaky_relu'; alpha?: number }
  | { type: 'flatten' | ActivationLayer };
export type LayerEntry = LayerSpec | 'flatten' | 'linear' | 'batchnorm' | 'upsample' | ActivationLayer;

const channels = num(range('integer', 1, 1024));
const features = num(range('integer', 1, 65536));
const kernel = num(range('integer', 1, 64));
const stride = num(range('integer', 1, 64));
const pad = num(range('integer', 0, 64));
const side = num(range('integer', 1, 4096));
const LAYER_TYPES = ['conv', 'maxpool', 'avgpool', 'flatten', 'reshape', 'upsample', 'linear', 'dropout', 'batchnorm', ...ACTIVATION_LAYERS] as const;
const layerTypesText = LAYER_TYPES.join(', ');

const LayerObjectSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('conv'), out: channels, kernel, stride: stride.optional(), pad: pad.optional() }),
    z.strictObject({ type: z.literal('maxpool'), kernel, stride: stride.optional() }),
    z.strictObject({ type: z.literal('avgpool'), kernel, stride: stride.optional() }),
    z.strictObject({ type: z.literal('reshape'), channels, height: side, width: side }),
    z.strictObject({ type: z.literal('upsample'), factor: num(range('integer', 1, 8)).optional() }),
    z.strictObject({ type: z.literal('linear'), out: features.optional() }),
    z.strictObject({ type: z.literal('dropout'), p: num(range('number', 0, 1, false, true)) }),
    z.strictObject({ type: z.literal('batchnorm'), momentum: num(range('number', 0, 1)).optional(), eps: num(range('number', 0, 1, true, false)).optional() }),
    z.strictObject({ type: z.literal('leaky_relu'), alpha: num(range('number', 0, null)).optional() }),
    z.strictObject({ type: z.enum(['flatten', 'relu', 'tanh', 'sigmoid', 'gelu', 'softplus', 'identity']) }),
  ],
  { message: `a layer type, one of: ${layerTypesText}` },
);

export const LayerListSchema = z
  .array(
    z.union([z.enum(['flatten', 'linear', 'batchnorm', 'upsample', ...ACTIVATION_LAYERS], { message: `a layer ({type: …} or a type name: ${layerTypesText})` }), LayerObjectSchema], {
      message: 'a layer ({type: …} or a type name)',
    }),
    { message: 'an array of layers' },
  )
  .min(1, { message: 'at least one layer' })
  .max(64, { message: 'at most 64 layers' });

/** The named models. `linear` with no width is the output layer: as many outputs as the data set has classes. */
export const MODEL_PRESETS = {
  /** LeNet-5 as commonly rebuilt today: ReLU and max-pooling (LeCun et al. 1998 used tanh and subsampling) */
  lenet5: 'conv(6,5,pad=2) relu maxpool(2) conv(16,5) relu maxpool(2) flatten linear(120) relu linear(84) relu linear',
  /** LeNet-5 with 16 and 32 feature maps instead of 6 and 16: the default for image data (docs/cnn.md says how it was chosen) */
  lenet5_wide: 'conv(16,5,pad=2) relu maxpool(2) conv(32,5) relu maxpool(2) flatten linear(120) relu linear(84) relu linear',
  /** the two-conv net of the cnn_b50 benchmark */
  cnn_b50: 'conv(8,3,pad=1) relu maxpool(2) conv(16,3,pad=1) relu maxpool(2) flatten linear',
  /** a small VGG-like net: pairs of 3×3 convolutions before each pooling */
  vgg_small: 'conv(16,3,pad=1) relu conv(16,3,pad=1) relu maxpool(2) conv(32,3,pad=1) relu conv(32,3,pad=1) relu maxpool(2) flatten linear(128) relu dropout(0.25) linear',
} as const;
export type ModelPreset = keyof typeof MODEL_PRESETS;
/** The model `gradlab train` builds for image data when none is named. */
export const DEFAULT_IMAGE_MODEL: ModelPreset = 'lenet5_wide';
export const isModelPreset = (s: string): s is ModelPreset => Object.hasOwn(MODEL_PRESETS, s);

/** The positional arguments each layer takes in the text form, in order, and its named ones. */
const TEXT_ARGS: Record<string, { positional: string[]; named: string[] }> = {
  conv: { positional: ['out', 'kernel'], named: ['stride', 'pad'] },
  maxpool: { positional: ['kernel'], named: ['stride'] },
  avgpool: { positional: ['kernel'], named: ['stride'] },
  linear: { positional: ['out'], named: [] },
  dropout: { positional: ['p'], named: [] },
  leaky_relu: { positional: ['alpha'], named: [] },
  batchnorm: { positional: [], named: ['momentum', 'eps'] },
  reshape: { positional: ['channels', 'height', 'width'], named: [] },
  upsample: { positional: ['factor'], named: [] },
};

/**
 * Parses the text form (or a preset name) into a layer list. Layers are separated by spaces (or
 * commas between layers); arguments go in parentheses, positional first, then name=value.
 * Throws LabError INVALID_CONFIG naming `field`, the layer's position and what is wrong.
 */
export function parseModelText(text: string, field = '--model'): LayerEntry[] {
  const trimmed = text.trim();
  if (isModelPreset(trimmed)) return parseModelText(MODEL_PRESETS[trimmed], field);
  const layers: LayerEntry[] = [];
  const token = /\s*([A-Za-z_]+)\s*(?:\(([^()]*)\))?\s*,?/y;
  let at = 0;
  while (at < trimmed.length) {
    token.lastIndex = at;
    const m = token.exec(trimmed);
    if (!m || m[0].length === 0) {
      throw new LabError(`${field}: cannot read ${JSON.stringify(trimmed.slice(at, at + 20))} at character ${at + 1}; expected a layer such as conv(8,3,pad=1), relu, maxpool(2), flatten or linear(10), or a preset: ${Object.keys(MODEL_PRESETS).join(', ')}`, 'INVALID_CONFIG');
    }
    at = token.lastIndex;
    const type = m[1]!.toLowerCase();
    const where = `${field}: layer ${layers.length + 1} (${m[0].trim().replace(/,$/, '')})`;
    if (!(LAYER_TYPES as readonly string[]).includes(type)) throw new LabError(`${where}: unknown layer "${m[1]}"; expected one of: ${layerTypesText}`, 'INVALID_CONFIG');
    const spec = TEXT_ARGS[type];
    const args = m[2]?.trim() ? m[2].split(',').map((s) => s.trim()) : [];
    if (!spec) {
      if (args.length > 0) throw new LabError(`${where}: ${type} takes no arguments`, 'INVALID_CONFIG');
      layers.push(type as LayerEntry);
      continue;
    }
    const layer: Record<string, unknown> = { type };
    let positional = 0;
    for (const arg of args) {
      const eq = arg.indexOf('=');
      const key = eq >= 0 ? arg.slice(0, eq).trim() : spec.positional[positional++];
      const valueText = eq >= 0 ? arg.slice(eq + 1).trim() : arg;
      if (key === undefined) throw new LabError(`${where}: too many arguments; ${type} takes ${[...spec.positional, ...spec.named.map((n) => `${n}=…`)].join(', ')}`, 'INVALID_CONFIG');
      if (![...spec.positional, ...spec.named].includes(key)) throw new LabError(`${where}: unknown setting "${key}"; ${type} takes ${[...spec.positional, ...spec.named].join(', ')}`, 'INVALID_CONFIG');
      const value = Number(valueText);
      if (valueText === '' || !Number.isFinite(value)) throw new LabError(`${where}: ${key} must be a number, got ${JSON.stringify(valueText)}`, 'INVALID_CONFIG');
      layer[key] = value;
    }
    if ((type === 'linear' && layer.out === undefined) || ((type === 'batchnorm' || type === 'upsample') && args.length === 0)) layers.push(type);
    else layers.push(layer as LayerSpec);
  }
  if (layers.length === 0) throw new LabError(`${field}: expected at least one layer, got nothing`, 'INVALID_CONFIG');
  return layers;
}

/** The sides of images a preset halves twice (two stride-2 layers): [H/4, W/4]. Throws LabError
 * INVALID_CONFIG naming `field` and the preset unless both sides are multiples of 4. */
export function quarterSides(image: readonly [number, number, number], preset: string, field: string): [number, number] {
  const [, h, w] = image;
  if (h % 4 !== 0 || w % 4 !== 0)
    throw new LabError(`${field}: the ${preset} preset halves the images twice, so their height and width must be multiples of 4; got ${h}×${w} (use --size, or give the layers)`, 'INVALID_CONFIG');
  return [h / 4, w / 4];
}

/** What a person typed for a layer list: the preset's name (its layers from `make`), else the text form. */
export function presetOrLayers(text: string, preset: string, make: () => LayerEntry[], field: string): LayerEntry[] {
  return text.trim() === preset ? make() : parseModelText(text, field);
}

/** The text form of a layer list (parseModelText's inverse). */
export function modelText(layers: readonly LayerEntry[]): string {
  return layers
    .map((l) => {
      if (typeof l === 'string') return l;
      const spec = TEXT_ARGS[l.type];
      if (!spec) return l.type;
      const rec = l as Record<string, unknown>;
      const parts = spec.positional.filter((k) => rec[k] !== undefined).map((k) => String(rec[k]));
      for (const k of spec.named) if (rec[k] !== undefined) parts.push(`${k}=${String(rec[k])}`);
      return parts.length > 0 ? `${l.type}(${parts.join(',')})` : l.type;
    })
    .join(' ');
}

export interface LayerShape {
  describe: string;
  /** per example: [8, 28, 28] or [10] */
  output: number[];
  parameters: number;
}

const square = (k: number) => `${k}×${k}`;
const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

/** `outputs` for a stack whose flat output may have any width (a VAE's encoder: heads of its own follow). */
export const ANY_OUTPUTS = -1;

/**
 * The output shape and parameter count of every layer for examples of shape `input` and `outputs`
 * classes, as the engine infers them (the same rules and the same messages, prefixed by `path`).
 * Throws LabError INVALID_CONFIG naming the layer for a stack that cannot run.
 */
export function inferShapes(layers: readonly LayerEntry[], input: readonly number[], outputs: number, path = 'model.layers'): LayerShape[] {
  const out: LayerShape[] = [];
  let cur = [...input];
  let total = 0;
  layers.forEach((entry, i) => {
    const l = (typeof entry === 'string' ? { type: entry } : entry) as LayerSpec & Record<string, number | undefined>;
    const last = i === layers.length - 1;
    const outFeatures = l.type === 'linear' ? (l.out ?? 0) || outputs : 0;
    const st = l.stride ?? (l.type === 'conv' ? 1 : l.kernel ?? 1);
    const p = l.type === 'conv' ? l.pad ?? 0 : 0;
    let describe: string = l.type;
    if (l.type === 'conv') describe = `conv ${cur.length === 3 ? cur[0] : '?'}→${l.out} ${square(l.kernel!)} stride ${st} pad ${p}`;
    else if (l.type === 'maxpool' || l.type === 'avgpool') describe = `${l.type === 'maxpool' ? 'max' : 'avg'}-pool ${square(l.kernel!)} stride ${st}`;
    else if (l.type === 'linear') describe = `linear ${cur.length === 1 ? cur[0] : '?'}→${outFeatures > 0 ? outFeatures : '?'}`;
    else if (l.type === 'dropout') describe = `dropout p=${l.p}`;
    else if (l.type === 'batchnorm') describe = `batch norm ${cur.length > 0 ? cur[0] : '?'}`;
    else if (l.type === 'leaky_relu') describe = `leaky_relu α=${l.alpha ?? 0.01}`;
    else if (l.type === 'reshape') describe = `reshape to [${l.channels}, ${l.height}, ${l.width}]`;
    else if (l.type === 'upsample') describe = `upsample ×${l.factor ?? 2}`;
    const fail = (what: string): never => {
      throw new LabError(`${path}[${i}] (${describe}): ${what}`, 'INVALID_CONFIG');
    };
    let output = cur;
    let parameters = 0;
    if (l.type === 'conv' || l.type === 'maxpool' || l.type === 'avgpool') {
      if (cur.length !== 3)
        fail(`expects feature maps [channels, height, width], got ${shapeText(cur)}${cur.length === 1 ? ' (flat features: a conv or pool layer needs an image set, or must come before flatten)' : ''}`);
      const h = cur[1]! + 2 * p;
      const w = cur[2]! + 2 * p;
      const k = l.kernel!;
      if (h < k || w < k) fail(`a ${square(k)} window does not fit its input ${shapeText(cur)}${p > 0 ? ` padded by ${p}` : ''}: the stack shrinks to nothing`);
      const ho = Math.floor((h - k) / st) + 1;
      const wo = Math.floor((w - k) / st) + 1;
      if (l.type === 'conv') {
        output = [l.out!, ho, wo];
        parameters = l.out! * cur[0]! * k * k + l.out!;
      } else output = [cur[0]!, ho, wo];
    } else if (l.type === 'flatten') {
      output = [cur.reduce((a, b) => a * b, 1)];
    } else if (l.type === 'reshape') {
      const [c, h, w] = [l.channels!, l.height!, l.width!];
      if (cur.length !== 1) fail(`expects flat features, got feature maps ${shapeText(cur)} (reshape makes feature maps of flat features)`);
      if (cur[0] !== c * h * w) fail(`its input has ${cur[0]} features, but [${c}, ${h}, ${w}] holds ${c * h * w}`);
      output = [c, h, w];
    } else if (l.type === 'upsample') {
      const f = l.factor ?? 2;
      if (cur.length !== 3) fail(`expects feature maps [channels, height, width], got ${shapeText(cur)} (add reshape before it)`);
      output = [cur[0]!, cur[1]! * f, cur[2]! * f];
    } else if (l.type === 'batchnorm') {
      parameters = 2 * cur[0]!; // per channel of feature maps, per feature of flat ones

    } else if (l.type === 'linear') {
      if (cur.length !== 1) fail(`expects flat features, got feature maps ${shapeText(cur)}; add flatten before it`);
      if (!l.out && (!last || outputs === ANY_OUTPUTS))
        fail(outputs === ANY_OUTPUTS ? 'needs out (its width)' : `needs out (its width); only the last layer may leave it out, to get the data set's ${outputs} outputs`);
      output = [outFeatures];
      parameters = cur[0]! * outFeatures + outFeatures;
    }
    if (output.reduce((a, b) => a * b, 1) > 2 ** 24) fail(`its output ${shapeText(output)} has more than ${2 ** 24} values per example`);
    total += parameters;
    if (total > 100_000_000) fail(`the stack has ${total} parameters up to here, at most 100000000`);
    cur = output;
    out.push({ describe, output, parameters });
  });
  if (outputs === ANY_OUTPUTS) {
    if (cur.length !== 1)
      throw new LabError(`${path}[${layers.length - 1}] (${out.at(-1)?.describe ?? '?'}): the output is ${shapeText(cur)}, expected flat features; end with flatten or a linear layer`, 'INVALID_CONFIG');
    return out;
  }
  if (cur.length !== 1 || cur[0] !== outputs) {
    throw new LabError(
      `${path}[${layers.length - 1}] (${out.at(-1)?.describe ?? '?'}): the model's output is ${shapeText(cur)}, expected [${outputs}] (the data set's outputs); end with a linear layer${cur.length === 1 ? '' : ' after flatten'}`,
      'INVALID_CONFIG',
    );
  }
  return out;
}
