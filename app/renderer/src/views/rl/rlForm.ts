/**
 * The grid world's settings as typed (strings), checked field by field with the reason in the UI's
 * words, and turned into the session's config (src/native/gridworld-schema.ts). The grid is checked
 * here as the engine reads it (one line per row of . # S G X C, rows of equal length, at most one S; the
 * learners need one) so a mistake is named at its line and column before Play. Remembered on the machine.
 */
import { gridworldLab } from '../../../../../src/labs/gridworld';
import { GRIDWORLD_ALGOS, GRIDWORLD_DP, type GridworldLabConfig } from '../../../../../src/native/gridworld-schema';
import type { ValuesFrame } from './rlLive';

export type Algo = (typeof GRIDWORLD_ALGOS)[number];
export const ALGOS = GRIDWORLD_ALGOS;
export const PRESETS = [...gridworldLab.presets.map((p) => p.id), 'custom'] as const;

export interface RlForm {
  preset: string;
  grid: string;
  algo: Algo;
  gamma: string;
  stepReward: string;
  slip: string;
  tol: string;
  epsilon: string;
  alpha: string;
  episodes: string;
  planning: string;
  lambda: string;
  seed: string;
}

const BLANK: RlForm = {
  preset: 'custom',
  grid: '',
  algo: 'value-iteration',
  gamma: '0.9',
  stepReward: '0',
  slip: '0',
  tol: '1e-6',
  epsilon: '0.1',
  alpha: '0.1',
  episodes: '500',
  planning: '10',
  lambda: '0.9',
  seed: '1',
};

export const isLearner = (a: Algo) => !(GRIDWORLD_DP as readonly string[]).includes(a);

/** A lab config (a preset's, a lesson's, a preset file's) as the form; null when it is not a grid world's. */
export function rlFormFromConfig(c: Record<string, unknown>, preset = 'custom'): RlForm | null {
  if (typeof c.grid !== 'string') return null;
  const s = (v: unknown, d: string) => (typeof v === 'number' ? String(v) : d);
  const algo = (ALGOS as readonly string[]).includes(String(c.algo)) ? (c.algo as Algo) : 'value-iteration';
  return {
    preset,
    grid: c.grid,
    algo,
    gamma: s(c.gamma, BLANK.gamma),
    stepReward: s(c.step_reward, BLANK.stepReward),
    slip: s(c.slip, BLANK.slip),
    tol: s(c.tol, BLANK.tol),
    epsilon: s(c.epsilon, BLANK.epsilon),
    alpha: s(c.alpha, BLANK.alpha),
    episodes: s(c.episodes, BLANK.episodes),
    planning: s(c.planning, BLANK.planning),
    lambda: s(c.lambda, BLANK.lambda),
    seed: s(c.seed, BLANK.seed),
  };
}

export function presetForm(id: string): RlForm {
  const p = gridworldLab.presets.find((x) => x.id === id) ?? gridworldLab.presets[0]!;
  return rlFormFromConfig(p.config, p.id)!;
}

export const DEFAULT_FORM = presetForm(gridworldLab.presets[0]!.id);

const KEY = 'gradlab.rl.form';

export function loadForm(): RlForm {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<RlForm> | null;
    if (!saved || typeof saved !== 'object') return DEFAULT_FORM;
    const f = { ...DEFAULT_FORM };
    for (const k of Object.keys(DEFAULT_FORM) as (keyof RlForm)[]) if (typeof saved[k] === 'string') (f as Record<string, string>)[k] = saved[k];
    if (!(ALGOS as readonly string[]).includes(f.algo)) f.algo = DEFAULT_FORM.algo;
    if (!(PRESETS as readonly string[]).includes(f.preset)) f.preset = 'custom';
    return f;
  } catch {
    return DEFAULT_FORM;
  }
}

export const saveForm = (f: RlForm) => localStorage.setItem(KEY, JSON.stringify(f));

export type ErrorKey = 'rl.err.int' | 'rl.err.unit' | 'rl.err.finite' | 'rl.err.positive' | 'rl.err.alpha' | 'rl.err.cell' | 'rl.err.ragged' | 'rl.err.starts' | 'rl.err.noStart' | 'rl.err.empty' | 'rl.err.noOpen';
export type FieldErrors = Partial<Record<keyof RlForm, { key: ErrorKey; vars?: Record<string, string | number> }>>;

