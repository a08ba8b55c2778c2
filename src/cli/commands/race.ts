/**
 * `gradlab race`: runs an optimizer race headless and prints it.
 *   table (default): one summary row per optimizer (status, steps, final point, f, ‖g‖), plus the
 *                    trajectory every N steps with --every N;
 *   csv:             every row of every trajectory (optimizer, step, x, y, f, gx, gy, gnorm, lr);
 *   json:            one document; `optimizers[i]` holds name, type, hypers, schedule, status, steps and
 *                    the trajectory as arrays x, y, f (also gnorm, lr) where index k is the point after
 *                    k updates (index 0 = the start).
 * With --save (--name, --tag, --home) the race is also recorded in the experiment store (live-run.ts);
 * the run id goes to stderr, or into the json document as run_id.
 */
import type { Command } from 'commander';

import { addSaveOptions } from '../store-commands.js';
import { collect, formatOption, int, number } from '../option-parsers.js';
import { OPTIMIZERS, resolveRace, startRace, type RaceBatch, type RaceConfig, type RaceNotice, type RaceSummary } from '../../native/index.js';
import { csvCell, table, type Cell, type Format } from '../format.js';
import { StreamedArray, writeJson, type Output } from '../output.js';
import { ColumnSpool } from '../spool.js';
import { parseFunction, parseOptimizer, parsePoint } from '../parse-args.js';
import { liveSession, savedRun, type SaveArgs } from '../live-run.js';
import { ProgressBar } from '../progress.js';

export interface RaceArgs extends SaveArgs {
  save?: boolean;
  fn: string;
  param: string[];
  start?: string;
  opt: string[];
  steps: number;
  seed: number;
  noise?: number;
  gradTol?: number;
  fTarget?: number;
  divergeBound?: number;
  every?: number;
  format: Format;
}

const SERIES = ['x', 'y', 'f', 'gx', 'gy', 'gnorm', 'lr'] as const;

/** Hyper-parameters in the order the engine declares them (lr first), not alphabetically. */
function ordered(type: string, hypers: Record<string, number | boolean>): Record<string, number | boolean> {
  const names: readonly string[] = OPTIMIZERS.find((o) => o.type === type)?.hypers.map((h) => h.name) ?? [];
  const out: Record<string, number | boolean> = {};
  for (const n of names) if (n in hypers) out[n] = hypers[n]!;
  for (const [k, v] of Object.entries(hypers)) if (!(k in out)) out[k] = v;
  return out;
}

export function raceConfig(a: RaceArgs): RaceConfig {
  const opts = a.opt.length > 0 ? a.opt : ['adam'];
  const stop: NonNullable<RaceConfig['stop']> = {};
  if (a.gradTol !== undefined) stop.grad_tol = a.gradTol;
  if (a.fTarget !== undefined) stop.f_target = a.fTarget;
  if (a.divergeBound !== undefined) stop.diverge_bound = a.divergeBound;
  return {
    function: parseFunction(a.fn, a.param),
    ...(a.start !== undefined ? { start: parsePoint(a.start, '--start') } : {}),
    steps: a.steps,
    seed: a.seed,
    ...(a.noise !== undefined ? { noise: { sigma: a.noise } } : {}),
    ...(Object.keys(stop).length > 0 ? { stop } : {}),
    optimizers: opts.map(parseOptimizer),
  };
}

/**
 * Runs the race. csv and json go to `out` as they are written (the points wait in a temporary file per
 * optimizer, not in memory: a 10 000 000-step race stays within a few hundred MB); the table (small)
 * is returned. With --every, the table keeps only every n-th point.
 */
