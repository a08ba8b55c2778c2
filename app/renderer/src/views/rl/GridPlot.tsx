/**
 * The grid world drawn: each cell coloured by its value (green above 0, red below, the scale the largest
 * |V| on the grid), the policy as arrows, or Q(s, a) as four triangles per cell; walls, the cliff, the
 * start and the terminals marked; the last episode's path and the agent walking it; a chosen cell
 * outlined. Click a cell (or focus the plot and use the arrow keys) to choose it; `editing`: every
 * cell, walls too, answers a click (the grid edited before a run).
 */
import { useEffect, useState, type KeyboardEvent } from 'react';

import type { ValuesFrame } from './rlLive';

const ARROWS = [
  [0, -1],
  [1, 0],
  [0, 1],
  [-1, 0],
] as const;

/** a value in [-1, 1] (of the scale) as a fill: green for good, red for bad, faint near 0 */
export function valueFill(v: number, scale: number): string {
  if (!Number.isFinite(v)) return 'transparent';
  const t = Math.max(-1, Math.min(1, scale > 0 ? v / scale : 0));
  const a = 0.12 + 0.68 * Math.abs(t);
  return t >= 0 ? `rgb(34 160 90 / ${a.toFixed(3)})` : `rgb(214 60 50 / ${a.toFixed(3)})`;
}

export function GridPlot(p: { frame: ValuesFrame; showQ: boolean; selected: number | null; onSelect: (cell: number) => void; label: string; animate: boolean; editing?: boolean }) {
  const { rows, cols, grid, policy, path } = p.frame.meta;
  const data = p.frame.data;
  const size = 60;
  const w = cols * size;
  const h = rows * size;
  let scale = 0;
  for (let s = 0; s < rows * cols; s++) for (let k = 0; k < 5; k++) if (Number.isFinite(data[s * 5 + k]!)) scale = Math.max(scale, Math.abs(data[s * 5 + k]!));
  const [walker, setWalker] = useState(0);
  const pathKey = `${p.frame.step}:${path.length}`;
  useEffect(() => {
    if (!p.animate || path.length < 2) {
      setWalker(path.length - 1);
      return;
    }
    setWalker(0);
    let i = 0;
    const every = Math.max(15, Math.min(120, 2400 / path.length));
    const timer = setInterval(() => {
      i++;
      setWalker(Math.min(i, path.length - 1));
      if (i >= path.length - 1) clearInterval(timer);
    }, every);
    return () => clearInterval(timer);
    // a new path (a new episode's frame) restarts the walk
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pathKey, p.animate]);
  const centre = (s: number) => [(s % cols) * size + size / 2, Math.floor(s / cols) * size + size / 2] as const;
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const cur = p.selected ?? 0;
    const r = Math.floor(cur / cols);
    const c = cur % cols;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    const nr = Math.max(0, Math.min(rows - 1, r + m[0]));
    const nc = Math.max(0, Math.min(cols - 1, c + m[1]));
    p.onSelect(nr * cols + nc);
  };
  const cells = [];
  for (let s = 0; s < rows * cols; s++) {
    const ch = grid[Math.floor(s / cols)]![s % cols]!;
    const x = (s % cols) * size;
    const y = Math.floor(s / cols) * size;
    const v = data[s * 5]!;
    const wall = ch === '#';
    const cliff = ch === 'C';
    const terminal = ch === 'G' || ch === 'X';
    const q = [1, 2, 3, 4].map((k) => data[s * 5 + k]!);
    cells.push(
      <g key={s} data-cell={s} data-kind={ch} onClick={() => (p.editing || !wall) && p.onSelect(s)} className={wall && !p.editing ? 'rl-wall' : 'rl-cell'}>
        <rect x={x} y={y} width={size} height={size} className={wall ? 'rl-wall-fill' : cliff ? 'rl-cliff-fill' : 'rl-cell-bg'} />
        {!wall && !cliff && (!p.showQ || terminal) && <rect x={x} y={y} width={size} height={size} fill={valueFill(v, scale)} />}
        {p.showQ && !wall && !cliff && !terminal &&
          q.map((qv, a) => {
            const [cx, cy] = [x + size / 2, y + size / 2];
            const pts = [
              [x, y, x + size, y],
              [x + size, y, x + size, y + size],
              [x + size, y + size, x, y + size],
              [x, y + size, x, y],
            ][a]!;
            return <polygon key={a} points={`${cx},${cy} ${pts[0]},${pts[1]} ${pts[2]},${pts[3]}`} fill={valueFill(qv, scale)} className="rl-q" />;
          })}
        <rect x={x} y={y} width={size} height={size} className="rl-cell-line" />
        {terminal && <text x={x + 5} y={y + 15} className="rl-mark">{ch === 'G' ? '+1' : '−1'}</text>}
        {ch === 'S' && <text x={x + 5} y={y + 15} className="rl-mark">S</text>}
        {cliff && <text x={x + size / 2} y={y + size / 2 + 4} textAnchor="middle" className="rl-mark">−100</text>}
        {!wall && !cliff && Number.isFinite(v) && !p.showQ && (
          <text x={x + size / 2} y={y + size - 8} textAnchor="middle" className="rl-value">
            {v.toFixed(Math.abs(v) >= 100 ? 0 : 2)}
          </text>
        )}
        {!p.showQ && policy[s]! >= 0 && !terminal && (
          <line
            x1={x + size / 2 - ARROWS[policy[s]!]![0] * 10}
            y1={y + size / 2 - 6 - ARROWS[policy[s]!]![1] * 10}
            x2={x + size / 2 + ARROWS[policy[s]!]![0] * 12}
            y2={y + size / 2 - 6 + ARROWS[policy[s]!]![1] * 12}
            className="rl-arrow"
            markerEnd="url(#rl-head)"
            data-action={policy[s]}
          />
        )}
      </g>,
    );
  }
  // a new, shorter path may come before the walk restarts: never past its end
  const w0 = Math.max(0, Math.min(walker, path.length - 1));
  const walked = path.slice(0, w0 + 1).map((s) => centre(s).join(',')).join(' ');
  const at = path.length > 0 ? centre(path[w0]!) : null;
  return (
    <svg
      className="rl-grid"
      viewBox={`-2 -2 ${w + 4} ${h + 4}`}
      role="img"
      aria-label={p.label}
      tabIndex={0}
      onKeyDown={onKey}
      data-testid="rl-grid"
      data-step={p.frame.step}
      data-policy={policy.join(',')}
    >
      <defs>
        <marker id="rl-head" viewBox="0 0 10 10" refX="6" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="rl-arrow-head" />
        </marker>
      </defs>
      {cells}
      {path.length > 1 && <polyline points={walked} className="rl-path" data-testid="rl-path" data-length={path.length - 1} />}
      {at && path.length > 1 && <circle cx={at[0]} cy={at[1]} r={9} className="rl-agent" />}
      {p.selected !== null && p.selected < rows * cols && (
        <rect x={(p.selected % cols) * size + 2} y={Math.floor(p.selected / cols) * size + 2} width={size - 4} height={size - 4} className="rl-selected" />
      )}
    </svg>
  );
}
