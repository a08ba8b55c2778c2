/**
 * `gradlab rl gridworld`: a grid world from a text file, solved (issue #14; rules in src/native/rl.ts).
 *   gradlab rl gridworld --grid world.txt --algo value-iteration --gamma 1 --step-reward -0.04 --slip 0.2 --format json
 *   json:  {values: one row per grid row (null: wall or cliff, 0: terminal), policy: rows of "N" "E" "S" "W"
 *          or null, iterations, converged, deltas, …}
 *   table: the values and the policy as grids.
 * The model-free learners (monte-carlo, q-learning, sarsa, expected-sarsa, dyna-q, sarsa-lambda) learn Q from episodes
 * from S with --epsilon --alpha --episodes --seed (--planning for dyna-q); their values are max_a Q and
 * the json also holds each episode's return and length. sarsa-lambda takes --lambda (eligibility traces).
 */
import { readFileSync } from 'node:fs';

import type { Command } from 'commander';
import { Option } from 'commander';

import { LabError } from '../../native/errors.js';
import { cartpoleRollout, RL_LEARNERS, trainCartpole, GRIDWORLD_ALGOS, GRIDWORLD_DP, solveGridworld, type GridworldConfig, type GridworldSolution } from '../../native/rl.js';
import { json, table, type Format } from '../format.js';
import { cartpoleLab } from '../../labs/cartpole.js';
import type { SaveArgs } from '../live-run.js';
import { formatOption, int, number } from '../option-parsers.js';
import { savedLabCommand } from '../saved-lab-run.js';
import { addSaveOptions } from '../store-commands.js';

const DP: readonly string[] = GRIDWORLD_DP;

export interface GridworldArgs {
  grid: string;
  algo: string;
  gamma?: number;
  stepReward?: number;
  slip?: number;
  tol?: number;
  epsilon?: number;
  alpha?: number;
  episodes?: number;
  seed?: number;
  planning?: number;
  lambda?: number;
  format: Format;
}

const ARROW: Record<string, string> = { N: '↑', E: '→', S: '↓', W: '←' };

function grids(s: GridworldSolution): string {
  const v = s.values.map((row) => row.map((x) => (x === null ? '#' : Number(x.toPrecision(4)))));
  const p = s.policy.map((row, r) => row.map((a, c) => (a ? ARROW[a]! : s.values[r]![c] === null ? '#' : '·')));
  const head = (n: number) => Array.from({ length: n }, (_, c) => String(c));
  return (
    `${s.algo}: γ ${s.gamma}, step reward ${s.step_reward}, slip ${s.slip}; ${s.iterations} ${s.algo === 'value-iteration' ? 'sweeps' : s.algo === 'policy-iteration' ? 'improvements' : 'episodes'}${DP.includes(s.algo) ? `, ${s.converged ? 'converged' : 'NOT converged'}` : ''}\n\n` +
    'values\n' +
    table(['row', ...head(s.cols)], v.map((row, r) => [r, ...row])) +
    '\npolicy\n' +
    table(['row', ...head(s.cols)], p.map((row, r) => [r, ...row]))
  );
}

