// Runs of any length (issue #15), each as a child process of the CLI with a fresh store:
//   - a 10 000 000-step race of 3 optimizers, saved (--format table): peak RSS, time, bytes per
//     optimizer-step on disk (database + WAL);
//   - the same race unsaved with --format csv to /dev/null: the time the saved race is measured against;
//   - a 1 000 000-step training run, saved: peak RSS, bytes per stored point;
//   - a chart read of that run's 1 000 000-point loss down to 2 000 points.
// Prints each against its goal. `--quick` runs a tenth of the steps.
//   node scripts/bench_long_runs.mjs [--quick]     (also: npm run bench -- --long-only)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mainJs = pathToFileURL(path.join(root, 'dist', 'src', 'cli', 'main.js')).href;

/** Runs `gradlab args` in a child with stdout to /dev/null; its wall time (s) and peak RSS (MB). */
function cli(args, home) {
  const script = `const m = await import(${JSON.stringify(mainJs)}); const t0 = performance.now(); const code = await m.main(${JSON.stringify(args)});
process.stderr.write('\\nBENCH ' + JSON.stringify({ s: (performance.now() - t0) / 1000, rss: process.resourceUsage().maxRSS / 1024 }) + '\\n'); process.exitCode = code;`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, GRADLAB_HOME: home }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`gradlab ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(/BENCH (.*)/.exec(r.stderr)[1]);
}

const storeBytes = (home) => ['experiments.db', 'experiments.db-wal'].map((f) => path.join(home, f)).filter(existsSync).reduce((n, f) => n + statSync(f).size, 0);

export async function measureLongRuns({ quick = false } = {}) {
  const scale = quick ? 10 : 1;
  const raceSteps = 10_000_000 / scale;
  const trainEpochs = 6250 / scale; // xor, 200 points (160 for training), batch 1: 160 steps an epoch
  const race = ['race', '--fn', 'rosenbrock', '--steps', String(raceSteps), '--opt', 'adam', '--opt', 'momentum:lr=0.0001', '--opt', 'rmsprop:lr=0.001'];
  const homes = [];
  const home = () => {
    const h = mkdtempSync(path.join(os.tmpdir(), 'gradlab-long-'));
    homes.push(h);
    return h;
  };
  try {
    const savedHome = home();
    const saved = cli([...race, '--save', '--format', 'table'], savedHome);
    const raceBytes = storeBytes(savedHome);
    const csv = cli([...race, '--format', 'csv'], home());
    const trainHome = home();
    const train = cli(['train', '--dataset', 'xor', '--set', 'n=200', '--batch', '1', '--epochs', String(trainEpochs), '--save', '--format', 'table'], trainHome);
    const { Store } = await import(pathToFileURL(path.join(root, 'dist', 'src', 'experiments', 'store.js')).href);
    const store = await Store.open({ home: trainHome });
    const [run] = await store.listRuns();
    const series = await store.listSeries(run.id);
    const points = series.reduce((n, s) => n + s.points, 0);
    const loss = series.find((s) => s.name === 'train_loss');
    // the first read (cold: nothing compiled yet), three more while V8 still optimises the decoding and
    // scanning loops (~120 and ~65 ms here), then the median of seven (a host that has been drawing
    // charts for a while)
    const times = [];
    for (let k = 0; k < 11; k++) {
      const t0 = performance.now();
      await store.readForChart(run.id, 'train_loss', 2000);
      times.push(performance.now() - t0);
    }
    const coldMs = times[0];
    const chartMs = times.slice(4).sort((a, b) => a - b)[3];
    await store.close();
    const trainBytes = storeBytes(trainHome);
    return {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      raceSteps,
      race: { seconds: saved.s, rssMb: saved.rss, bytesPerOptStep: raceBytes / (raceSteps * 3) },
      csv: { seconds: csv.s, rssMb: csv.rss },
      ratio: saved.s / csv.s,
      train: { steps: loss.points - 1, seconds: train.s, rssMb: train.rss, points, bytesPerPoint: trainBytes / points },
      chart: { points: loss.points, ms: chartMs, coldMs, warmingMs: times.slice(1, 4) },
    };
  } finally {
    for (const h of homes) rmSync(h, { recursive: true, force: true });
  }
}

export function printLongRuns(r) {
  const ok = (b) => (b ? 'met' : 'NOT met');
  const rows = [
    [`race ${r.raceSteps} steps × 3, saved: peak RSS`, `${r.race.rssMb.toFixed(0)} MB`, '≤ 400 MB', ok(r.race.rssMb <= 400)],
    ['… on disk per optimizer-step', `${r.race.bytesPerOptStep.toFixed(1)} B`, '≤ 24 B', ok(r.race.bytesPerOptStep <= 24)],
    ['… time saved (table) / unsaved (csv to /dev/null)', `${r.race.seconds.toFixed(1)} s / ${r.csv.seconds.toFixed(1)} s = ${r.ratio.toFixed(2)}`, '≤ 1.5', ok(r.ratio <= 1.5)],
    ['… unsaved csv: peak RSS', `${r.csv.rssMb.toFixed(0)} MB`, '≤ 400 MB', ok(r.csv.rssMb <= 400)],
    [`training ${r.train.steps} steps, saved: peak RSS`, `${r.train.rssMb.toFixed(0)} MB`, '≤ 400 MB', ok(r.train.rssMb <= 400)],
    ['… on disk per stored point', `${r.train.bytesPerPoint.toFixed(2)} B (${r.train.points} points)`, '≤ 4 B', ok(r.train.bytesPerPoint <= 4)],
    [`chart read of ${r.chart.points} points to 2 000 (warm median)`, `${r.chart.ms.toFixed(1)} ms (reads 1–4: ${[r.chart.coldMs, ...r.chart.warmingMs].map((t) => t.toFixed(0)).join(', ')} ms)`, '< 50 ms', ok(r.chart.ms < 50)],
  ];
  const w = [0, 1, 2].map((c) => Math.max(...rows.map((x) => x[c].length)));
  console.log(`\nRuns of any length (${r.cpu})`);
  for (const x of rows) console.log(`  ${x[0].padEnd(w[0])}  ${x[1].padEnd(w[1])}  ${x[2].padEnd(w[2])}  ${x[3]}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  printLongRuns(await measureLongRuns({ quick: process.argv.includes('--quick') }));
}
