/**
 * The shapes of the computation graphs that computationGraph() (graph.ts) and the protocol's
 * `graph/compute` return (docs/autograd.md, "Computation graphs"). Types only, no native code: the
 * renderer's graph view uses them as they are.
 */
export interface GraphOrder {
  /** node ids in forward (topological) order */
  forward: number[];
  /** ids of the nodes a gradient reaches, output first */
  backward: number[];
  /** Graphviz DOT text: one line per node and one per edge */
  dot: string;
}

export interface ExpressionGraphNode {
  id: number;
  /** '+', '-', '*', '/', '^', 'neg', 'sin' … 'cosh', 'const' or 'var' */
  op: string;
  /** the variable's name, the constant as typed, or the op */
  label: string;
  /** the sub-expression this node computes, e.g. "w*x + b" */
  text: string;
  value: number;
  /** dL/d(node); null for constants (no gradient flows into them) */
  grad: number | null;
  inputs: number[];
  /** ∂(node)/∂(inputs[k]); null where the input is a constant */
  local: (number | null)[];
}

export interface ExpressionGraph extends GraphOrder {
  kind: 'expression';
  expression: string;
  /** L, the output's value */
  value: number;
  output: number;
  /** variable name → node id (each variable is one leaf) */
  variables: Record<string, number>;
  nodes: ExpressionGraphNode[];
  edges: { from: number; to: number; slot: number; local: number | null }[];
}

export interface NetworkGraphNode {
  id: number;
  /** 'input', 'param' or the tape op: 'matmul', 'bias_add', 'tanh', 'softmax_cross_entropy', 'mse' … */
  op: string;
  kind: 'input' | 'param' | 'op' | 'loss';
  /** 'x', 'label', 'target', a parameter ('layers.0.weight') or the op */
  name: string;
  shape: number[];
  /** all elements, row-major */
  value: number[];
  /** d loss / d value, all elements; null for data */
  grad: number[] | null;
  inputs: number[];
}

export interface NetworkGraph extends GraphOrder {
  kind: 'network';
  /** the row of the data set */
  example: number;
  /** "linear 2→3, tanh, linear 3→2" */
  model: string;
  label?: number;
  target?: number;
  loss: number;
  nodes: NetworkGraphNode[];
  edges: { from: number; to: number; slot: number }[];
}

export type ComputationGraph = ExpressionGraph | NetworkGraph;
