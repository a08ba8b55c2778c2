/**
 * `gradlab` — the engine from the command line. Commands: functions, optimizers, race, datasets,
 * dataset, train, graph, serve, and over the experiment store (store-commands.ts) runs … and sweep;
 * the global --home DIR names the store's folder.
 * Exit codes: 0 done; 2 bad arguments or config (the message names the argument); 1 a failure while
 * running.
 */
import { Command, CommanderError, Option } from 'commander';

import { LabError } from '../native/errors.js';
import { datasetCommand, datasetsCommand, type DatasetArgs } from './commands/datasets.js';
import { addColumnOptions } from './csv-args.js';
import { functionsCommand, optimizersCommand } from './commands/functions.js';
import { GRAPH_FORMATS, graphCommand, type GraphArgs } from './commands/graph.js';
import { registerRace } from './commands/race.js';
import { registerRl } from './commands/rl.js';
import { registerMcts } from './commands/mcts.js';
import { serveCommand, type ServeArgs } from './commands/serve.js';
import { registerTrain } from './commands/train.js';
import { registerVae } from './commands/vae.js';
import { registerGan } from './commands/gan.js';
import { registerSeq } from './commands/seq.js';
import { registerAttention } from './commands/attention.js';
import { registerLessons } from './commands/lessons.js';
import { registerPack } from './commands/pack.js';
import type { Format } from './format.js';
import { Output } from './output.js';
import { collect, formatOption, int, number } from './option-parsers.js';
import { registerStoreCommands } from './store-commands.js';

const CONFIG_CODES = new Set([
  'INVALID_CONFIG', 'UNKNOWN_OPTIMIZER', 'UNKNOWN_FUNCTION', 'UNKNOWN_HYPERPARAMETER', 'FORMULA_SYNTAX',
  'UNKNOWN_RUN', 'BUNDLE_FORMAT', 'STORE_VERSION', 'RUN_STATE',
]);

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let result = '';
  let exitCode = 0;
  const program = new Command('gradlab')
    .description('Gradient Lab (梯度实验室): run the labs of deep learning from the command line')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s) })
    .showHelpAfterError('(run with --help for usage)')
    .option('--home <dir>', 'the experiment store\'s folder (default: $GRADLAB_HOME, else the app-data folder)')
    .configureHelp({ showGlobalOptions: true });

  program
    .command('functions')
    .description('list the built-in 2-D landscapes with their minima')
    .addOption(formatOption())
    .action((o: { format: Format }) => {
      result = functionsCommand(o.format);
    });

  program
    .command('optimizers')
    .description('list the optimizers with their hyper-parameters and defaults')
    .addOption(formatOption())
    .action((o: { format: Format }) => {
      result = optimizersCommand(o.format);
    });

  program
    .command('datasets')
    .description('list the data sets of the training lab with their settings')
    .addOption(formatOption())
    .action((o: { format: Format }) => {
      result = datasetsCommand(o.format);
    });

  addColumnOptions(program
    .command('dataset <name>')
    .description('generate a data set (or read a CSV with `dataset csv --csv FILE`) and print its points')
    .option('--set <name=value>', 'a setting of the data set (repeatable), e.g. classes=5', collect, [])
    .option('--csv <file>', 'with name csv: the file: comma, semicolon or tab separated, quoted or not, a header line or none')
    .addOption(new Option('--kind <kind>', 'with name csv: what the file holds (default: classification with a label column, else regression)').choices(['classification', 'regression'])))
    .addOption(formatOption())
    .action((name: string, o: DatasetArgs) => {
      result = datasetCommand(name, o);
    });

  registerRace(program, (text) => (result = text), new Output(out));
  registerRl(program, (text) => (result = text));
  registerMcts(program, (text) => (result = text));
  registerTrain(program, (text) => (result = text));
  registerVae(program, (text) => (result = text));
  registerGan(program, (text) => (result = text));
  registerSeq(program, (text) => (result = text));
  registerAttention(program, (text) => (result = text));
  registerLessons(program, (text) => (result = text), (code) => (exitCode = code));
  registerPack(program, (text) => (result = text));

  program
    .command('graph')
    .description('the computation graph of an expression or of one example through an MLP, after forward and backward')
    .option('--expr <expression>', 'a scalar expression in named variables, e.g. "(w*x+b-y)^2" (default lesson without it)')
    .option('--set <name=value[,…]>', 'values of the variables (repeatable), e.g. w=0.5,x=2,b=0.1,y=3', collect, [])
    .option('--network', 'the graph of one example through an MLP instead')
    .option('--dataset <name>', 'with --network: the data set (see `gradlab datasets`)')
    .option('--data <name=value>', 'with --network: a setting of the data set (repeatable), e.g. n=100', collect, [])
    .option('--layers <widths>', 'with --network: hidden layer widths, e.g. 3 or 4,4', '3')
    .option('--activation <name[,name…]>', 'with --network: activation of the hidden layers', 'tanh')
    .option('--example <i>', 'with --network: the row of the data set (training rows first)', int('--example', 0, 100_000_000))
    .option('--seed <n>', 'with --network: seed of the initial weights (as in `gradlab train`)', int('--seed', 0, Number.MAX_SAFE_INTEGER))
    .option('--weights <file>', 'with --network: weights saved by `gradlab train --save-weights`')
    .addOption(new Option('--format <format>', 'output format').choices(GRAPH_FORMATS as string[]).default('table'))
    .action((o: GraphArgs) => {
      result = graphCommand(o);
    });

  program
    .command('serve')
    .description('run the lab host for the browser: prints the URL (with its token) to open')
    .option('--port <n>', 'port (default: a free one)', int('--port', 0, 65535), 0)
    .option('--host <address>', 'interface to bind; the token is required whatever it is', '127.0.0.1')
    .option('--concurrency <n>', 'runs at once (default: the number of cores)', int('--concurrency', 1, 1024))
    .option('--paused-grace <minutes>', 'stop a paused run no client follows any more after this long (default 10)', number('--paused-grace'))
    .option('--json', 'print {url, port, token, store} as one JSON line')
    .action(async function (this: Command) {
      result = await serveCommand(this.optsWithGlobals<ServeArgs>(), out);
    });

  registerStoreCommands(program, (text) => (result = text));

  if (argv.length === 0) {
    out.write(program.helpInformation());
    return 0;
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    out.write(result);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed by commander
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof LabError) {
      err.write(`gradlab: ${e.message} [${e.code}]\n`);
      return CONFIG_CODES.has(e.code) ? 2 : 1;
    }
    err.write(`gradlab: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
