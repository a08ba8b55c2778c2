/**
 * 2-D landscapes: the built-in list, single-point evaluation, a formula's description (or its syntax
 * error with the position), and grid evaluation for contour maps (on the engine's thread pool).
 */
import { native, type NativeGridResult, type NativeLandscapeInfo, type NativeOptimizerInfo } from './binding.js';
import { FunctionSpecSchema, parseGridRequest, type FunctionSpec, type GridRequest } from './schemas.js';
import { parseOrThrow } from './validate.js';

export type LandscapeInfo = NativeLandscapeInfo;
export type OptimizerInfo = NativeOptimizerInfo;
export type GridResult = NativeGridResult;

export interface FunctionDescription {
  name: string;
  formula: string;
  minima: { x: number; y: number; f: number }[];
  start: [number, number];
  bounds: { xmin: number; xmax: number; ymin: number; ymax: number };
  /** a formula's compiled postfix program, [op, constant] per instruction (empty for a built-in) */
  program: [string, number][];
}

export const listLandscapes = (): LandscapeInfo[] => native().listLandscapes();
export const listOptimizers = (): OptimizerInfo[] => native().listOptimizers();

/** f and ∇f at one point. */
export function evaluate(fn: FunctionSpec, x: number, y: number): { f: number; gx: number; gy: number } {
  return native().evaluate(parseOrThrow(FunctionSpecSchema, fn, 'function'), x, y);
}

/** Compiles a function (throws FORMULA_SYNTAX with the position for a malformed formula). */
export function describeFunction(fn: FunctionSpec): FunctionDescription {
  return native().describeFunction(parseOrThrow(FunctionSpecSchema, fn, 'function')) as FunctionDescription;
}

/** f on a width×height grid; values[row * width + col], row 0 at ymin, col 0 at xmin. */
export async function evaluateGrid(request: GridRequest): Promise<GridResult> {
  return native().evaluateGrid(parseGridRequest(request));
}
