/**
 * One node of the graph, drawn in SVG at its layout position: the op (or the variable / tensor name), a
 * caption (the sub-expression, or the symbol and shape), then its numbers — value and gradient, shown once
 * the stepper has revealed them, "?" before. A scalar has one line each; a vector is a table (a row per
 * element, value and gradient side by side); a matrix a value grid above a gradient grid (trimmed to 4×4).
 */
import { memo } from 'react';

import { useI18n } from '../../i18n/i18n';
import { compactNumber } from '../../../../../src/format/number';
import type { PlacedNode } from './layout';
import { BOX, CELL_WIDTH, digitsOf, numberLayout, vectorRows, type DisplayNode } from './nodeModel';

/** marks names and formulas as not to be translated (SVG's types lack the `translate` attribute) */
const NAME: Record<string, string> = { translate: 'no' };

export type NodeRole = 'current' | 'related' | 'none';

interface Props {
  node: DisplayNode;
  at: PlacedNode;
  showValue: boolean;
  showGrad: boolean;
  role: NodeRole;
  pass: 'forward' | 'backward' | null;
}

interface Cell {
  row: number;
  col: number;
  /** element index, or null for an ellipsis cell */
  index: number | null;
}

/** The cells to draw for a rows × cols grid, at most BOX.maxCells a side (the last one "…" if trimmed). */
export function cellsOf(rows: number, cols: number): Cell[] {
  const m = BOX.maxCells;
  const cells: Cell[] = [];
  for (let r = 0; r < Math.min(rows, m); r++) {
    for (let c = 0; c < Math.min(cols, m); c++) {
      const trimmed = (rows > m && r === m - 1) || (cols > m && c === m - 1);
      cells.push({ row: r, col: c, index: trimmed ? null : r * cols + c });
    }
  }
  return cells;
}

const ROW = BOX.number + 6;
const baseline = (top: number) => top + BOX.number * 0.85;

interface NumberProps {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  kind: 'value' | 'grad';
  index: number | null;
  numbers: number[] | null;
  shown: boolean;
  digits: number;
  ellipsis?: string;
}

function Num(p: NumberProps) {
  const text = p.index === null ? (p.ellipsis ?? '…') : p.shown ? compactNumber(p.numbers![p.index]!, p.digits) : '?';
  return (
    <text className={`num ${p.kind}${p.shown || p.index === null ? '' : ' hidden'}`} x={p.x} y={p.y} textAnchor={p.anchor} data-testid={p.shown && p.index !== null ? `node-${p.kind}` : undefined} data-index={p.index ?? undefined}>
      {text}
    </text>
  );
}

function Numbers({ node, top, showValue, showGrad }: { node: DisplayNode; top: number; showValue: boolean; showGrad: boolean }) {
  const { t } = useI18n();
  const digits = digitsOf(node);
  const hasGrad = node.grads !== null;
  const layout = numberLayout(node);
  if (layout === 'scalar') {
    const line = (kind: 'value' | 'grad', y: number) => (
      <g>
        <text className="row-label" x={BOX.pad} y={baseline(y) + 4}>
          {t(kind === 'value' ? 'graph.value' : 'graph.grad')}
        </text>
        <Num x={node.width - BOX.pad} y={baseline(y) + 4} anchor="end" kind={kind} index={0} numbers={kind === 'value' ? node.values : node.grads} shown={kind === 'value' ? showValue : showGrad} digits={digits} />
      </g>
    );
    return (
      <g>
        {line('value', top)}
        {hasGrad && line('grad', top + BOX.number + 10)}
      </g>
    );
  }
  if (layout === 'vector') {
    const columns = (hasGrad ? ['value', 'grad'] : ['value']) as ('value' | 'grad')[];
    const colWidth = (node.width - 2 * BOX.pad) / columns.length;
    const rows = vectorRows(node);
    const rowsTop = top + BOX.rowLabel + 6;
    return (
      <g>
        {columns.map((kind, c) => {
          const cx = BOX.pad + (c + 0.5) * colWidth;
          return (
            <g key={kind}>
              <text className="row-label" x={cx} y={top + BOX.rowLabel * 0.85} textAnchor="middle">
                {t(kind === 'value' ? 'graph.value' : 'graph.grad')}
              </text>
              {Array.from({ length: rows }, (_, r) => {
                const trimmed = node.cols > BOX.maxVector && r === rows - 1;
                return <Num key={r} x={cx} y={baseline(rowsTop + r * ROW)} anchor="middle" kind={kind} index={trimmed ? null : r} ellipsis="⋮" numbers={kind === 'value' ? node.values : node.grads} shown={kind === 'value' ? showValue : showGrad} digits={digits} />;
              })}
            </g>
          );
        })}
      </g>
    );
  }
  const sectionHeight = BOX.rowLabel + 6 + Math.min(node.rows, BOX.maxCells) * ROW + 4;
  const x0 = (node.width - Math.min(node.cols, BOX.maxCells) * CELL_WIDTH) / 2;
  const grid = (kind: 'value' | 'grad', y: number) => (
    <g>
      <text className="row-label" x={BOX.pad} y={y + BOX.rowLabel * 0.85}>
        {t(kind === 'value' ? 'graph.value' : 'graph.grad')}
      </text>
      {cellsOf(node.rows, node.cols).map((c) => (
        <Num key={`${c.row}.${c.col}`} x={x0 + (c.col + 0.5) * CELL_WIDTH} y={baseline(y + BOX.rowLabel + 6 + c.row * ROW)} anchor="middle" kind={kind} index={c.index} numbers={kind === 'value' ? node.values : node.grads} shown={kind === 'value' ? showValue : showGrad} digits={digits} />
      ))}
    </g>
  );
  return (
    <g>
      {grid('value', top)}
      {hasGrad && grid('grad', top + sectionHeight)}
    </g>
  );
}

export const NodeBox = memo(function NodeBox({ node, at, showValue, showGrad, role, pass }: Props) {
  const titleTop = BOX.pad;
  const captionY = BOX.pad + node.titleLines.length * BOX.title + 8 + BOX.caption * 0.85;
  const numbersTop = BOX.pad + node.titleLines.length * BOX.title + 8 + BOX.caption + 10;
  const classes = ['node', `kind-${node.kind}`, role !== 'none' ? `${role} ${pass ?? ''}` : '', showValue ? 'has-value' : ''].join(' ');
  return (
    <g className={classes} transform={`translate(${at.x} ${at.y})`} data-testid="graph-node" data-node-id={node.id} data-kind={node.kind}>
      <rect className="box" width={at.width} height={at.height} rx={10} />
      {node.titleLines.map((line, i) => (
        <text key={i} className={node.kind === 'var' ? 'title var' : 'title'} x={at.width / 2} y={titleTop + i * BOX.title + BOX.title * 0.82} textAnchor="middle" {...(node.titleIsName ? NAME : {})}>
          {line}
        </text>
      ))}
      <text className={node.captionIsMath ? 'caption math' : 'caption'} x={at.width / 2} y={captionY} textAnchor="middle" {...(node.captionIsMath ? NAME : {})}>
        {node.caption}
      </text>
      <Numbers node={node} top={numbersTop} showValue={showValue} showGrad={showGrad} />
    </g>
  );
});
