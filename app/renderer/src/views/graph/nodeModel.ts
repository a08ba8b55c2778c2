/**
 * What each box of the graph shows, and how big it is, for both kinds of graph: a title (the op, in
 * words where it is a word), a caption (the sub-expression, or the tensor's shape), the value and the
 * gradient (a grid of numbers for tensors, trimmed to 4×4). Sizes are in SVG units from BOX, so layout.ts
 * can place the boxes before anything is drawn.
 */
import type { StringKey } from '../../i18n/strings';
import { formatShape } from './format';
import type { ComputationGraph, ExpressionNode, NetworkNode } from './graphTypes';
import { prettyExpr } from './chainRule';
import { networkSymbol, opSymbol } from './symbols';

type T = (key: StringKey, vars?: Record<string, string | number>) => string;

export const BOX = {
  pad: 12,
  title: 22,
  caption: 15,
  number: 17,
  rowLabel: 13,
  charWidth: 0.6,
  minWidth: 110,
  maxCells: 4,
  maxVector: 6,
  /** a tensor cell fits "−0.0228" (3 significant digits) plus a gap */
  cellChars: 8.4,
};

/** How a node's numbers are laid out: one scalar per line; a vector as a table (one row per element,
 *  value and gradient side by side); a matrix as a value grid above a gradient grid. */
export type NumberLayout = 'scalar' | 'vector' | 'matrix';

export const numberLayout = (n: { rows: number; cols: number }): NumberLayout => (n.rows * n.cols === 1 ? 'scalar' : n.rows === 1 ? 'vector' : 'matrix');

/** significant digits: scalars 4, tensor elements 3 (so a row of them stays narrow) */
export const digitsOf = (n: { rows: number; cols: number }) => (numberLayout(n) === 'scalar' ? 4 : 3);

export const CELL_WIDTH = BOX.cellChars * BOX.charWidth * BOX.number;
const ROW = BOX.number + 6;

/** Rows of a vector table (trimmed to maxVector, the last one "⋮"). */
export const vectorRows = (n: { cols: number }) => Math.min(n.cols, BOX.maxVector);

/** Height of the numbers part of a box (below title and caption). */
export function numbersHeight(n: { rows: number; cols: number; grads: unknown }): number {
  const hasGrad = n.grads !== null;
  switch (numberLayout(n)) {
    case 'scalar': return (hasGrad ? 2 : 1) * (BOX.number + 10);
    case 'vector': return BOX.rowLabel + 6 + vectorRows(n) * ROW;
    case 'matrix': return (hasGrad ? 2 : 1) * (BOX.rowLabel + 6 + Math.min(n.rows, BOX.maxCells) * ROW) + (hasGrad ? 4 : 0);
  }
}

function numbersWidth(n: { rows: number; cols: number; grads: unknown; rowLabelText: string }): number {
  switch (numberLayout(n)) {
    case 'scalar': return textWidth(n.rowLabelText, BOX.rowLabel) + 12 + 8 * BOX.charWidth * BOX.number;
    case 'vector': return (n.grads !== null ? 2 : 1) * Math.max(CELL_WIDTH, textWidth(n.rowLabelText, BOX.rowLabel) + 8);
    case 'matrix': return Math.min(n.cols, BOX.maxCells) * CELL_WIDTH;
  }
}

