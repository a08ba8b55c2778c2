/**
 * The computation graphs as `graph/compute` returns them (docs/autograd.md, "Computation graphs"). The
 * renderer never imports src/native, so the JSON's shape is restated here; keep it in step with
 * src/native/graph.ts.
 */

export interface ExpressionNode {
  id: number;
  /** '+', '-', '*', '/', '^', 'neg', 'sin' … 'cosh', 'const' or 'var' */
  op: string;
  /** the variable's name, the constant as typed, or the op */
  label: string;
  /** the sub-expression this node computes, e.g. "w*x + b" */
  text: string;
  value: number;
  /** dL/d(node); null for constants */
  grad: number | null;
  inputs: number[];
  /** ∂(node)/∂(inputs[k]); null where the input is a constant */
  local: (number | null)[];
}

export interface ExpressionGraph {
  kind: 'expression';
  expression: string;
  value: number;
  output: number;
  variables: Record<string, number>;
  nodes: ExpressionNode[];
  edges: { from: number; to: number; slot: number; local: number | null }[];
  forward: number[];
  backward: number[];
}

export interface NetworkNode {
  id: number;
  /** 'input', 'param' or the tape op: 'matmul', 'bias_add', 'tanh', 'softmax_cross_entropy', 'mse' … */
  op: string;
  kind: 'input' | 'param' | 'op' | 'loss';
  /** 'x', 'label', 'target', a parameter ('layers.0.weight') or the op */
  name: string;
  shape: number[];
  /** all elements, row-major */
  value: number[];
  /** d loss / d value; null for data */
  grad: number[] | null;
  inputs: number[];
}

export interface NetworkGraph {
  kind: 'network';
  example: number;
  /** "linear 2→3, tanh, linear 3→2" */
  model: string;
  label?: number;
  target?: number;
  loss: number;
  nodes: NetworkNode[];
  edges: { from: number; to: number; slot: number }[];
  forward: number[];
  backward: number[];
}

export type ComputationGraph = ExpressionGraph | NetworkGraph;

/** What the view asks for (ExpressionGraphConfigSchema / NetworkGraphConfigSchema in src/native/schemas.ts). */
export type GraphRequest =
  | { kind: 'expression'; expression: string; values: Record<string, number> }
  | { kind: 'network'; dataset: string; model: { hidden: number[]; activation: string }; seed: number; example: number };
