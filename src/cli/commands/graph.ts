/**
 * `gradlab graph`: the computation graph of the backprop lesson, after one forward and one backward pass.
 *   gradlab graph --expr "(w*x+b-y)^2" --set w=0.5,x=2,b=0.1,y=3 --format dot
 *   gradlab graph --network --dataset xor --layers 3 --activation tanh --example 0 --seed 1 --format json
 * Without --expr and --network: the default lesson L = (w*x + b - y)^2 at w=0.5, x=2, b=0.1, y=3.
 *   table (default): one row per node in forward order (id, op, name, shape, value, grad, inputs);
 *   json:            the graph (docs/autograd.md), without the DOT text;
 *   dot:             Graphviz text (render with `dot -Tsvg`).
 */
import { computationGraph, type ComputationGraph, type GraphConfig } from '../../native/index.js';
import { LabError } from '../../native/errors.js';
import { json, table, type Cell } from '../format.js';
import { parseNumberList, parseSettings } from '../parse-args.js';

export type GraphFormat = 'table' | 'json' | 'dot';
export const GRAPH_FORMATS: readonly GraphFormat[] = ['table', 'json', 'dot'];

export interface GraphArgs {
  expr?: string;
  set: string[];
  network?: boolean;
  dataset?: string;
  data: string[];
  layers: string;
  activation: string;
  example?: number;
  seed?: number;
  weights?: string;
  format: GraphFormat;
}

const NETWORK_ONLY = ['dataset', 'example', 'seed', 'weights'] as const;

export function graphConfig(a: GraphArgs): GraphConfig {
  if (!a.network) {
    for (const k of NETWORK_ONLY)
      if (a[k] !== undefined) throw new LabError(`--${k}: only with --network`, 'INVALID_CONFIG');
    if (a.data.length > 0) throw new LabError('--data: only with --network', 'INVALID_CONFIG');
    const values = parseSettings(a.set.flatMap((s) => s.split(',')).filter((s) => s.trim() !== ''), '--set');
    if (a.expr === undefined) {
      if (a.set.length > 0) throw new LabError('--set: give the expression too (--expr)', 'INVALID_CONFIG');
      return {};
    }
    return { expression: a.expr, values };
  }
  if (a.expr !== undefined) throw new LabError('--expr: not with --network', 'INVALID_CONFIG');
  if (a.set.length > 0) throw new LabError('--set: not with --network (data set settings: --data name=value)', 'INVALID_CONFIG');
  if (a.dataset === undefined) throw new LabError('--dataset: required with --network, e.g. --dataset xor', 'INVALID_CONFIG');
  const activations = a.activation.split(',').map((s) => s.trim());
  type Net = Extract<GraphConfig, { kind: 'network' }>;
  return {
    kind: 'network',
    dataset: { name: a.dataset, ...parseSettings(a.data, '--data') } as Net['dataset'],
    model: {
      hidden: parseNumberList(a.layers, '--layers'),
      activation: (activations.length === 1 ? activations[0] : activations) as NonNullable<Net['model']>['activation'],
    },
    ...(a.example !== undefined ? { example: a.example } : {}),
    ...(a.seed !== undefined ? { seed: a.seed } : {}),
    ...(a.weights !== undefined ? { weights: a.weights } : {}),
  };
}

const shown = (v: number | number[] | null): Cell =>
  v === null ? null : typeof v === 'number' ? v : v.length === 1 ? v[0] : `${v.length} values`;

function nodeRows(g: ComputationGraph): Cell[][] {
  if (g.kind === 'expression')
    return g.nodes.map((n) => [n.id, n.op, n.text, '', n.value, n.grad, n.inputs.join(' ')]);
  return g.nodes.map((n) => [n.id, n.op, n.name, `[${n.shape.join(', ')}]`, shown(n.value), shown(n.grad), n.inputs.join(' ')]);
}

export function graphCommand(a: GraphArgs): string {
  const g = computationGraph(graphConfig(a));
  if (a.format === 'dot') return g.dot;
  const { dot: _dot, ...rest } = g;
  if (a.format === 'json') return json(rest);
  const head = g.kind === 'expression' ? `${g.expression} = ${g.value}` : `${g.model}, example ${g.example}: loss ${g.loss}`;
  return `${head}\n\n` + table(['id', 'op', g.kind === 'expression' ? 'computes' : 'name', 'shape', 'value', 'grad', 'inputs'], nodeRows(g));
}
