/**
 * The backprop lesson's computation graphs (docs/autograd.md, "Computation graphs"):
 *   computationGraph({ expression: '(w*x + b - y)^2', values: { w: 0.5, x: 2, b: 0.1, y: 3 } })
 *   computationGraph({ kind: 'network', dataset: 'xor', model: { hidden: [3] }, example: 0 })
 * Each comes with values and gradients after one forward and one backward pass, the forward order of
 * its nodes (a topological order) and the backward order, and `dot`, its Graphviz text.
 */
import { native } from './binding.js';
import type { ComputationGraph, ExpressionGraph, NetworkGraph } from './graph-types.js';
import { parseGraphConfig, type ExpressionGraphConfig, type GraphConfig, type NetworkGraphConfig } from './schemas.js';

export type { ComputationGraph, ExpressionGraph, ExpressionGraphNode, NetworkGraph, NetworkGraphNode } from './graph-types.js';

/** Builds the graph; LabError INVALID_CONFIG names the field, FORMULA_SYNTAX carries `.position`. */
export function computationGraph(config: NetworkGraphConfig): NetworkGraph;
export function computationGraph(config?: ExpressionGraphConfig): ExpressionGraph;
export function computationGraph(config?: GraphConfig): ComputationGraph;
export function computationGraph(config: GraphConfig = {}): ComputationGraph {
  return native().computationGraph(parseGraphConfig(config)) as ComputationGraph;
}
