/**
 * `gradlab runs delete | tag | edit`: changing stored runs.
 *   delete ID…                   checks every id first, so an unknown one deletes nothing
 *   tag ID --add T --remove T    adds and removes tags (repeatable)
 *   edit ID --name --notes --archive/--unarchive
 * Each prints the runs as they are afterwards (run-table.ts); delete prints the ids deleted.
 */
import { LabError } from '../../native/errors.js';
import { csv, json, type Format } from '../format.js';
import { runsOutput } from '../run-table.js';
import { withStore, type HomeArgs } from '../store-access.js';

type Output = HomeArgs & { format: Format };

export function runsDeleteCommand(ids: number[], a: Output): Promise<string> {
  return withStore(a, async (store) => {
    for (const id of ids) await store.getRun(id);
    for (const id of new Set(ids)) await store.deleteRun(id);
    if (a.format === 'json') return json({ deleted: ids });
    if (a.format === 'csv') return csv(['deleted'], ids.map((id) => [id]));
    return `deleted ${ids.length === 1 ? 'run' : 'runs'} ${ids.join(', ')}\n`;
  });
}

export interface RunsThinArgs extends Output {
  every: number;
}

/** `runs thin ID --every K`: keeps every K-th point, each K-block's extremes, NaN/±Inf and the ends (experiments/thin.ts). */
export function runsThinCommand(id: number, a: RunsThinArgs): Promise<string> {
  return withStore(a, async (store) => {
    const r = await store.thin(id, a.every);
    if (a.format === 'json') return json({ run: id, every: a.every, ...r });
    if (a.format === 'csv') return csv(['run', 'every', 'kept', 'of'], [[id, a.every, r.kept, r.of]]);
    return `thinned run ${id}: kept ${r.kept} of ${r.of} points (every ${a.every}th, each block's extremes, NaN and the ends); its history says so\n`;
  });
}

export interface RunsTagArgs extends Output {
  add: string[];
  remove: string[];
}

export function runsTagCommand(id: number, a: RunsTagArgs): Promise<string> {
  if (a.add.length === 0 && a.remove.length === 0) throw new LabError('--add, --remove: give a tag to add or remove', 'INVALID_CONFIG');
  return withStore(a, async (store) => {
    const run = await store.getRun(id);
    const tags = [...new Set([...run.tags, ...a.add])].filter((t) => !a.remove.includes(t));
    return runsOutput([await store.editRun(id, { tags })], a.format);
  });
}

export interface RunsEditArgs extends Output {
  name?: string;
  notes?: string;
  archive?: boolean;
  unarchive?: boolean;
}

export function runsEditCommand(id: number, a: RunsEditArgs): Promise<string> {
  if (a.archive && a.unarchive) throw new LabError('--archive, --unarchive: give one of them', 'INVALID_CONFIG');
  if (a.name === undefined && a.notes === undefined && !a.archive && !a.unarchive)
    throw new LabError('--name, --notes, --archive, --unarchive: give something to change', 'INVALID_CONFIG');
  return withStore(a, async (store) => {
    const run = await store.editRun(id, {
      ...(a.name !== undefined ? { name: a.name } : {}),
      ...(a.notes !== undefined ? { notes: a.notes } : {}),
      ...(a.archive ? { archived: true } : a.unarchive ? { archived: false } : {}),
    });
    return runsOutput([run], a.format);
  });
}
