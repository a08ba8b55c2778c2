/**
 * `gradlab sweep`: a grid and/or seeded random search over a base config, queued in the experiment
 * store as one sweep (RunManager.sweep validates every run first: a bad one stores nothing), run to the
 * end in this process (--concurrency at once) with a progress bar on stderr, then printed as the runs
 * table (run-table.ts) sorted by --sort.
 *   gradlab sweep --lab train --base-json '{"dataset":{"name":"xor"},"epochs":20}' \
 *     --grid optimizer.lr=0.1,0.01 --grid batch_size=16,64 --sort best.epoch_test_loss
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

import { LabError } from '../../native/errors.js';
import { RunManager } from '../../experiments/manager.js';
import { ACTIVE_STATUSES } from '../../experiments/run-types.js';
import type { SweepSpec } from '../../experiments/sweep.js';
import { parseGrid, parseRandom } from '../config-values.js';
import type { Format } from '../format.js';
import { ProgressBar } from '../progress.js';
import { runsOutput } from '../run-table.js';
import { renamed, withStore, type HomeArgs } from '../store-access.js';

export interface SweepArgs extends HomeArgs {
  lab: string;
  base?: string;
  baseJson?: string;
  grid: string[];
  random: string[];
  samples?: number;
  seed?: number;
  name?: string;
  tag: string[];
  concurrency?: number;
  sort?: string;
  desc?: boolean;
  format: Format;
}

/** What a sweep is sorted by unless --sort says otherwise. */
const DEFAULT_SORT: Record<string, string> = { train: 'best.epoch_test_loss', race: 'id' };

function baseConfig(a: SweepArgs): unknown {
  if ((a.base === undefined) === (a.baseJson === undefined)) throw new LabError('--base, --base-json: give exactly one of them', 'INVALID_CONFIG');
  const [option, text] = a.base !== undefined ? ['--base', readBase(a.base)] : ['--base-json', a.baseJson!];
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new LabError(`${option}: not valid JSON: ${(e as Error).message}`, 'INVALID_CONFIG');
  }
}

function readBase(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new LabError(`--base: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'INVALID_CONFIG');
  }
}

export function sweepSpec(a: SweepArgs): SweepSpec {
  if (a.random.length > 0 && a.samples === undefined) throw new LabError('--samples: expected with --random (the number of draws)', 'INVALID_CONFIG');
  if (a.random.length === 0 && a.samples !== undefined) throw new LabError('--samples: only with --random', 'INVALID_CONFIG');
  return {
    lab: a.lab,
    base: baseConfig(a),
    ...(a.name !== undefined ? { name: a.name } : {}),
    ...(a.grid.length > 0 ? { grid: parseGrid(a.grid) } : {}),
    ...(a.random.length > 0 ? { random: { samples: a.samples!, seed: a.seed ?? 1, params: parseRandom(a.random) } } : {}),
  };
}

export function sweepCommand(a: SweepArgs): Promise<string> {
  const spec = sweepSpec(a);
  const sort = { by: a.sort ?? DEFAULT_SORT[a.lab] ?? 'id', desc: a.desc ?? false };
  return withStore(a, async (store) => {
    await renamed(store.listRuns({}, sort, 1), 'sort.by', '--sort'); // a bad sort key fails before the sweep runs
    const manager = new RunManager(store, { concurrency: a.concurrency ?? Math.max(1, os.availableParallelism()) });
    let sweepId: number;
    try {
      const sweep = await manager.sweep(spec, a.tag.length > 0 ? { tags: a.tag } : {});
      sweepId = sweep.sweepId;
      const bar = new ProgressBar(sweep.runIds.length, `sweep ${sweepId}`);
      let ended = 0;
      manager.on('status', (e) => {
        if (!ACTIVE_STATUSES.includes(e.status)) bar.update(++ended);
      });
      await manager.idle();
      bar.finish();
    } finally {
      await manager.close();
    }
    const runs = await store.listRuns({ sweepId, archived: 'all' }, sort);
    const head = a.format === 'table' ? `sweep ${sweepId}: ${runs.length} runs, sorted by ${sort.by}${sort.desc ? ' (descending)' : ''}\n\n` : '';
    return head + runsOutput(runs, a.format);
  });
}
