/** Brings a store's schema up to date (see migrations.ts); refuses a store from a newer version. */
import type { Db } from './db.js';
import { StoreError } from './errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export async function schemaVersion(db: Db): Promise<number> {
  return (await db.get<{ user_version: number }>('PRAGMA user_version'))!.user_version;
}

/** Applies every migration above the store's version, each in one transaction. Returns the versions applied. */
export async function migrate(db: Db, upTo = SCHEMA_VERSION): Promise<number[]> {
  const applied: number[] = [];
  const current = await schemaVersion(db);
  if (current > SCHEMA_VERSION)
    throw new StoreError(
      `${db.file}: the experiment store has schema version ${current}, newer than this Gradient Lab knows (${SCHEMA_VERSION}); update Gradient Lab to open it`,
      'STORE_VERSION',
    );
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    await db.transaction(async () => {
      await db.exec(m.sql);
      await db.exec(`PRAGMA user_version = ${m.version}`);
    });
    applied.push(m.version);
  }
  return applied;
}
