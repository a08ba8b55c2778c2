/**
 * The one loader of the native addon (build/addon/Release/gradlab.node), and the raw, untyped-ish
 * surface it exports. Everything else goes through the typed API in this folder (index.ts); only this
 * file knows where the binary lives. Set GRADLAB_ADDON to load a different build (e.g. an ASan one).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { LabError } from './errors.js';
import type { NativeEvent } from './events.js';

export interface NativeHyperParam {
  name: string;
  default: number | boolean;
  kind: 'number' | 'integer' | 'boolean';
  min: number | null;
  max: number | null;
  minExclusive: boolean;
  maxExclusive: boolean;
  doc: string;
}

export interface NativeOptimizerInfo {
  type: string;
  title: string;
  formula: string;
  paper: string;
  hypers: NativeHyperParam[];
  state: string[];
}

export interface NativeLandscapeInfo {
  name: string;
  title: string;
  formula: string;
  params: NativeHyperParam[];
  minima: { x: number; y: number; f: number }[];
  start: [number, number];
  bounds: { xmin: number; xmax: number; ymin: number; ymax: number };
  note: string;
}

export interface NativeSessionHandle {
  pause(): void;
  resume(): void;
  hold(on: boolean): void;
  step(): void;
  stop(): void;
  update(update: unknown): void;
}

export interface NativeGridResult {
  values: Float64Array;
  width: number;
  height: number;
  bounds: { xmin: number; xmax: number; ymin: number; ymax: number };
  min: number;
  max: number;
  nonFinite: number;
}

export interface NativeDatasetInfo {
  name: string;
  kind: 'classification' | 'regression';
  description: string;
  params: NativeHyperParam[];
  view: { xmin: number; xmax: number; ymin: number; ymax: number };
  /** image sets: [channels, rows, cols] of each example (x holds them flattened) */
  image?: [number, number, number];
}

export interface NativeDataset {
  name: string;
  kind: 'classification' | 'regression';
  /** inputs per sample: 2 (classification in the plane) or 1 (regression on a line) */
  d: number;
  /** K for classification, 0 for regression */
  classes: number;
  /** rows [0, nTrain) are the training set, the rest the test set */
  nTrain: number;
  /** n×d inputs, row-major */
  x: Float32Array;
  labels: Int32Array | null;
  y: Float32Array | null;
  view: { xmin: number; xmax: number; ymin: number; ymax: number };
}

export interface NativeAddon {
  abiVersion: number;
  setErrorClass(cls: typeof LabError): void;
  /** Where the engine reads the files built with it (build/data: digits.u8). */
  setDataDirectory(dir: string): void;
  listOptimizers(): NativeOptimizerInfo[];
  listLandscapes(): NativeLandscapeInfo[];
  resolveRace(config: unknown): unknown;
  /** The weights file a run of lab `kind` with `config` starts from (what a PyTorch export embeds). */
  labInitialWeights(kind: string, config: unknown): Buffer;
  evaluate(fn: unknown, x: number, y: number): { f: number; gx: number; gy: number };
  describeFunction(fn: unknown): unknown;
  evaluateGrid(request: unknown): Promise<NativeGridResult>;
  listDatasets(): NativeDatasetInfo[];
  makeDataset(spec: unknown): NativeDataset;
  computationGraph(config: unknown): unknown;
  /** A grid world solved by value or policy iteration (native/core/rl/gridworld_solve.hpp). */
  solveGridworld(config: unknown): unknown;
  /** One cell's Bellman backup with its numbers (native/core/rl/gridworld_solve.hpp). */
  gridworldBackup(request: unknown): unknown;
  /** The cart-pole stepped through given actions (native/core/rl/cartpole.hpp). */
  cartpoleRollout(config: unknown): unknown;
  /** One MCTS search from a board (native/core/mcts/move.hpp). */
  mctsMove(config: unknown): unknown;
  /** A learner trained on the cart-pole (native/core/rl/cartpole_learn.hpp); synchronous. */
  trainCartpole(config: unknown): unknown;
  /** Self-play training of the AlphaZero-style agent (native/core/az/az_train.hpp). */
  trainAz(config: unknown): unknown;
  /** A VAE trained on an image set (native/core/gen/vae.hpp); synchronous. */
  trainVae(config: unknown): unknown;
  /** A GAN trained on a 2-D distribution (native/core/gen/gan.hpp); synchronous. */
  trainGan(config: unknown): unknown;
  /** An RNN, LSTM or GRU trained on a text or a sequence task (native/core/seq/seq_train.hpp); synchronous. */
  trainSeq(config: unknown): unknown;
  /** A transformer trained on a sequence task (native/core/seq/attn_train.hpp); synchronous. */
  trainAttention(config: unknown): unknown;
  NativeSession: new (
    kind: string,
    config: unknown,
    options: unknown,
    onEvent: (ev: NativeEvent) => void,
  ) => NativeSessionHandle;
  /** A "features" frame of a probe through the network of a training config (weights from init_weights). */
  probeLab(kind: string, config: unknown, probe: unknown): { name: string; step: number; meta: Record<string, unknown>; shape: number[]; data: Float32Array };
  /** Sessions whose native state still exists, in the whole process (every worker thread counted). */
  liveSessions(): number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Walks up from this file to the package root (the folder holding package.json). */
export function packageRoot(): string {
  let dir = here;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return here;
    dir = up;
  }
  return dir;
}

let cached: NativeAddon | undefined;

export function addonPath(): string {
  return process.env.GRADLAB_ADDON ?? path.join(packageRoot(), 'build', 'addon', 'Release', 'gradlab.node');
}

/**
 * The folder of the data files built by `npm install` (build/data), or $GRADLAB_DATA_DIR. Inside a
 * packaged app it is the unpacked copy beside app.asar, since the engine opens the files itself.
 */
export function dataDirectory(): string {
  return process.env.GRADLAB_DATA_DIR ?? path.join(packageRoot(), 'build', 'data').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

/** Loads the addon once; throws LabError NATIVE_LOAD with what to do when it is missing or broken. */
export function native(): NativeAddon {
  if (cached) return cached;
  const file = addonPath();
  if (!existsSync(file)) {
    throw new LabError(
      `The native engine is not built (${file} is missing): run \`npm install\` (or \`npm run build:native\`) in the project folder.`,
      'NATIVE_LOAD',
    );
  }
  try {
    const loaded = createRequire(import.meta.url)(file) as NativeAddon;
    loaded.setErrorClass(LabError);
    loaded.setDataDirectory(dataDirectory());
    cached = loaded;
    return loaded;
  } catch (e) {
    throw new LabError(
      `The native engine at ${file} could not be loaded (${(e as Error).message}): rebuild it with \`npm run build:native\`.`,
      'NATIVE_LOAD',
    );
  }
}
