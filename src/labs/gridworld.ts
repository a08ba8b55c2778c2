/**
 * The RL lab's grid world descriptor (the lab kit: kit.ts): dynamic programming a sweep at a time or a
 * model-free learner an episode at a time, live. Streams "sweep" (DP: delta, changed, v_start) and
 * "episode" (learners: return, length, v_start, mean_return of the last 100); frame "values" (V, Q, the policy, the last episode's
 * path) — native/core/labs/gridworld.hpp, src/native/rl.ts.
 */
import { GRIDWORLD_ALGOS, GRIDWORLD_DP, GridworldLabConfigSchema, GridworldLabUpdateSchema } from '../native/gridworld-schema.js';
import { outcomeOfStatus, type LabDescriptor } from './kit.js';
import { choice, field, seedField } from './sweep-fields.js';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v));
const size = (c: Json) => {
  const rows = String(c.grid ?? '').split('\n').filter((l) => l.trim() !== '');
  return `${rows.length}×${rows[0]?.trim().length ?? 0}`;
};
const learner = (c: Json) => c.algo !== undefined && c.algo !== 'value-iteration' && c.algo !== 'policy-iteration';

/** Russell & Norvig's 4×3 world (AIMA, ch. 17) and Sutton & Barto's cliff walk (Example 6.6). */
export const RUSSELL_NORVIG_4X3 = '...G\n.#.X\nS...';
export const CLIFF_WALK = '............\n............\n............\nSCCCCCCCCCCG';

export const gridworldLab: LabDescriptor = {
  id: 'gridworld',
  names: { en: 'Grid world', zh: '网格世界' },
  configSchema: GridworldLabConfigSchema,
  updateSchema: GridworldLabUpdateSchema,
  defaults: { grid: RUSSELL_NORVIG_4X3, algo: 'value-iteration', gamma: 1, step_reward: -0.04, slip: 0.2, tol: 1e-6 },
  presets: [
    { id: 'rn43', names: { en: 'Russell & Norvig 4×3, value iteration', zh: 'Russell 与 Norvig 的 4×3 世界，价值迭代' }, config: { grid: RUSSELL_NORVIG_4X3, algo: 'value-iteration', gamma: 1, step_reward: -0.04, slip: 0.2, tol: 1e-6 } },
    { id: 'rn43_pi', names: { en: 'Russell & Norvig 4×3, policy iteration', zh: 'Russell 与 Norvig 的 4×3 世界，策略迭代' }, config: { grid: RUSSELL_NORVIG_4X3, algo: 'policy-iteration', gamma: 1, step_reward: -0.04, slip: 0.2, tol: 1e-6 } },
    { id: 'cliff_q', names: { en: 'Cliff walk, Q-learning', zh: '悬崖行走，Q 学习' }, config: { grid: CLIFF_WALK, algo: 'q-learning', gamma: 1, step_reward: -1, epsilon: 0.1, alpha: 0.5, episodes: 500, seed: 1 } },
    { id: 'cliff_sarsa', names: { en: 'Cliff walk, SARSA', zh: '悬崖行走，SARSA' }, config: { grid: CLIFF_WALK, algo: 'sarsa', gamma: 1, step_reward: -1, epsilon: 0.1, alpha: 0.5, episodes: 500, seed: 1 } },
  ],
  series: [
    { stream: 'sweep', column: 'step', label: { en: 'sweep', zh: '扫描' }, better: null },
    { stream: 'sweep', column: 'delta', label: { en: 'largest change of V', zh: 'V 的最大变化' }, better: 'min' },
    { stream: 'sweep', column: 'changed', label: { en: 'actions changed', zh: '改变的动作数' }, better: null },
    { stream: 'sweep', column: 'v_start', label: { en: 'V at the start', zh: '起点的 V' }, better: 'max' },
    { stream: 'episode', column: 'step', label: { en: 'episode', zh: '回合' }, better: null },
    { stream: 'episode', column: 'return', label: { en: 'return', zh: '回报' }, better: 'max' },
    { stream: 'episode', column: 'length', label: { en: 'episode length', zh: '回合长度' }, unit: 'moves', better: null },
    { stream: 'episode', column: 'v_start', label: { en: 'max Q at the start', zh: '起点的最大 Q' }, better: 'max' },
    { stream: 'episode', column: 'mean_return', label: { en: 'mean return of the last 100 episodes', zh: '最近 100 回合的平均回报' }, better: 'max' },
  ],
  streams: { sweep: { epochs: null }, episode: { epochs: null } },
  keyHypers(c) {
    const base = `${size(c)} ${String(c.algo ?? 'value-iteration')} γ=${num(c.gamma ?? 0.9)} r=${num(c.step_reward ?? 0)} slip=${num(c.slip ?? 0)}`;
    return learner(c) ? `${base} ε=${num(c.epsilon ?? 0.1)} α=${num(c.alpha ?? 0.1)} episodes=${String(c.episodes ?? 500)}` : base;
  },
  runName(c) {
    return [`grid ${size(c)}`, String(c.algo ?? 'value-iteration'), `γ ${num(c.gamma ?? 0.9)}`].join(' · ');
  },
  keyMetrics: ['sweep_v_start', 'episode_mean_return'],
  sweepPath: 'gamma',
  sweepable: /^(algo|gamma|step_reward|slip|tol|epsilon|alpha|episodes|seed|planning|lambda|max_steps)$/,
  sweepFields(c) {
    // the learners' settings only for a learner (dynamic programming refuses them), Dyna-Q's planning and SARSA(λ)'s λ only for those
    const algo = typeof c.algo === 'string' ? c.algo : 'value-iteration';
    const learner = !(GRIDWORLD_DP as readonly string[]).includes(algo);
    return [
      choice('algo', 'algorithm', '算法', GRIDWORLD_ALGOS, 'value-iteration'),
      field('gamma', 'discount factor γ', '折扣因子 γ', 'number'),
      field('step_reward', 'reward per move', '每步奖励', 'number'),
      field('slip', 'slip probability', '滑动概率', 'number'),
      ...(learner
        ? [
            field('epsilon', 'exploration ε', '探索率 ε', 'number'),
            field('alpha', 'step size α', '步长 α', 'number'),
            field('episodes', 'episodes', '回合数', 'integer'),
            ...(algo === 'dyna-q' ? [field('planning', 'planning steps', '规划步数', 'integer')] : []),
            ...(algo === 'sarsa-lambda' ? [field('lambda', 'trace decay λ', '资格迹衰减 λ', 'number')] : []),
            seedField(),
          ]
        : [field('tol', 'tolerance', '收敛阈值', 'number', undefined, { log: true })]),
    ];
  },
  frames: ['values'],
  probe: false,
  weights: false,
  updateChanges(update) {
    const out: Record<string, number | boolean> = {};
    const set = (update.set ?? {}) as Json;
    for (const k of ['gamma', 'epsilon', 'alpha']) if (typeof set[k] === 'number') out[k] = set[k];
    return out;
  },
  seed: (c) => (learner(c as Json) ? ((c as { seed?: number }).seed ?? 1) : null),
  seedPath: 'seed',
  outcome: outcomeOfStatus,
};