export function gridworldCommand(a: GridworldArgs): string {
  const dp = DP.includes(a.algo);
  const learnerFlags = [['--epsilon', a.epsilon], ['--alpha', a.alpha], ['--episodes', a.episodes], ['--seed', a.seed], ['--planning', a.planning], ['--lambda', a.lambda]] as const;
  if (dp)
    for (const [flag, v] of learnerFlags)
      if (v !== undefined) throw new LabError(`${flag}: only for the model-free learners, not ${a.algo}`, 'INVALID_CONFIG');
  if (!dp && a.tol !== undefined) throw new LabError(`--tol: only for value-iteration and policy-iteration, not ${a.algo}`, 'INVALID_CONFIG');
  let text: string;
  try {
    text = readFileSync(a.grid, 'utf8');
  } catch (e) {
    throw new LabError(`--grid: cannot read ${a.grid}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'INVALID_CONFIG');
  }
  const config: GridworldConfig = {
    grid: text,
    algo: a.algo as GridworldConfig['algo'],
    ...(a.gamma !== undefined ? { gamma: a.gamma } : {}),
    ...(a.stepReward !== undefined ? { step_reward: a.stepReward } : {}),
    ...(a.slip !== undefined ? { slip: a.slip } : {}),
    ...(a.tol !== undefined ? { tol: a.tol } : {}),
    ...(a.epsilon !== undefined ? { epsilon: a.epsilon } : {}),
    ...(a.alpha !== undefined ? { alpha: a.alpha } : {}),
    ...(a.episodes !== undefined ? { episodes: a.episodes } : {}),
    ...(a.seed !== undefined ? { seed: a.seed } : {}),
    ...(a.planning !== undefined ? { planning: a.planning } : {}),
    ...(a.lambda !== undefined ? { lambda: a.lambda } : {}),
  };
  const s = solveGridworld(config);
  if (a.format === 'json') return json(s);
  if (a.format === 'csv')
    return ['row,col,value,action', ...s.values.flatMap((row, r) => row.map((v, c) => `${r},${c},${v === null ? '' : v},${s.policy[r]![c] ?? ''}`))].join('\n') + '\n';
  return grids(s);
}

export interface EnvArgs {
  state?: string;
  actions: string;
  format: Format;
}

/** "0.1,0,-0.05,0" → four numbers, or a LabError naming the flag. */
function numbers(text: string, flag: string, n?: number): number[] {
  const parts = text.split(',').map((t) => t.trim());
  const vals = parts.map(Number);
  if (parts.some((t) => t === '') || vals.some((v) => !Number.isFinite(v)) || (n !== undefined && vals.length !== n))
    throw new LabError(`${flag}: expected ${n ?? 'a list of'} comma-separated finite numbers, got "${text}"`, 'INVALID_CONFIG');
  return vals;
}

/** `gradlab rl env cartpole --state x,ẋ,θ,θ̇ --actions 0,1,…`: the states after each action, to the episode's end. */
export function envCommand(name: string, a: EnvArgs): string {
  if (name !== 'cartpole') throw new LabError(`rl env: unknown environment "${name}"; expected cartpole`, 'INVALID_CONFIG');
  const state = a.state !== undefined ? (numbers(a.state, '--state', 4) as [number, number, number, number]) : undefined;
  const actions = a.actions.trim() === '' ? [] : numbers(a.actions, '--actions');
  const r = cartpoleRollout({ ...(state ? { state } : {}), actions });
  if (a.format === 'json') return json(r);
  const rows = r.states.map((s, i) => [i, i === 0 ? '' : actions[i - 1]!, ...s, i === 0 ? '' : r.rewards[i - 1]!]);
  if (a.format === 'csv') return ['step,action,x,x_dot,theta,theta_dot,reward', ...rows.map((x) => x.join(','))].join('\n') + '\n';
  return table(['step', 'action', 'x', 'ẋ', 'θ', 'θ̇', 'reward'], rows) + `\n${r.terminated ? 'terminated: the pole fell or the cart left the track' : r.truncated ? 'truncated at 500 steps' : 'not done'} after ${r.steps} steps\n`;
}

export interface RlTrainArgs extends Partial<SaveArgs> {
  save?: boolean;
  env: string;
  algo: (typeof RL_LEARNERS)[number];
  episodes?: number;
  target?: number;
  seed: number;
  format: Format;
}

/** With --save, the cart-pole lab's session runs through the experiment store (saved-lab-run.ts). */
export async function rlTrainCommandMaybeSaved(a: RlTrainArgs): Promise<string> {
  if (!a.save) return rlTrainCommand(a);
  const config = { algo: a.algo, seed: a.seed, ...(a.episodes !== undefined ? { episodes: a.episodes } : {}), ...(a.target !== undefined ? { target: a.target } : {}) };
  return savedLabCommand(cartpoleLab, config, { ...a, tag: a.tag ?? [] }, { printable: { env: a.env, ...config } });
}

/** `gradlab rl train --env cartpole --algo reinforce --episodes N --target R --seed S`. */
export function rlTrainCommand(a: RlTrainArgs): string {
  const r = trainCartpole({ env: 'cartpole', algo: a.algo, seed: a.seed, ...(a.episodes !== undefined ? { episodes: a.episodes } : {}), ...(a.target !== undefined ? { target: a.target } : {}) });
  if (a.format === 'json') return json(r);
  if (a.format === 'csv') return ['episode,return', ...r.returns.map((x, i) => `${i + 1},${x}`)].join('\n') + '\n';
  return `${r.algo} on ${r.env}, seed ${r.seed}: ${r.solved ? 'solved' : 'not solved'} after ${r.episodes} episodes; mean return of the last 100: ${r.summary.final.mean_return_100.toFixed(1)} (target ${r.target})\n`;
}

export function registerRl(program: Command, done: (text: string) => void): void {
  const rl = program.command('rl').description('reinforcement learning: the grid world and the cart-pole (more to come)');
  rl.command('env <name>')
    .description('step an environment (cartpole) through given actions and print every state')
    .option('--state <x,ẋ,θ,θ̇>', 'the start state, θ in radians (default 0,0,0,0)')
    .requiredOption('--actions <a,…>', 'the actions: 0 pushes left, 1 right')
    .addOption(formatOption())
    .action((name: string, o: EnvArgs) => done(envCommand(name, o)));
  addSaveOptions(rl.command('train'))
    .description('train a learner on an environment until the last 100 episodes average the target (cartpole: 475)')
    .addOption(new Option('--env <env>', 'the environment').choices(['cartpole']).default('cartpole'))
    .addOption(new Option('--algo <algo>', 'the learner: reinforce (with a baseline), a2c or dqn').choices([...RL_LEARNERS]).default('reinforce'))
    .option('--episodes <n>', 'at most this many episodes (default 1000)', int('--episodes', 1, 1_000_000))
    .option('--target <r>', 'stop once the mean return of the last 100 episodes reaches this (default 475)', number('--target'))
    .option('--seed <n>', 'the seed of the nets and the episodes', int('--seed', 0, Number.MAX_SAFE_INTEGER), 1)
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => done(await rlTrainCommandMaybeSaved(cmd.optsWithGlobals<RlTrainArgs>())));
  rl.command('gridworld')
    .description('solve a grid world: . empty, # wall, S start, G +1, X −1, C cliff (−100, back to S); moves N E S W slip sideways')
    .requiredOption('--grid <file>', 'the grid as text, one line per row')
    .addOption(new Option('--algo <algo>', 'the algorithm').choices([...GRIDWORLD_ALGOS]).default('value-iteration'))
    .option('--gamma <g>', 'discount, in [0, 1] (default 0.9)', number('--gamma'))
    .option('--step-reward <r>', 'the reward of every move (default 0)', number('--step-reward'))
    .option('--slip <p>', 'probability of slipping to a side, half to each (default 0)', number('--slip'))
    .option('--tol <t>', 'stop when no value changes more than this (default 1e-12)', number('--tol'))
    .option('--epsilon <e>', 'model-free algorithms: exploration (default 0.1)', number('--epsilon'))
    .option('--alpha <a>', 'model-free algorithms: step size (default 0.1)', number('--alpha'))
    .option('--episodes <n>', 'model-free algorithms: episodes (default 500)', int('--episodes', 1, 10_000_000))
    .option('--seed <n>', 'model-free algorithms: the seed of their random choices (default 1)', int('--seed', 0, Number.MAX_SAFE_INTEGER))
    .option('--planning <n>', 'dyna-q: replayed steps per real step (default 10)', int('--planning', 0, 1000))
    .option('--lambda <λ>', 'sarsa-lambda: decay of the eligibility traces, in [0, 1] (default 0.9)', number('--lambda'))
    .addOption(formatOption())
    .action((o: GridworldArgs) => done(gridworldCommand(o)));
}