export async function raceCommand(a: RaceArgs, out: Output): Promise<string> {
  const config = raceConfig(a);
  const resolved = resolveRace(config);
  const n = resolved.optimizers.length;
  const counts = new Array<number>(n).fill(0);
  const spools = a.format === 'table' ? null : resolved.optimizers.map(() => new ColumnSpool(SERIES.length));
  const every = a.format === 'table' && a.every !== undefined ? a.every : 0;
  const sampled: Cell[][][] = resolved.optimizers.map(() => []);
  try {
    const bar = new ProgressBar(resolved.steps, 'race');
    const race = a.save ? await savedRun<RaceSummary, RaceBatch, RaceNotice>('race', config, a) : liveSession(startRace(config));
    race.onBatch((b) => {
      const i = b.index;
      const cols = SERIES.map((s) => b.columns[s]);
      const k0 = counts[i]!;
      counts[i] = k0 + b.rows;
      if (spools) spools[i]!.append(cols, b.rows);
      else if (every > 0)
        for (let r = (every - (k0 % every)) % every; r < b.rows; r += every)
          sampled[i]!.push([resolved.optimizers[i]!.name, k0 + r, cols[0]![r], cols[1]![r], cols[2]![r], cols[5]![r]]);
      bar.update(Math.max(0, ...counts.map((c) => c - 1)));
    });
    let summary: RaceSummary;
    try {
      summary = await race.done;
    } finally {
      bar.finish();
    }
    if (race.runId !== undefined && a.format !== 'json') process.stderr.write(`gradlab: saved as run ${race.runId}\n`);
    if (spools && a.format === 'json') {
      await writeJson(out, {
        ...(race.runId !== undefined ? { run_id: race.runId } : {}),
        function: { ...resolved.function, start: resolved.start },
        steps: resolved.steps,
        seed: resolved.seed,
        noise: resolved.noise,
        stop: resolved.stop,
        elapsed_ms: summary.elapsed_ms,
        ms_per_step: summary.ms_per_step,
        optimizers: resolved.optimizers.map((o, i) => ({
          name: o.name,
          type: o.type,
          hypers: ordered(o.type, o.hypers),
          schedule: o.schedule,
          status: summary.optimizers[i]!.status,
          steps: summary.optimizers[i]!.steps,
          ...Object.fromEntries(SERIES.map((name, c) => [name, new StreamedArray(() => spools[i]!.column(c))])),
        })),
      });
      return '';
    }
    if (spools) {
      await out.put(['optimizer', 'name', 'step', ...SERIES].map(csvCell).join(',') + '\n');
      for (let i = 0; i < n; i++) {
        const name = csvCell(resolved.optimizers[i]!.name);
        const columns = SERIES.map((_, c) => spools[i]!.column(c));
        let k = 0;
        for (;;) {
          const slices = columns.map((g) => g.next());
          if (slices[0]!.done) break;
          const vals = slices.map((r) => r.value as Float64Array);
          const lines = new Array<string>(vals[0]!.length);
          for (let r = 0; r < lines.length; r++, k++) lines[r] = `${i},${name},${k},${vals.map((v) => csvCell(v[r]!)).join(',')}`;
          await out.put(lines.join('\n') + '\n');
        }
      }
      return '';
    }

  const head = `${resolved.function.name === 'formula' ? `f(x, y) = ${resolved.function.formula}` : resolved.function.name} from (${resolved.start.join(', ')}), ${resolved.steps} steps, ${summary.elapsed_ms.toFixed(1)} ms\n\n`;
  const sumRows: Cell[][] = summary.optimizers.map((o) => [
    o.name,
    Object.entries(ordered(o.type, o.hypers))
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' '),
    o.status,
    o.steps,
    o.final.x,
    o.final.y,
    o.final.f,
    o.final.gnorm,
  ]);
  let text = head + table(['optimizer', 'hyper-parameters', 'status', 'steps', 'x', 'y', 'f', '‖g‖'], sumRows);
    if (every > 0) text += '\n' + table(['optimizer', 'step', 'x', 'y', 'f', '‖g‖'], sampled.flat());
    return text;
  } finally {
    for (const sp of spools ?? []) sp.close();
  }
}

/** Adds `gradlab race` to the program; `done` receives what it prints. */
export function registerRace(program: Command, done: (text: string) => void, out: Output): void {
  addSaveOptions(program
    .command('race'))
    .description('race optimizers on a 2-D landscape from one start point')
    .requiredOption('--fn <name|formula>', 'a built-in function (see `gradlab functions`) or a formula in x and y')
    .option('--param <name=value>', 'a parameter of a built-in function (repeatable), e.g. kappa=50', collect, [])
    .option('--start <x,y>', 'start point (default: the function\'s)')
    .option('--opt <type[:k=v,…]>', 'an optimizer and its hyper-parameters (repeatable), e.g. adam:lr=0.01', collect, [])
    .option('--steps <n>', 'number of updates', int('--steps', 1, 10_000_000), 1000)
    .option('--seed <n>', 'seed of the gradient noise', int('--seed', 0, Number.MAX_SAFE_INTEGER), 1)
    .option('--noise <sigma>', 'add N(0, σ²) noise to every gradient component', number('--noise'))
    .option('--grad-tol <tol>', 'stop an optimizer when ‖∇f‖ < tol', number('--grad-tol'))
    .option('--f-target <f>', 'stop an optimizer when f ≤ this', number('--f-target'))
    .option('--diverge-bound <b>', 'an optimizer diverges when |x| or |y| exceeds this (default 1e6)', number('--diverge-bound'))
    .option('--every <n>', 'table format: also print the trajectory every n steps', int('--every', 1, 10_000_000))
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => {
      done(await raceCommand(cmd.optsWithGlobals<RaceArgs>(), out));
    });
}
