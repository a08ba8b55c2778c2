/**
 * The computation graphs as `graph/compute` returns them (docs/autograd.md, "Computation graphs"). The
 * shapes come from src/native/graph-types.ts (types only: nothing of the engine is loaded here).
 */

import type { ExpressionGraphNode, NetworkGraphNode } from '../../../../../src/native/graph-types';

export type { ComputationGraph, ExpressionGraph, NetworkGraph } from '../../../../../src/native/graph-types';
export type ExpressionNode = ExpressionGraphNode;
export type NetworkNode = NetworkGraphNode;

/** What the view asks for (ExpressionGraphConfigSchema / NetworkGraphConfigSchema in src/native/schemas.ts). */
export type GraphRequest =
  | { kind: 'expression'; expression: string; values: Record<string, number> }
  | { kind: 'network'; dataset: string; model: { hidden: number[]; activation: string }; seed: number; example: number };
