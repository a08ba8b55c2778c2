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
import { functionsCommand, optimizersCommand } from './commands/functions.js';
import { GRAPH_FORMATS, graphCommand, type GraphArgs } from './commands/graph.js';
import { raceCommand, type RaceArgs } from './commands/race.js';
import { serveCommand, type ServeArgs } from './commands/serve.js';
import { trainCommand, type TrainArgs } from './commands/train.js';
import type { Format } from './format.js';
import { collect, formatOption, int, number } from './option-parsers.js';
import { addSaveOptions, registerStoreCommands } from './store-commands.js';

const CONFIG_CODES = new Set([
  'INVALID_CONFIG', 'UNKNOWN_OPTIMIZER', 'UNKNOWN_FUNCTION', 'UNKNOWN_HYPERPARAMETER', 'FORMULA_SYNTAX',
  'UNKNOWN_RUN', 'BUNDLE_FORMAT', 'STORE_VERSION', 'RUN_STATE',
]);

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let result = '';
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

  program
    .command('dataset <name>')
    .description('generate a data set (or read a CSV with `dataset csv --csv FILE`) and print its points')
    .option('--set <name=value>', 'a setting of the data set (repeatable), e.g. classes=5', collect, [])
    .option('--csv <file>', 'with name csv: the file (x,y,label or x,y)')
    .addOption(new Option('--kind <kind>', 'with name csv: what the file holds').choices(['classification', 'regression']))
    .addOption(formatOption())
    .action((name: string, o: DatasetArgs) => {
      result = datasetCommand(name, o);
    });

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
      result = await raceCommand(cmd.optsWithGlobals<RaceArgs>());
    });

  if (argv.length === 0) {
    out.write(program.helpInformation());
    return 0;
  }
  addSaveOptions(program
    .command('train'))
    .description('train a network (an MLP, or any layer stack with --model) on a data set and print its metrics')
    .requiredOption('--dataset <name>', 'a data set: spiral, circles, moons, xor, blobs, checkerboard, sine, polynomial, step (see `gradlab datasets`); digits (10 000 MNIST digits), idx (--images, --labels), folder (--dir)')
    .option('--model <layers|preset>', 'a layer stack, e.g. "conv(8,3,pad=1) relu maxpool(2) flatten linear(10)", or a preset: lenet5, cnn_b50, vgg_small (default for image data: lenet5); replaces --layers and --activation')
    .option('--images <file>', 'with --dataset idx: the images (idx3-ubyte, gzipped or not)')
    .option('--labels <file>', 'with --dataset idx: the labels (idx1-ubyte)')
    .option('--test-images <file>', 'with --dataset idx: test images (all the others are then trained on; without, a seeded 80/20 split)')
    .option('--test-labels <file>', 'with --dataset idx: test labels')
    .option('--dir <folder>', 'with --dataset folder: one subfolder of PNG or JPEG images per class')
    .option('--test-dir <folder>', 'with --dataset folder: test images in the same class subfolders')
    .addOption(new Option('--channels <n>', 'image sets: convert pictures to 1 (grey) or 3 (RGB) channels').choices(['1', '3']))
    .option('--size <H,W>', 'image sets: resize every picture to H×W')
    .option('--set <name=value>', 'a setting of the data set (repeatable), e.g. n=500', collect, [])
    .option('--classes <k>', 'number of classes (spiral, blobs)', int('--classes', 2, 10))
    .option('--layers <widths>', 'an MLP\'s hidden layer widths, e.g. 64,64 (empty: a linear model; default 16)')
    .option('--activation <name[,name…]>', 'an MLP\'s activation of the hidden layers, one or one per layer (default tanh)')
    .option('--dropout <p>', 'dropout after each hidden layer', number('--dropout'))
    .option('--opt <type[:k=v,…]>', 'the optimizer and its hyper-parameters, e.g. adam:lr=0.01 (default adam; for image data adam:lr=0.002 with a cosine decay over the run)')
    .option('--batch <n|full>', 'mini-batch size: 1 = SGD … full = full-batch gradient descent', '32')
    .option('--epochs <n>', 'epochs (default 100; 10 for image data)', int('--epochs', 1, 100_000))
    .option('--seed <n>', 'seed of the initial weights, shuffling and dropout', int('--seed', 0, Number.MAX_SAFE_INTEGER), 1)
    .addOption(
      new Option('--loss <name>', 'the loss (default: cross_entropy for classes, mse for regression; bce: 2 classes, one logit)').choices([
        'cross_entropy',
        'bce',
        'mse',
      ]),
    )
    .option('--l2 <lambda>', 'L2 penalty λ·Σθ² added to the loss', number('--l2'))
    .option('--l1 <lambda>', 'L1 penalty λ·Σ|θ| added to the loss', number('--l1'))
    .option('--target-loss <loss>', 'stop when the training loss is at or below this', number('--target-loss'))
    .option('--patience <epochs>', 'early stopping: epochs without a better test loss', int('--patience', 1, 100_000))
    .option('--every <n>', 'table format: also print every n-th epoch', int('--every', 1, 100_000))
    .option('--save-weights <file>', 'write the trained weights to this file when the run ends')
    .option('--load-weights <file>', 'start from these weights (same architecture)')
    .addOption(formatOption())
    .action(async (_o, cmd: Command) => {
      result = await trainCommand(cmd.optsWithGlobals<TrainArgs>());
    });

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
    .option('--json', 'print {url, port, token, store} as one JSON line')
    .action(async function (this: Command) {
      result = await serveCommand(this.optsWithGlobals<ServeArgs>(), out);
    });

  registerStoreCommands(program, (text) => (result = text));

  try {
    await program.parseAsync(argv, { from: 'user' });
    out.write(result);
    return 0;
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
