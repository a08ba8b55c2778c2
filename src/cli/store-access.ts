/**
 * The experiment store as one CLI command sees it: opened in the folder of `--home DIR` (else
 * GRADLAB_HOME, else the app-data folder: src/experiments/location.ts) for the command's work, and
 * closed afterwards whatever happens.
 */
import { LabError } from '../native/errors.js';
import { damagedError } from '../experiments/health.js';
import { Store } from '../experiments/store.js';

export interface HomeArgs {
  home?: string;
}

export async function withStore<T>(args: HomeArgs, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open(args.home !== undefined ? { home: args.home } : {});
  try {
    return await work(store);
  } catch (e) {
    throw damagedError(store.file, e); // a damaged page met after the open: named, with the ways out
  } finally {
    await store.close();
  }
}

/** The store names its arguments as the API does ("sort.by"); the CLI names them as options ("--sort"). */
export function renamed<T>(work: Promise<T>, from: string, to: string): Promise<T> {
  return work.catch((e: unknown) => {
    if (e instanceof LabError && e.message.startsWith(from)) throw new LabError(to + e.message.slice(from.length), e.code);
    throw e;
  });
}
