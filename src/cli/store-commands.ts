/**
 * The commands over the experiment store, registered on the `gradlab` program: `runs list | show |
 * export | import | delete | tag | edit | best`, `sweep` and `store check | recover | set-aside`, plus the --save options of train and race.
 * Every one reads the store folder from the global `--home DIR` (else GRADLAB_HOME, else the app-data
 * folder) and takes --format table|csv|json.
 */
import type { Command} from 'commander';
import { Argument, Option, type OptionValues } from 'commander';

import { LAB_NAMES } from '../experiments/labs.js';
import { runsBestCommand, runsListCommand, runsShowCommand, type RunsBestArgs, type RunsListArgs } from './commands/runs.js';
import { runsDeleteCommand, runsEditCommand, runsTagCommand, runsThinCommand, type RunsEditArgs, type RunsTagArgs, type RunsThinArgs } from './commands/runs-edit.js';
import { runsExportCommand, runsImportCommand, type RunsExportArgs } from './commands/runs-transfer.js';
import { storeCheckCommand, storeRecoverCommand, storeReencodeCommand, storeSetAsideCommand, type StoreArgs } from './commands/store.js';
import { sweepCommand, type SweepArgs } from './commands/sweep.js';
import { sweepsListCommand, sweepSummaryCommand, type SweepsArgs, type SweepSummaryArgs } from './commands/sweeps.js';
import type { Format } from './format.js';
import { collect, formatOption, int, runId } from './option-parsers.js';
import type { HomeArgs } from './store-access.js';

type Output = HomeArgs & { format: Format };
type Print = (text: string) => void;

/** The command's options merged with the global ones (--home). */
const options = <T extends OptionValues>(cmd: Command) => cmd.optsWithGlobals<T>();

/** A run id argument, checked by commander (exit 2 naming it). */
const idArgument = () => new Argument('<id>', 'the run\'s id').argParser(runId);

const SORT_HELP = 'sort key: id, created_at, name, status, lab, steps, duration_ms, ms_per_step, config.<path>, final.<series>, best.<series>';

export function addSaveOptions(cmd: Command): Command {
  return cmd
    .option('--save', 'also record the run in the experiment store (see `gradlab runs`); its id goes to stderr (json: run_id)')
    .option('--name <name>', 'with --save: the run\'s name')
    .option('--tag <tag>', 'with --save: a tag (repeatable)', collect, []);
}

function registerRunsList(runs: Command, print: Print): void {
  runs
    .command('list')
    .description('list the stored runs, filtered and sorted')
    .option('--lab <lab>', `only runs of this lab (${LAB_NAMES.join(', ')})`)
    .option('--status <status[,…]>', 'only runs with this status (repeatable)', collect, [])
    .option('--tag <tag>', 'only runs with this tag')
    .option('--text <text>', 'only runs with this text in the name, notes or config')
    .option('--config <path=value>', 'only runs whose config has this value (repeatable), e.g. optimizer.type=adam', collect, [])
    .option('--sweep <id>', 'only the runs of this sweep', int('--sweep', 1, Number.MAX_SAFE_INTEGER))
    .option('--archived', 'only archived runs (default: only runs not archived)')
    .option('--sort <key>', SORT_HELP, 'id')
    .option('--desc', 'sort descending')
    .option('--limit <n>', 'at most this many runs', int('--limit', 1, 1_000_000), 1000)
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => print(await runsListCommand(options<RunsListArgs>(cmd))));
}

function registerRunsEdit(runs: Command, print: Print): void {
  runs
    .command('delete')
    .addArgument(new Argument('<id...>', 'the runs\' ids').argParser((v: string, prev: number[] = []) => [...prev, runId(v)]))
    .description('delete runs with their points and artifacts (nothing is deleted if an id is unknown)')
    .addOption(formatOption())
    .action(async (ids: number[], _o, cmd: Command) => print(await runsDeleteCommand(ids, options<Output>(cmd))));
  runs
    .command('thin')
    .addArgument(idArgument())
    .description('shrink a finished run\'s points: every K-th, each K-block\'s smallest and largest, NaN and ±Inf, the first and last (recorded in its history)')
    .requiredOption('--every <k>', 'keep every k-th point (k ≥ 2)', int('--every', 2, 1_000_000))
    .addOption(formatOption())
    .action(async (id: number, _o, cmd: Command) => print(await runsThinCommand(id, options<RunsThinArgs>(cmd))));
  runs
    .command('tag')
    .addArgument(idArgument())
    .description('add and remove tags of a run')
    .option('--add <tag>', 'a tag to add (repeatable)', collect, [])
    .option('--remove <tag>', 'a tag to remove (repeatable)', collect, [])
    .addOption(formatOption())
    .action(async (id: number, _o, cmd: Command) => print(await runsTagCommand(id, options<RunsTagArgs>(cmd))));
  runs
    .command('edit')
    .addArgument(idArgument())
    .description('rename a run, set its notes, archive or unarchive it')
    .option('--name <name>', 'the new name')
    .option('--notes <text>', 'the new notes')
    .option('--archive', 'archive the run (hidden from `runs list` unless --archived)')
    .option('--unarchive', 'bring an archived run back')
    .addOption(formatOption())
    .action(async (id: number, _o, cmd: Command) => print(await runsEditCommand(id, options<RunsEditArgs>(cmd))));
}

