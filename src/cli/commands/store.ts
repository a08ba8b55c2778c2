/**
 * `gradlab store check | recover | set-aside`: the experiment store file itself (src/experiments/health.ts).
 *   check        the header and SQLite's integrity check; exit 1 naming what is wrong
 *   recover      copies what is readable into a new store, keeps the damaged file aside (renamed)
 *   set-aside    keeps the file aside (renamed) so the next command starts a new, empty store
 *   reencode     writes the chunks of finished runs again with today's encodings (an old store's raw
 *                chunks shrink), checked bit for bit, then gives the freed space back (VACUUM)
 * None deletes nor overwrites the user's file. recover and set-aside refuse a healthy store
 * unless --force.
 */
import path from 'node:path';

import { checkStore, salvage, setAside, StoreDamagedError } from '../../experiments/health.js';
import { STORE_FILE, storeHome } from '../../experiments/location.js';
import { LabError } from '../../native/errors.js';
import { json, table, type Format } from '../format.js';
import { withStore, type HomeArgs } from '../store-access.js';

export interface StoreArgs extends HomeArgs {
  format: Format;
  force?: boolean;
  /** reencode: commander's --no-vacuum */
  vacuum?: boolean;
}

const storeFile = (a: HomeArgs) => path.join(storeHome(a.home), STORE_FILE);

export async function storeCheckCommand(a: StoreArgs): Promise<string> {
  const c = await checkStore(storeFile(a));
  if (!c.ok) throw new StoreDamagedError(c.file, c.problems.join('; '));
  return a.format === 'json' ? json({ file: c.file, ok: true, problems: [] }) + '\n' : `${c.file}: ok\n`;
}

async function mustBeDamaged(a: StoreArgs, what: string): Promise<string> {
  const file = storeFile(a);
  const c = await checkStore(file);
  if (c.ok && !a.force)
    throw new LabError(`${file}: the store passes its integrity check; ${what} only a damaged store (or add --force)`, 'INVALID_CONFIG');
  return file;
}

export async function storeRecoverCommand(a: StoreArgs): Promise<string> {
  const file = await mustBeDamaged(a, 'recover copies');
  const r = await salvage(file);
  if (a.format === 'json') return json(r) + '\n';
  const rows = Object.entries(r.tables).map(([name, t]) => [name, t.copied, t.lost]);
  return (
    `recovered into a new store: ${r.file}\n` +
    `the damaged file is kept as: ${r.setAsideAs}\n\n` +
    table(['table', 'rows copied', 'rows lost'], rows) +
    (r.unreadable.length ? `\nunreadable: ${r.unreadable.slice(0, 20).join(', ')}${r.unreadable.length > 20 ? `, … (${r.unreadable.length} in all)` : ''}\n` : '')
  );
}

export async function storeSetAsideCommand(a: StoreArgs): Promise<string> {
  const file = await mustBeDamaged(a, 'set-aside moves');
  const to = setAside(file);
  return a.format === 'json' ? json({ file, setAsideAs: to }) + '\n' : `the store ${file} is kept as ${to}; the next command starts a new store\n`;
}

export async function storeReencodeCommand(a: StoreArgs): Promise<string> {
  const r = await withStore(a, (store) => store.reencode({ vacuum: a.vacuum ?? true }));
  if (a.format === 'json') return json(r) + '\n';
  const mb = (n: number | undefined) => (n === undefined ? '' : `${(n / 1e6).toFixed(2)} MB`);
  return table(
    ['', 'before', 'after'],
    [
      ['chunks re-encoded', `${r.chunks}`, `${r.reencoded}`],
      ['points (blobs)', mb(r.blobBytesBefore), mb(r.blobBytesAfter)],
      ['store file', mb(r.fileBytesBefore), mb(r.fileBytesAfter)],
    ],
  );
}
