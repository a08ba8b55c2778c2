/**
 * Short names for the graph's nodes, shared by the boxes and the chain-rule panel: op symbols (× − ÷),
 * and a network's tensors as x, y, W₁, b₁, v₄ (an op's output, by node id), L (the loss).
 */
import type { NetworkNode } from './graphTypes';

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
export const subscript = (n: number) => String(n).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)]!);

export function opSymbol(op: string): string {
  return ({ '*': '×', '-': '−', '/': '÷', neg: '−' } as Record<string, string>)[op] ?? op;
}

export function networkSymbol(n: NetworkNode): string {
  const param = /^layers\.(\d+)\.(weight|bias)$/.exec(n.name);
  if (param) return `${param[2] === 'weight' ? 'W' : 'b'}${subscript(Number(param[1]) + 1)}`;
  if (n.kind === 'loss') return 'L';
  if (n.kind === 'input') return n.name === 'x' ? 'x' : n.name === 'label' ? 'y' : n.name === 'target' ? 't' : n.name;
  return `v${subscript(n.id)}`;
}
