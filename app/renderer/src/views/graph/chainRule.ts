/**
 * The numbers behind one step, as lines of math for the chain-rule panel (pure: no React, no DOM).
 * Forward: how the node's value comes from its inputs' values. Backward: ∂L/∂node as the sum over its
 * consumers c of ∂L/∂c · ∂c/∂node, with the actual numbers. For expressions the local derivatives come
 * from the graph JSON (`edges[].local`); for a network's tensors the panel shows each op's rule and works
 * out the first element from the values and gradients the JSON holds.
 */
import { compactNumber as f } from '../../../../../src/format/number';
import type { ExpressionGraph, NetworkGraph, NetworkNode } from './graphTypes';
import { networkSymbol, opSymbol } from './symbols';

export interface MathLine {
  math: string;
  /** a string key's text the view adds under the line (seed, leaf, constant, sum) */
  note?: 'seed' | 'leaf' | 'constant' | 'sum' | 'element';
  /** for note 'sum': how many consumers */
  count?: number;
}

/** "w*x + b" → "w·x + b" with real minus signs. */
export function prettyExpr(text: string): string {
  return text.replace(/\*/g, '·').replace(/-/g, '−');
}

const isAtom = (s: string) => /^[\p{L}\p{N}_.₀-₉]+(\[[\d,]+\])?$/u.test(s);
const wrap = (s: string) => (isAtom(s) ? s : `(${s})`);
const operand = (v: number) => (v < 0 ? `(${f(v)})` : f(v));
const d = (of: string, by: string) => `∂${wrap(of)}/∂${wrap(by)}`;
const dL = (by: string) => `∂L/∂${wrap(by)}`;
const worked = (math: string): MathLine => ({ math, note: 'element' });

/** ∂(op)/∂(input slot) as a formula in the operands' texts. */
export function localRule(op: string, slot: number, a: string, b: string): string {
  const A = wrap(a);
  const B = wrap(b);
  switch (op) {
    case '+': return '1';
    case '-': return slot === 0 ? '1' : '−1';
    case '*': return slot === 0 ? b : a;
    case '/': return slot === 0 ? `1/${B}` : `−${A}/${B}²`;
    case '^': return slot === 0 ? `${B}·${A}^(${B}−1)` : `${A}^${B}·ln ${A}`;
    case 'neg': return '−1';
    case 'sin': return `cos(${a})`;
    case 'cos': return `−sin(${a})`;
    case 'tan': return `1/cos²(${a})`;
    case 'exp': return `exp(${a})`;
    case 'log': return `1/${A}`;
    case 'sqrt': return `1/(2·sqrt(${a}))`;
    case 'abs': return `sign(${a})`;
    case 'tanh': return `1 − tanh²(${a})`;
    case 'atan': return `1/(1 + ${A}²)`;
    case 'sinh': return `cosh(${a})`;
    case 'cosh': return `sinh(${a})`;
    default: return d(`${op}(${a})`, a);
  }
}

export function expressionForward(g: ExpressionGraph, id: number): MathLine[] {
  const n = g.nodes[id]!;
  if (n.op === 'var') return [{ math: `${n.label} = ${f(n.value)}`, note: 'leaf' }];
  if (n.op === 'const') return [{ math: n.label, note: 'constant' }];
  const [a, b] = n.inputs.map((i) => g.nodes[i]!.value);
  const text = prettyExpr(n.text);
  if (n.inputs.length === 2) {
    const expr = n.op === '^' ? `${operand(a!)}^${operand(b!)}` : `${operand(a!)} ${opSymbol(n.op)} ${operand(b!)}`;
    return [{ math: `${text} = ${expr} = ${f(n.value)}` }];
  }
  const expr = n.op === 'neg' ? `−${operand(a!)}` : `${n.op}(${f(a!)})`;
  return [{ math: `${text} = ${expr} = ${f(n.value)}` }];
}

export function expressionBackward(g: ExpressionGraph, id: number): MathLine[] {
  const n = g.nodes[id]!;
  const me = prettyExpr(n.text);
  if (id === g.output) return [{ math: `${dL('L')} = 1`, note: 'seed' }];
  const uses = g.edges.filter((e) => e.from === id);
  const symbolic = uses.map((e) => `${dL(prettyExpr(g.nodes[e.to]!.text))} · ${d(prettyExpr(g.nodes[e.to]!.text), me)}`);
  const numeric = uses.map((e) => `${operand(g.nodes[e.to]!.grad ?? 0)} × ${operand(e.local ?? 0)}`);
  const lines: MathLine[] = [{ math: `${dL(me)} = ${symbolic.join(' + ')}` }, { math: `= ${numeric.join(' + ')} = ${f(n.grad ?? 0)}` }];
  for (const e of uses) {
    const c = g.nodes[e.to]!;
    const [a, b] = c.inputs.map((i) => prettyExpr(g.nodes[i]!.text));
    const rule = localRule(c.op, e.slot, a!, b ?? '');
    const value = f(e.local ?? 0);
    lines.push({ math: `${d(prettyExpr(c.text), me)} = ${rule === value ? value : `${rule} = ${value}`}` });
  }
  if (uses.length > 1) lines.push({ math: '', note: 'sum', count: uses.length });
  return lines;
}