/** A long title on two lines, split at the space nearest its middle. */
export function titleLines(title: string): string[] {
  if (textWidth(title, BOX.title) <= 190 || !title.includes(' ')) return [title];
  const mid = title.length / 2;
  let best = -1;
  for (let i = 0; i < title.length; i++) if (title[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  return [title.slice(0, best), title.slice(best + 1)];
}

export interface DisplayNode {
  id: number;
  kind: 'var' | 'const' | 'op' | 'output' | 'input' | 'param' | 'loss';
  title: string;
  /** the title as drawn: one line, or two for a long one */
  titleLines: string[];
  /** a short symbol used in the chain-rule panel: w, w*x, W₁, v₄, L */
  symbol: string;
  caption: string;
  /** the title is a name (a variable, a parameter such as layers.0.weight), not a word to translate */
  titleIsName: boolean;
  /** the caption is a formula (monospace) rather than words */
  captionIsMath: boolean;
  /** the longer of the two row labels ("gradient"), for sizing */
  rowLabelText: string;
  /** rows × cols of the value grid (1 × 1 for scalars) */
  rows: number;
  cols: number;
  values: number[];
  grads: number[] | null;
  inputs: number[];
  width: number;
  height: number;
}

const WORD_OPS = new Set(['matmul', 'bias_add', 'add', 'mul', 'sum', 'mean', 'softmax_cross_entropy', 'mse', 'bce_with_logits', 'dropout', 'l2_penalty', 'l1_penalty', 'neg']);

function opTitle(op: string, t: T): string {
  return WORD_OPS.has(op) ? t(`graph.op.${op}` as StringKey) : op;
}

/** Estimated width of a text: CJK and full-width characters take a whole em, others ~0.6 em. */
export function textWidth(text: string, font: number): number {
  let ems = 0;
  for (const ch of text) ems += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1 : BOX.charWidth;
  return ems * font;
}

/** Grid dimensions of a tensor of this shape: a matrix as rows × cols, anything else as one row. */
export function gridOf(shape: number[]): { rows: number; cols: number } {
  if (shape.length === 2) return { rows: shape[0]!, cols: shape[1]! };
  return { rows: 1, cols: shape.reduce((a, b) => a * b, 1) };
}

function sized(n: Omit<DisplayNode, 'width' | 'height' | 'titleLines'>): DisplayNode {
  const lines = titleLines(n.title);
  const width = Math.max(BOX.minWidth, ...lines.map((l) => textWidth(l, BOX.title)), textWidth(n.caption, BOX.caption), numbersWidth(n)) + 2 * BOX.pad;
  const height = BOX.pad + lines.length * BOX.title + 8 + BOX.caption + 10 + numbersHeight(n) + BOX.pad - 4;
  return { ...n, titleLines: lines, width: Math.ceil(width), height: Math.ceil(height) };
}

function expressionNode(n: ExpressionNode, output: number, t: T): DisplayNode {
  const leaf = n.op === 'var' || n.op === 'const';
  const kind = n.op === 'var' ? 'var' : n.op === 'const' ? 'const' : n.id === output ? 'output' : 'op';
  return sized({
    id: n.id,
    kind,
    title: leaf ? n.label : opSymbol(n.op),
    titleIsName: true,
    rowLabelText: t('graph.grad'),
    symbol: n.text,
    caption: n.op === 'var' ? t('graph.kind.var') : n.op === 'const' ? t('graph.kind.const') : n.id === output ? `L = ${prettyExpr(n.text)}` : prettyExpr(n.text),
    captionIsMath: !leaf,
    rows: 1,
    cols: 1,
    values: [n.value],
    grads: n.grad === null ? null : [n.grad],
    inputs: n.inputs,
  });
}


function networkTitle(n: NetworkNode, t: T): string {
  if (n.kind === 'param') return networkSymbol(n);
  if (n.kind === 'input') return n.name === 'x' ? t('graph.name.x') : n.name === 'label' ? t('graph.name.label') : n.name === 'target' ? t('graph.name.target') : n.name;
  return opTitle(n.op, t);
}

function networkNode(n: NetworkNode, t: T): DisplayNode {
  const symbol = networkSymbol(n);
  const shape = n.shape.length === 0 ? t('graph.shape.scalar') : formatShape(n.shape);
  return sized({
    id: n.id,
    kind: n.kind,
    title: networkTitle(n, t),
    titleIsName: n.kind === 'param' || (n.kind !== 'input' && !WORD_OPS.has(n.op)),
    rowLabelText: t('graph.grad'),
    symbol,
    caption: n.kind === 'param' ? `${n.name} ${shape}` : `${symbol} · ${shape}`,
    captionIsMath: true,
    ...gridOf(n.shape),
    values: n.value,
    grads: n.grad,
    inputs: n.inputs,
  });
}

export function displayNodes(graph: ComputationGraph, t: T): DisplayNode[] {
  if (graph.kind === 'expression') return graph.nodes.map((n) => expressionNode(n, graph.output, t));
  return graph.nodes.map((n) => networkNode(n, t));
}
