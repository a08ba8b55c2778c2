/**
 * A tic-tac-toe or connect-four board drawn in SVG (no glyphs: crosses are lines, noughts rings,
 * connect-four pieces discs in two colours). Clicks on a cell (or a column) play a move when `onMove`
 * is given; the search's visit share of each root move can be shown over the empty cells; the winning
 * line and the last move are marked; `marks` numbers cells (a rollout's moves in order).
 */
import type { Game } from './mctsGames';
import { SHAPE } from './mctsGames';

export interface MoveShare {
  move: number;
  visits: number;
  value: number;
}

export function Board(p: {
  game: Game;
  board: string;
  onMove?: (move: number) => void;
  shares?: MoveShare[];
  line?: number[];
  last?: number;
  marks?: { cell: number; label: string; side: 'x' | 'o' }[];
  label: string;
  testId: string;
  size?: number;
}) {
  const { rows, cols } = SHAPE[p.game];
  const s = p.size ?? (p.game === 'tictactoe' ? 90 : 56);
  const total = (p.shares ?? []).reduce((a, m) => a + m.visits, 0);
  const moveOf = (cell: number) => (p.game === 'tictactoe' ? cell : cell % cols);
  const cells = [];
  for (let i = 0; i < rows * cols; i++) {
    const x = (i % cols) * s;
    const y = Math.floor(i / cols) * s;
    const c = p.board[i];
    const cx = x + s / 2;
    const cy = y + s / 2;
    const r = s * 0.3;
    const share = p.shares?.find((m) => m.move === moveOf(i));
    const showShare = share && total > 0 && c === '.' && (p.game === 'tictactoe' || (i + cols >= rows * cols || p.board[i + cols] !== '.'));
    cells.push(
      <g key={i} data-cell={i} data-piece={c} onClick={() => p.onMove?.(moveOf(i))} className={p.onMove ? 'mcts-cell playable' : 'mcts-cell'}>
        <rect x={x} y={y} width={s} height={s} className={p.game === 'connect4' ? 'mcts-c4-bg' : 'mcts-ttt-bg'} />
        {p.game === 'connect4' && <circle cx={cx} cy={cy} r={s * 0.4} className={c === 'x' ? 'mcts-disc-x' : c === 'o' ? 'mcts-disc-o' : 'mcts-hole'} />}
        {p.game === 'tictactoe' && c === 'x' && (
          <g className="mcts-x">
            <line x1={cx - r} y1={cy - r} x2={cx + r} y2={cy + r} />
            <line x1={cx - r} y1={cy + r} x2={cx + r} y2={cy - r} />
          </g>
        )}
        {p.game === 'tictactoe' && c === 'o' && <circle cx={cx} cy={cy} r={r} className="mcts-o" />}
        {p.line?.includes(i) && <rect x={x + 3} y={y + 3} width={s - 6} height={s - 6} className="mcts-win" />}
        {p.last === i && <circle cx={x + s - 9} cy={y + 9} r={4} className="mcts-last" />}
        {showShare && (
          <text x={cx} y={cy + s * 0.1} textAnchor="middle" className="mcts-share" data-share={share.visits} style={{ fontSize: `${Math.round(s * (p.game === 'connect4' ? 0.3 : 0.34))}px` }}>
            {Math.round((100 * share.visits) / total)}%
          </text>
        )}
      </g>,
    );
  }
  for (const m of p.marks ?? []) {
    const x = (m.cell % cols) * s + s / 2;
    const y = Math.floor(m.cell / cols) * s + s / 2;
    cells.push(
      <g key={`m${m.cell}`} className={`mcts-mark ${m.side}`}>
        <circle cx={x} cy={y} r={s * 0.22} />
        <text x={x} y={y + 4} textAnchor="middle">
          {m.label}
        </text>
      </g>,
    );
  }
  return (
    <svg className={`mcts-board ${p.game}`} viewBox={`0 0 ${cols * s} ${rows * s}`} role="img" aria-label={p.label} data-testid={p.testId} data-board={p.board} style={{ maxWidth: cols * s }}>
      {cells}
      {p.game === 'tictactoe' &&
        [1, 2].map((k) => (
          <g key={k} className="mcts-grid-line">
            <line x1={k * s} y1={4} x2={k * s} y2={rows * s - 4} />
            <line x1={4} y1={k * s} x2={cols * s - 4} y2={k * s} />
          </g>
        ))}
    </svg>
  );
}
