/**
 * The MCTS lab's descriptor (the lab kit: kit.ts): one Monte Carlo tree search from a board, grown a
 * few iterations a step, so the chosen move can be watched settling. Stream "search" (iterations,
 * best_move, best_share, best_value, best_exact, nodes); frame "root" (each root move's visits and
 * value, the principal variation) — native/core/labs/mcts.hpp, src/native/mcts.ts. Playing games and
 * stepping through the four phases is the view's (`mcts/search`).
 */
import { MCTS_ROLLOUTS, MctsLabConfigSchema, MctsLabUpdateSchema } from '../native/mcts-schema.js';
import { outcomeOfStatus, type LabDescriptor } from './kit.js';
import { choice, field, seedField } from './sweep-fields.js';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v));
const game = (c: Json) => String(c.game ?? 'tictactoe');
const board = (c: Json) => (typeof c.board === 'string' ? c.board : 'empty board');

export const mctsLab: LabDescriptor = {
  id: 'mcts',
  names: { en: 'MCTS', zh: '蒙特卡洛树搜索' },
  configSchema: MctsLabConfigSchema,
  updateSchema: MctsLabUpdateSchema,
  defaults: { game: 'tictactoe', iterations: 2000, per_step: 10, seed: 1 },
  presets: [
    { id: 'block', names: { en: 'Tic-tac-toe: o must block', zh: '井字棋：o 必须堵截' }, config: { game: 'tictactoe', board: 'xx..o....', iterations: 2000, per_step: 10, seed: 1 } },
    { id: 'connect4', names: { en: 'Connect four from the empty board', zh: '四子棋，从空棋盘开始' }, config: { game: 'connect4', iterations: 20000, per_step: 200, seed: 1 } },
  ],
  series: [
    { stream: 'search', column: 'step', label: { en: 'step', zh: '步' }, better: null },
    { stream: 'search', column: 'iterations', label: { en: 'iterations', zh: '迭代次数' }, better: null },
    { stream: 'search', column: 'best_move', label: { en: 'chosen move', zh: '所选走法' }, better: null },
    { stream: 'search', column: 'best_share', label: { en: 'chosen move’s share of visits', zh: '所选走法的访问占比' }, unit: 'fraction', better: null },
    { stream: 'search', column: 'best_value', label: { en: 'chosen move’s value', zh: '所选走法的价值' }, better: null },
    { stream: 'search', column: 'best_exact', label: { en: 'chosen move’s exact value', zh: '所选走法的精确价值' }, better: 'max' },
    { stream: 'search', column: 'nodes', label: { en: 'nodes in the tree', zh: '树中节点数' }, better: null },
  ],
  streams: { search: { epochs: null } },
  keyHypers(c) {
    return `${game(c)} ${board(c)} iterations=${String(c.iterations ?? 2000)} c=${num(c.uct ?? Math.SQRT2)} ${String(c.rollout ?? 'random')}`;
  },
  runName(c) {
    return [game(c), board(c), `${String(c.iterations ?? 2000)} iterations`].join(' · ');
  },
  keyMetrics: ['search_best_share', 'search_best_exact'],
  sweepPath: 'iterations',
  sweepable: /^(iterations|per_step|seed|uct|rollout)$/,
  sweepFields() {
    return [
      field('iterations', 'iterations', '迭代次数', 'integer', 2000, { log: true }),
      field('uct', 'exploration constant c', '探索常数 c', 'number', Math.SQRT2),
      choice('rollout', 'rollouts', '模拟策略', MCTS_ROLLOUTS, 'random'),
      field('per_step', 'iterations per step', '每步迭代次数', 'integer', 10),
      seedField(),
    ];
  },
  frames: ['root'],
  probe: false,
  weights: false,
  updateChanges(update) {
    const out: Record<string, number | boolean> = {};
    const set = (update.set ?? {}) as Json;
    if (typeof set.uct === 'number') out.uct = set.uct;
    return out;
  },
  seed: (c) => (c as { seed?: number }).seed ?? 1,
  seedPath: 'seed',
  outcome: outcomeOfStatus,
};
