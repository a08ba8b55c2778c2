/**
 * One node of the graph, drawn in SVG at its layout position: the op (or the variable / tensor name), a
 * caption (the sub-expression, or the symbol and shape), then the value and the gradient — numbers once
 * the stepper has revealed them, "?" before. Tensors show as a grid (trimmed to 4×4 with "…").
 */
import { memo } from 'react';

import { useI18n } from '../../i18n/i18n';
import { formatNumber } from './format';
import { BOX, digitsOf, isInline, sectionHeight, type DisplayNode } from './nodeModel';
import type { PlacedNode } from './layout';

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
  const shownRows = Math.min(rows, m);
  const shownCols = Math.min(cols, m);
  const cells: Cell[] = [];
  for (let r = 0; r < shownRows; r++) {
    for (let c = 0; c < shownCols; c++) {
      const trimmed = (rows > m && r === m - 1) || (cols > m && c === m - 1);
      cells.push({ row: r, col: c, index: trimmed ? null : r * cols + c });
    }
  }
  return cells;
}

function Section(p: { label: string; y: number; node: DisplayNode; numbers: number[] | null; shown: boolean; kind: 'value' | 'grad' }) {
  const digits = digitsOf(p.node);
  const text = (i: number) => (p.shown ? formatNumber(p.numbers![i]!, digits) : '?');
  const testId = p.shown ? `node-${p.kind}` : undefined;
  if (isInline(p.node)) {
    const baseline = p.y + BOX.number * 0.85 + 4;
    return (
      <g className={`section ${p.kind}`}>
        <text className="row-label" x={BOX.pad} y={baseline}>
          {p.label}
        </text>
        <text className={p.shown ? 'num' : 'num hidden'} x={p.node.width - BOX.pad} y={baseline} textAnchor="end" data-testid={testId} data-index={0}>
          {text(0)}
        </text>
      </g>
    );
  }
  const cellWidth = BOX.cellChars * BOX.number * BOX.charWidth;
  const shownCols = Math.min(p.node.cols, BOX.maxCells);
  const x0 = (p.node.width - shownCols * cellWidth) / 2;
  const rowsTop = p.y + BOX.rowLabel + 6;
  return (
    <g className={`section ${p.kind}`}>
      <text className="row-label" x={BOX.pad} y={p.y + BOX.rowLabel * 0.85}>
        {p.label}
      </text>
      {cellsOf(p.node.rows, p.node.cols).map((c) => (
        <text
          key={`${c.row}.${c.col}`}
          className={p.shown ? 'num' : 'num hidden'}
          x={x0 + (c.col + 0.5) * cellWidth}
          y={rowsTop + c.row * (BOX.number + 6) + BOX.number * 0.85}
          textAnchor="middle"
          data-testid={c.index !== null ? testId : undefined}
          data-index={c.index ?? undefined}
        >
          {c.index === null ? '…' : text(c.index)}
        </text>
      ))}
    </g>
  );
}

export const NodeBox = memo(function NodeBox({ node, at, showValue, showGrad, role, pass }: Props) {
  const { t } = useI18n();
  const titleY = BOX.pad + BOX.title * 0.82;
  const captionY = BOX.pad + BOX.title + 8 + BOX.caption * 0.85;
  const valueY = BOX.pad + BOX.title + 8 + BOX.caption + 10;
  const section = sectionHeight(node);
  const classes = ['node', `kind-${node.kind}`, role !== 'none' ? `${role} ${pass ?? ''}` : '', showValue ? 'has-value' : ''].join(' ');
  return (
    <g className={classes} transform={`translate(${at.x} ${at.y})`} data-testid="graph-node" data-node-id={node.id} data-kind={node.kind}>
      <rect className="box" width={at.width} height={at.height} rx={10} />
      <text className={node.kind === 'var' ? 'title var' : 'title'} x={at.width / 2} y={titleY} textAnchor="middle" {...(node.titleIsName ? NAME : {})}>
        {node.title}
      </text>
      <text className={node.captionIsMath ? 'caption math' : 'caption'} x={at.width / 2} y={captionY} textAnchor="middle" {...(node.captionIsMath ? NAME : {})}>
        {node.caption}
      </text>
      <Section label={t('graph.value')} y={valueY} node={node} numbers={node.values} shown={showValue} kind="value" />
      {node.grads !== null && <Section label={t('graph.grad')} y={valueY + section + 4} node={node} numbers={node.grads} shown={showGrad} kind="grad" />}
    </g>
  );
});