// ---- networks -----------------------------------------------------------------------------------------


const first = (n: NetworkNode) => `${networkSymbol(n)}${n.shape.length === 2 ? '[0,0]' : n.shape.length === 1 ? '[0]' : ''}`;
const cols = (n: NetworkNode) => (n.shape.length === 2 ? n.shape[1]! : n.value.length);
const rows = (n: NetworkNode) => (n.shape.length === 2 ? n.shape[0]! : 1);
const sumText = (terms: string[]) => (terms.length > 4 ? `${terms.slice(0, 3).join(' + ')} + …` : terms.join(' + '));

function softmaxRow(z: number[], width: number): number[] {
  const row = z.slice(0, width);
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export function networkForward(g: NetworkGraph, id: number): MathLine[] {
  const n = g.nodes[id]!;
  const C = networkSymbol(n);
  const ins = n.inputs.map((i) => g.nodes[i]!);
  const [A, B] = ins;
  if (n.kind === 'input' || n.kind === 'param') return [{ math: `${C} = ${n.value.length === 1 ? f(n.value[0]!) : '[…]'}`, note: 'leaf' }];
  switch (n.op) {
    case 'matmul': {
      const I = cols(A!);
      const O = cols(B!);
      const terms = Array.from({ length: I }, (_, i) => `${operand(A!.value[i]!)} × ${operand(B!.value[i * O]!)}`);
      return [{ math: `${C} = ${networkSymbol(A!)} · ${networkSymbol(B!)}` }, { math: `${first(n)} = ${sumText(terms)} = ${f(n.value[0]!)}`, note: 'element' }];
    }
    case 'bias_add':
    case 'add':
      return [{ math: `${C} = ${networkSymbol(A!)} + ${networkSymbol(B!)}` }, { math: `${first(n)} = ${operand(A!.value[0]!)} + ${operand(B!.value[0]!)} = ${f(n.value[0]!)}`, note: 'element' }];
    case 'mul':
      return [{ math: `${C} = ${networkSymbol(A!)} ⊙ ${networkSymbol(B!)}` }, { math: `${first(n)} = ${operand(A!.value[0]!)} × ${operand(B!.value[0]!)} = ${f(n.value[0]!)}`, note: 'element' }];
    case 'softmax_cross_entropy': {
      const label = B!.value[0]!;
      const p = softmaxRow(A!.value, cols(A!));
      return [
        { math: `L = −log softmax(${networkSymbol(A!)})[y]` },
        { math: `softmax(${networkSymbol(A!)}) = [${p.map((v) => f(v)).join(', ')}],  y = ${label}` },
        { math: `L = −log ${f(p[label] ?? NaN)} = ${f(n.value[0]!)}` },
      ];
    }
    case 'mse':
      return [{ math: `L = mean((${networkSymbol(A!)} − t)²) = ${f(n.value[0]!)}` }];
    default:
      if (ins.length === 1) return [{ math: `${C} = ${n.op}(${networkSymbol(A!)})` }, { math: `${first(n)} = ${n.op}(${f(A!.value[0]!)}) = ${f(n.value[0]!)}`, note: 'element' }];
      return [{ math: `${C} = ${n.op}(${ins.map(networkSymbol).join(', ')})` }];
  }
}

/** One consumer's share of ∂L/∂node: the op's rule, then its first element worked out. */
function networkTerm(g: NetworkGraph, n: NetworkNode, c: NetworkNode, slot: number): MathLine[] {
  const me = networkSymbol(n);
  const C = networkSymbol(c);
  const dC = c.grad ?? [];
  const [A, B] = c.inputs.map((i) => g.nodes[i]!);
  switch (c.op) {
    case 'matmul': {
      if (slot === 0) {
        const O = cols(B!);
        const terms = Array.from({ length: O }, (_, o) => `${operand(dC[o]!)} × ${operand(B!.value[o]!)}`);
        const sum = Array.from({ length: O }, (_, o) => dC[o]! * B!.value[o]!).reduce((a, b) => a + b, 0);
        return [{ math: `${dL(me)} = ${dL(C)} · ${networkSymbol(B!)}ᵀ` }, worked(`${dL(first(n))} = ${sumText(terms)} = ${f(sum)}`)];
      }
      const Bn = rows(A!);
      const I = cols(A!);
      const O = cols(c);
      const terms = Array.from({ length: Bn }, (_, b) => `${operand(A!.value[b * I]!)} × ${operand(dC[b * O]!)}`);
      const sum = Array.from({ length: Bn }, (_, b) => A!.value[b * I]! * dC[b * O]!).reduce((a, b) => a + b, 0);
      return [{ math: `${dL(me)} = ${networkSymbol(A!)}ᵀ · ${dL(C)}` }, worked(`${dL(first(n))} = ${sumText(terms)} = ${f(sum)}`)];
    }
    case 'bias_add':
    case 'add': {
      if (slot === 0 || c.op === 'add') return [{ math: `${dL(me)} = ${dL(C)}` }, worked(`${dL(first(n))} = ${dL(first(c))} = ${f(dC[0]!)}`)];
      const O = cols(c);
      const terms = Array.from({ length: rows(c) }, (_, b) => (rows(c) === 1 ? `${dL(first(c))}` : f(dC[b * O]!)));
      const sum = Array.from({ length: rows(c) }, (_, b) => dC[b * O]!).reduce((a, b) => a + b, 0);
      return [{ math: `${dL(me)} = Σ ${dL(C)}` }, worked(`${dL(first(n))} = ${sumText(terms)} = ${f(sum)}`)];
    }
    case 'mul': {
      const other = slot === 0 ? B! : A!;
      return [{ math: `${dL(me)} = ${dL(C)} ⊙ ${networkSymbol(other)}` }, worked(`${dL(first(n))} = ${operand(dC[0]!)} × ${operand(other.value[0]!)} = ${f(dC[0]! * other.value[0]!)}`)];
    }
    case 'tanh': {
      const y = c.value[0]!;
      return [{ math: `${dL(me)} = ${dL(C)} ⊙ (1 − ${C}²)` }, worked(`${dL(first(n))} = ${operand(dC[0]!)} × (1 − ${operand(y)}²) = ${f(dC[0]! * (1 - y * y))}`)];
    }
    case 'sigmoid': {
      const y = c.value[0]!;
      return [{ math: `${dL(me)} = ${dL(C)} ⊙ ${C}(1 − ${C})` }, worked(`${dL(first(n))} = ${operand(dC[0]!)} × ${operand(y)} × (1 − ${operand(y)}) = ${f(dC[0]! * y * (1 - y))}`)];
    }
    case 'relu': {
      const on = n.value[0]! > 0 ? 1 : 0;
      return [{ math: `${dL(me)} = ${dL(C)} ⊙ [${me} > 0]` }, worked(`${dL(first(n))} = ${operand(dC[0]!)} × ${on} = ${f(dC[0]! * on)}`)];
    }
    case 'softmax_cross_entropy': {
      const K = cols(n);
      const label = B!.value[0]!;
      const p = softmaxRow(n.value, K);
      const Bn = rows(n);
      const v = ((p[0]! - (label === 0 ? 1 : 0)) / Bn) * (dC[0] ?? 1);
      return [
        { math: `${dL(me)} = (softmax(${me}) − e_y) / B` },
        worked(`${dL(first(n))} = (${f(p[0]!)} − ${label === 0 ? 1 : 0}) / ${Bn} = ${f(v)}`),
      ];
    }
    case 'mse': {
      const t = B!.value[0]!;
      const N = n.value.length;
      return [{ math: `${dL(me)} = 2(${me} − t) / N` }, worked(`${dL(first(n))} = 2 × (${f(n.value[0]!)} − ${operand(t)}) / ${N} = ${f((2 * (n.value[0]! - t)) / N)}`)];
    }
    default:
      return [{ math: `${dL(me)} = ${dL(C)} · ${d(C, me)}` }];
  }
}

export function networkBackward(g: NetworkGraph, id: number): MathLine[] {
  const n = g.nodes[id]!;
  if (n.kind === 'loss') return [{ math: `${dL('L')} = 1`, note: 'seed' }];
  const uses = g.edges.filter((e) => e.from === id);
  const lines = uses.flatMap((e) => networkTerm(g, n, g.nodes[e.to]!, e.slot));
  if (uses.length > 1) lines.push({ math: '', note: 'sum', count: uses.length });
  return lines;
}
