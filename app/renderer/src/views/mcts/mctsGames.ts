/**
 * The two games as the MCTS view needs them between searches: the board as the engine's text (row-major
 * . x o; connect four 6 rows of 7, top row first), whose turn it is, the legal moves, a move played and
 * the winner. The search itself and its rules' checks are the engine's (native/core/mcts/games.hpp).
 */
export type Game = 'tictactoe' | 'connect4';
export type Side = 'x' | 'o';

export const SHAPE: Record<Game, { rows: number; cols: number; line: number }> = {
  tictactoe: { rows: 3, cols: 3, line: 3 },
  connect4: { rows: 6, cols: 7, line: 4 },
};

export const emptyBoard = (g: Game) => '.'.repeat(SHAPE[g].rows * SHAPE[g].cols);

export function toMove(board: string): Side {
  let x = 0;
  let o = 0;
  for (const c of board) {
    if (c === 'x') x++;
    else if (c === 'o') o++;
  }
  return x === o ? 'x' : 'o';
}

/** tic-tac-toe: the empty cells; connect four: the columns with room */
export function legalMoves(g: Game, board: string): number[] {
  if (g === 'tictactoe') return [...board].flatMap((c, i) => (c === '.' ? [i] : []));
  return Array.from({ length: 7 }, (_, c) => c).filter((c) => board[c] === '.');
}

/** the cell a move fills (connect four: the lowest empty cell of the column), or −1 */
export function cellOf(g: Game, board: string, move: number): number {
  if (g === 'tictactoe') return board[move] === '.' ? move : -1;
  for (let r = 5; r >= 0; r--) if (board[r * 7 + move] === '.') return r * 7 + move;
  return -1;
}

export function play(g: Game, board: string, move: number): string {
  const cell = cellOf(g, board, move);
  if (cell < 0) return board;
  return board.slice(0, cell) + toMove(board) + board.slice(cell + 1);
}

/** the side with a line (three or four in a row), 'draw' on a full board, else null; and the line's cells */
export function outcome(g: Game, board: string): { winner: Side | 'draw' | null; line: number[] } {
  const { rows, cols, line } = SHAPE[g];
  const dirs = [
    [0, 1],
    [1, 0],
    [1, 1],
    [1, -1],
  ] as const;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const s = board[r * cols + c];
      if (s !== 'x' && s !== 'o') continue;
      for (const [dr, dc] of dirs) {
        const cells: number[] = [];
        for (let k = 0; k < line; k++) {
          const rr = r + dr * k;
          const cc = c + dc * k;
          if (rr < 0 || rr >= rows || cc < 0 || cc >= cols || board[rr * cols + cc] !== s) break;
          cells.push(rr * cols + cc);
        }
        if (cells.length === line) return { winner: s, line: cells };
      }
    }
  return { winner: board.includes('.') ? null : 'draw', line: [] };
}
