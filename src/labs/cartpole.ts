/**
 * The cart-pole's descriptor (the lab kit: kit.ts): REINFORCE, A2C or DQN learning to balance the pole,
 * an episode a step, until the mean of the last 100 returns reaches the target. Stream "episode"
 * (return, mean_return); frames "episode" (the last training episode's states and the net's outputs)
 * and "watch" (an episode of the greedy policy) — native/core/labs/cartpole.hpp, src/native/rl.ts.
 */
import { CARTPOLE_LEARNERS, CartpoleLabConfigSchema, CartpoleLabUpdateSchema } from '../native/cartpole-schema.js';
import { outcomeOfStatus, type LabDescriptor } from './kit.js';
import { choice, field, seedField } from './sweep-fields.js';

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v));
const algo = (c: Json) => String(c.algo ?? 'reinforce');

export const cartpoleLab: LabDescriptor = {
  id: 'cartpole',
  names: { en: 'Cart-pole', zh: '倒立摆' },
  configSchema: CartpoleLabConfigSchema,
  updateSchema: CartpoleLabUpdateSchema,
  defaults: { algo: 'reinforce', episodes: 1000, seed: 1 },
  presets: [
    { id: 'reinforce', names: { en: 'REINFORCE with a baseline', zh: '带基线的 REINFORCE' }, config: { algo: 'reinforce', episodes: 1000, seed: 1 } },
    { id: 'a2c', names: { en: 'Advantage actor-critic (A2C)', zh: '优势演员-评论家（A2C）' }, config: { algo: 'a2c', episodes: 1000, seed: 1 } },
    { id: 'dqn', names: { en: 'DQN: replay and a target net', zh: 'DQN：经验回放与目标网络' }, config: { algo: 'dqn', episodes: 1500, seed: 1 } },
  ],
  series: [
    { stream: 'episode', column: 'step', label: { en: 'episode', zh: '回合' }, better: null },
    { stream: 'episode', column: 'return', label: { en: 'return', zh: '回报' }, unit: 'steps', better: 'max' },
    { stream: 'episode', column: 'mean_return', label: { en: 'mean return of the last 100 episodes', zh: '最近 100 回合的平均回报' }, unit: 'steps', better: 'max' },
  ],
  streams: { episode: { epochs: null } },
  keyHypers(c) {
    return `${algo(c)} lr=${num(c.lr ?? (algo(c) === 'dqn' ? 5e-4 : 0.01))} γ=${num(c.gamma ?? 0.99)} hidden=${String(c.hidden ?? 64)} target=${num(c.target ?? 475)}`;
  },
  runName(c) {
    return ['cart-pole', algo(c), `seed ${String(c.seed ?? 1)}`].join(' · ');
  },
  keyMetrics: ['episode_mean_return'],
  sweepPath: 'lr',
  sweepable: /^(algo|lr|gamma|hidden|episodes|target|seed)$/,
  sweepFields() {
    return [
      choice('algo', 'learner', '学习算法', CARTPOLE_LEARNERS, 'reinforce'),
      field('lr', 'learning rate', '学习率', 'number', undefined, { log: true }),
      field('gamma', 'discount factor γ', '折扣因子 γ', 'number', 0.99),
      field('hidden', 'hidden width', '隐藏层宽度', 'integer', 64, { log: true }),
      field('episodes', 'episodes', '回合数', 'integer', 1000),
      field('target', 'target mean return', '目标平均回报', 'number', 475),
      seedField(),
    ];
  },
  frames: ['episode', 'watch'],
  probe: false,
  weights: false,
  updateChanges(update) {
    const out: Record<string, number | boolean> = {};
    const set = (update.set ?? {}) as Json;
    if (typeof set.lr === 'number') out.lr = set.lr;
    return out;
  },
  seed: (c) => (c as { seed?: number }).seed ?? 1,
  seedPath: 'seed',
  outcome: outcomeOfStatus,
};