/** The grid's rows (blank lines and trailing spaces dropped, as the engine reads them) and its first mistake. */
export function checkGrid(text: string, learner: boolean): { rows: string[]; error: FieldErrors['grid'] } {
  const rows = text.split(/\r?\n/).map((l) => l.replace(/[ \t]+$/, '')).filter((l) => l !== '');
  if (rows.length === 0) return { rows, error: { key: 'rl.err.empty' } };
  let starts = 0;
  let open = false;
  for (let r = 0; r < rows.length; r++) {
    const line = rows[r]!;
    if (line.length !== rows[0]!.length) return { rows, error: { key: 'rl.err.ragged', vars: { line: r + 1, n: line.length, m: rows[0]!.length } } };
    for (let c = 0; c < line.length; c++) {
      const ch = line[c]!;
      if (!'.#SGXC'.includes(ch)) return { rows, error: { key: 'rl.err.cell', vars: { line: r + 1, col: c + 1, ch } } };
      if (ch === 'S') starts++;
      if (ch === '.' || ch === 'S') open = true;
    }
  }
  if (starts > 1) return { rows, error: { key: 'rl.err.starts' } };
  if (!open) return { rows, error: { key: 'rl.err.noOpen' } };
  if (starts === 0 && (learner || rows.some((l) => l.includes('C')))) return { rows, error: { key: 'rl.err.noStart' } };
  return { rows, error: undefined };
}

export interface CheckedForm {
  errors: FieldErrors;
  config: GridworldLabConfig | null;
}

const numberOf = (s: string) => (s.trim() === '' ? NaN : Number(s.trim()));

export function checkForm(f: RlForm): CheckedForm {
  const errors: FieldErrors = {};
  const learner = isLearner(f.algo);
  const grid = checkGrid(f.grid, learner);
  if (grid.error) errors.grid = grid.error;
  const unit = (k: keyof RlForm) => {
    const v = numberOf(f[k]);
    if (!(v >= 0 && v <= 1)) errors[k] = { key: 'rl.err.unit' };
    return v;
  };
  const int = (k: keyof RlForm, min: number, max: number) => {
    const v = numberOf(f[k]);
    if (!(Number.isInteger(v) && v >= min && v <= max)) errors[k] = { key: 'rl.err.int', vars: { min, max } };
    return v;
  };
  const gamma = unit('gamma');
  const slip = unit('slip');
  const stepReward = numberOf(f.stepReward);
  if (!(Math.abs(stepReward) <= 1e6)) errors.stepReward = { key: 'rl.err.finite' };
  const config: GridworldLabConfig = { grid: grid.rows.join('\n'), algo: f.algo, gamma, step_reward: stepReward, slip };
  if (learner) {
    config.epsilon = unit('epsilon');
    const alpha = numberOf(f.alpha);
    if (!(alpha > 0 && alpha <= 1)) errors.alpha = { key: 'rl.err.alpha' };
    config.alpha = alpha;
    config.episodes = int('episodes', 1, 10_000_000);
    config.seed = int('seed', 0, Number.MAX_SAFE_INTEGER);
    if (f.algo === 'dyna-q') config.planning = int('planning', 0, 1000);
    if (f.algo === 'sarsa-lambda') config.lambda = unit('lambda');
  } else {
    const tol = numberOf(f.tol);
    if (!(tol > 0 && Number.isFinite(tol))) errors.tol = { key: 'rl.err.positive' };
    config.tol = tol;
  }
  return { errors, config: Object.keys(errors).length === 0 ? config : null };
}

/** The grid as a picture before any run: every open cell at 0, no policy, no path (rlLive.ts's frame). */
export function previewFrame(rows: string[]): ValuesFrame | null {
  if (rows.length === 0) return null;
  const cols = rows[0]!.length;
  const data = new Float32Array(rows.length * cols * 5).fill(NaN);
  for (let r = 0; r < rows.length; r++)
    for (let c = 0; c < cols; c++) {
      const ch = rows[r]![c]!;
      if (ch !== '#' && ch !== 'C') data[(r * cols + c) * 5] = 0;
    }
  const start = rows.join('').indexOf('S');
  return {
    step: 0,
    data,
    meta: { rows: rows.length, cols, grid: rows, algo: '', policy: new Array<number>(rows.length * cols).fill(-1), path: [], start: start < 0 ? null : start, phase: null, gamma: 0, epsilon: null, alpha: null },
  };
}

const CYCLE = '.#GXCS';

/** The grid text with one cell changed to the next kind (. # G X C S, then . again); one start at most (a new S clears the old one). */
export function cycleCell(text: string, cell: number): string {
  const rows = checkGrid(text, false).rows;
  const cols = rows[0]?.length ?? 0;
  if (cols === 0 || cell < 0 || cell >= rows.length * cols) return text;
  const grid = rows.map((r) => [...r]);
  const r = Math.floor(cell / cols);
  const c = cell % cols;
  const next = CYCLE[(CYCLE.indexOf(grid[r]![c]!) + 1) % CYCLE.length]!;
  if (next === 'S') for (const row of grid) for (let k = 0; k < row.length; k++) if (row[k] === 'S') row[k] = '.';
  grid[r]![c] = next;
  return grid.map((row) => row.join('')).join('\n');
}