function registerRuns(program: Command, print: Print): void {
  const runs = program.command('runs').description('the runs of the experiment store: list, show, export, import, delete, tag, edit, best');
  registerRunsList(runs, print);
  runs
    .command('show')
    .addArgument(idArgument())
    .description('one run: config, status history, series with point counts, final/best values, artifacts')
    .addOption(formatOption())
    .action(async (id: number, _o, cmd: Command) => print(await runsShowCommand(id, options<Output>(cmd))));
  runs
    .command('export')
    .addArgument(idArgument())
    .description('write every point of a run as CSV (--csv), the run as a bundle to import elsewhere (--bundle), or as a PyTorch script (--pytorch)')
    .option('--csv <file>', 'series,step,time_ms,value, one line per point')
    .option('--bundle <file>', 'the run bundle (config, history, points, weights, frames)')
    .option('--pytorch <file>', 'a PyTorch script that replays the run: `python3 FILE --json` prints the same keys as the lab\'s --format json')
    .addOption(formatOption())
    .action(async (id: number, _o, cmd: Command) => print(await runsExportCommand(id, options<RunsExportArgs>(cmd))));
  runs
    .command('import <file>')
    .description('import a run bundle as a new run and print its id')
    .addOption(formatOption())
    .action(async (file: string, _o, cmd: Command) => print(await runsImportCommand(file, options<Output>(cmd))));
  registerRunsEdit(runs, print);
  runs
    .command('best')
    .description('the run with the best value of a metric (a series name such as epoch_test_loss or race_f)')
    .requiredOption('--metric <series>', 'the metric, e.g. epoch_test_acc')
    .option('--max', 'largest is best (default: the metric\'s own direction)')
    .option('--min', 'smallest is best')
    .option('--lab <lab>', 'only runs of this lab')
    .option('--sweep <id>', 'only the runs of this sweep', int('--sweep', 1, Number.MAX_SAFE_INTEGER))
    .option('--limit <n>', 'the best n runs', int('--limit', 1, 1_000_000), 1)
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => print(await runsBestCommand(options<RunsBestArgs>(cmd))));
}

function registerSweep(program: Command, print: Print): void {
  program
    .command('sweep')
    .description('run a grid or random search over a base config, store every run, print them sorted')
    .addOption(new Option('--lab <lab>', 'the lab').choices(LAB_NAMES).makeOptionMandatory())
    .option('--base <file>', 'the base config (JSON, as the lab\'s config; see docs/protocol.md)')
    .option('--base-json <json>', 'the base config inline')
    .option('--grid <path=v1,v2,…>', 'values of a config path, every combination is a run (repeatable), e.g. optimizer.lr=0.1,0.01', collect, [])
    .option('--random <path=min:max[:log][:int]|path=a|b>', 'a range or choice to draw from (repeatable)', collect, [])
    .option('--samples <n>', 'with --random: draws (per grid point)', int('--samples', 1, 1000))
    .option('--seed <n>', 'with --random: seed of the draws', int('--seed', 0, Number.MAX_SAFE_INTEGER))
    .option('--name <name>', 'the sweep\'s name (its runs are named after it and their values)')
    .option('--tag <tag>', 'a tag for every run (repeatable)', collect, [])
    .option('--concurrency <n>', 'runs at once (default: the number of cores)', int('--concurrency', 1, 256))
    .option('--sort <key>', `${SORT_HELP} (default: train best.epoch_test_loss, race id)`)
    .option('--desc', 'sort descending')
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => print(await sweepCommand(options<SweepArgs>(cmd))));
}

function registerSweeps(program: Command, print: Print): void {
  const sweeps = program.command('sweeps').description('the sweeps in the store, and one sweep\'s summary (ranked runs, the metric over two parameters)');
  sweeps
    .command('list')
    .description('every sweep, newest first: id, name, lab, runs')
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => print(await sweepsListCommand(options<SweepsArgs>(cmd))));
  sweeps
    .command('summary')
    .description('a sweep\'s runs ranked by a key metric of its lab, the parameters they vary, and the metric over two of them')
    .addArgument(new Argument('<id>', 'the sweep').argParser(runId))
    .option('--metric <series>', 'a key metric of the lab with a better direction (default: its first)')
    .option('--best', 'rank by each run\'s best value (default: its final one)')
    .option('--x <path>', 'the parameter across the grid (default: the first the sweep varies)')
    .option('--y <path>', 'the parameter down the grid (default: the next)')
    .addOption(new Option('--cell <how>', 'each grid cell: the mean or the best of its runs').choices(['mean', 'best']).default('mean'))
    .addOption(formatOption())
    .action(async (id: number, _o, cmd: Command) => print(await sweepSummaryCommand({ ...options<SweepSummaryArgs>(cmd), id })));
}

function registerStoreFile(program: Command, print: Print): void {
  const store = program.command('store').description('the store file itself: check it, recover a damaged one, set it aside, or re-encode an old one');
  store
    .command('check')
    .description('the header and SQLite\'s integrity check of the store file; exit 1 naming what is wrong')
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => print(await storeCheckCommand(options<StoreArgs>(cmd))));
  store
    .command('recover')
    .description('copy every readable run, point and artifact of a damaged store into a new one; the damaged file is kept, renamed')
    .option('--force', 'also when the store passes its check')
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => print(await storeRecoverCommand(options<StoreArgs>(cmd))));
  store
    .command('set-aside')
    .description('keep a damaged store file aside (renamed with the time) and start a new store')
    .option('--force', 'also when the store passes its check')
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => print(await storeSetAsideCommand(options<StoreArgs>(cmd))));
  store
    .command('reencode')
    .description('write the points of finished runs again with the current encodings (an old store shrinks), checked bit for bit, then VACUUM')
    .option('--no-vacuum', 'leave the freed pages in the file (faster; the file does not shrink)')
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => print(await storeReencodeCommand(options<StoreArgs>(cmd))));
}

export function registerStoreCommands(program: Command, print: Print): void {
  registerRuns(program, print);
  registerSweep(program, print);
  registerSweeps(program, print);
  registerStoreFile(program, print);
}
