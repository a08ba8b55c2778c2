/**
 * A matrix as a heatmap: rows × cols cells, each value's colour from `color` (attention weights in
 * [0, 1] from white to the accent; a positional table in [−1, 1] blue–white–red). Optional row and column
 * labels (tokens) on the left and at the top; a clicked row is reported (onRow) and outlined.
 */
import { useEffect, useRef } from 'react';

export interface MatrixCanvasProps {
  data: ArrayLike<number>;
  offset?: number;
  rows: number;
  cols: number;
  cell: number;
  color: (v: number) => [number, number, number];
  rowLabels?: string[];
  colLabels?: string[];
  selectedRow?: number | null;
  onRow?: (row: number) => void;
  testId: string;
  label: string;
}

export function MatrixCanvas(p: MatrixCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const pad = p.rowLabels ? 14 : 0;
  const { data, offset, rows, cols, cell, color, rowLabels, colLabels, selectedRow } = p;
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const w = pad + cols * cell;
    const h = pad + rows * cell;
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
    c.style.width = `${w}px`;
    c.style.height = `${h}px`;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const off = offset ?? 0;
    for (let r = 0; r < rows; r++)
      for (let k = 0; k < cols; k++) {
        const [R, G, B] = color(data[off + r * cols + k]!);
        ctx.fillStyle = `rgb(${R}, ${G}, ${B})`;
        ctx.fillRect(pad + k * cell, pad + r * cell, cell, cell);
      }
    const cs = getComputedStyle(c);
    ctx.fillStyle = cs.color;
    ctx.font = `${Math.max(8, Math.min(11, cell - 2))}px ${cs.fontFamily}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    colLabels?.forEach((t, k) => ctx.fillText(t, pad + k * cell + cell / 2, pad / 2));
    rowLabels?.forEach((t, r) => ctx.fillText(t, pad / 2, pad + r * cell + cell / 2));
    if (selectedRow !== null && selectedRow !== undefined && selectedRow < rows) {
      ctx.strokeStyle = cs.color;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(pad + 0.75, pad + selectedRow * cell + 0.75, cols * cell - 1.5, cell - 1.5);
    }
  }, [data, offset, rows, cols, cell, color, rowLabels, colLabels, selectedRow, pad]);
  return (
    <canvas
      ref={ref}
      className="matrix-canvas"
      data-testid={p.testId}
      role="img"
      aria-label={p.label}
      onClick={(e) => {
        if (!p.onRow) return;
        const rect = e.currentTarget.getBoundingClientRect();
        const row = Math.floor((e.clientY - rect.top - pad) / p.cell);
        if (row >= 0 && row < p.rows) p.onRow(row);
      }}
    />
  );
}

/** Attention weights: white (0) to a deep blue (1). */
export function weightColor(v: number): [number, number, number] {
  const t = Math.max(0, Math.min(1, Number.isFinite(v) ? v : 0));
  return [Math.round(255 - 225 * t), Math.round(255 - 160 * t), Math.round(255 - 30 * t)];
}
