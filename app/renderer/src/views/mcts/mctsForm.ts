/**
 * The MCTS lab's settings as typed, checked with the reason in the UI's words, and remembered on the
 * machine: the game, who plays whom, each searcher's budget (iterations, and optionally a time limit),
 * the UCT constant, the rollouts and the seed.
 */
import { emptyBoard, outcome, toMove, type Game, type Side } from './mctsGames';

export type Mode = 'human' | 'human-az' | 'mcts-mcts' | 'az-mcts' | 'mcts-minimax' | 'az-minimax';
export const MODES: Mode[] = ['human', 'human-az', 'mcts-mcts', 'az-mcts', 'mcts-minimax', 'az-minimax'];
/** the modes with minimax in them: tic-tac-toe only */
export const minimaxMode = (m: Mode) => m.endsWith('minimax');

export interface MctsForm {
  game: Game;
  mode: Mode;
  /** with you: the side you play; otherwise the side player A (MCTS, or the self-play agent) plays */
  side: Side;
  itersA: string;
  itersB: string;
  timeMs: string;
  uct: string;
  rollout: 'random' | 'heuristic';
  seed: string;
}

export const DEFAULT_FORM: MctsForm = { game: 'tictactoe', mode: 'human', side: 'x', itersA: '2000', itersB: '200', timeMs: '0', uct: '1.41', rollout: 'random', seed: '1' };

const KEY = 'gradlab.mcts.form';

export function loadForm(): MctsForm {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<MctsForm> | null;
    if (!saved || typeof saved !== 'object') return DEFAULT_FORM;
    const f = { ...DEFAULT_FORM };
    for (const k of Object.keys(DEFAULT_FORM) as (keyof MctsForm)[]) if (typeof saved[k] === 'string') (f as Record<string, string>)[k] = saved[k];
    if (f.game !== 'tictactoe' && f.game !== 'connect4') f.game = 'tictactoe';
    if (!MODES.includes(f.mode) || (minimaxMode(f.mode) && f.game !== 'tictactoe')) f.mode = 'human';
    if (f.side !== 'x' && f.side !== 'o') f.side = 'x';
    if (f.rollout !== 'random' && f.rollout !== 'heuristic') f.rollout = 'random';
    return f;
  } catch {
    return DEFAULT_FORM;
  }
}

export const saveForm = (f: MctsForm) => localStorage.setItem(KEY, JSON.stringify(f));

export type FieldErrors = Partial<Record<keyof MctsForm, { key: 'mcts.err.int' | 'mcts.err.uct' | 'mcts.err.time'; vars?: Record<string, number> }>>;

export interface Checked {
  errors: FieldErrors;
  itersA: number;
  itersB: number;
  timeMs: number;
  uct: number;
  seed: number;
  ok: boolean;
}

export function checkForm(f: MctsForm): Checked {
  const errors: FieldErrors = {};
  const num = (s: string) => (s.trim() === '' ? NaN : Number(s.trim()));
  const int = (k: 'itersA' | 'itersB' | 'seed', min: number, max: number) => {
    const v = num(f[k]);
    if (!(Number.isInteger(v) && v >= min && v <= max)) errors[k] = { key: 'mcts.err.int', vars: { min, max } };
    return v;
  };
  const itersA = int('itersA', 1, 1_000_000);
  const itersB = int('itersB', 1, 1_000_000);
  const seed = int('seed', 0, 1_000_000_000);
  const uct = num(f.uct);
  if (!(uct > 0 && uct <= 10)) errors.uct = { key: 'mcts.err.uct' };
  const timeMs = num(f.timeMs);
  if (!(timeMs >= 0 && timeMs <= 60_000)) errors.timeMs = { key: 'mcts.err.time' };
  return { errors, itersA, itersB, timeMs, uct, seed, ok: Object.keys(errors).length === 0 };
}

/**
 * A search config (a lesson's, a preset file's: game, board, iterations, uct, rollout, seed) as the view
 * opens it: the position on the board with you to move (against MCTS with those settings), the
 * search's steps open beside it. Null when it is not one (or its board is not a position to play from).
 */
export function presetOpened(c: Record<string, unknown> | null): { form: Partial<MctsForm>; board: string } | null {
  if (!c) return null;
  const game: Game = c.game === 'connect4' ? 'connect4' : 'tictactoe';
  const board = typeof c.board === 'string' ? c.board.replace(/[\s/]/g, '') : emptyBoard(game);
  if (board.length !== emptyBoard(game).length || /[^.xo]/.test(board) || outcome(game, board).winner !== null) return null;
  const form: Partial<MctsForm> = { game, mode: 'human', side: toMove(board) };
  if (typeof c.iterations === 'number') form.itersA = String(Math.min(c.iterations, 1_000_000));
  if (typeof c.uct === 'number') form.uct = String(c.uct);
  if (c.rollout === 'random' || c.rollout === 'heuristic') form.rollout = c.rollout;
  if (typeof c.seed === 'number') form.seed = String(c.seed);
  return { form, board };
}
