/**
 * Where the experiment store lives: `--home DIR` (the CLI flag), else $GRADLAB_HOME, else the platform's
 * app-data folder — Linux $XDG_DATA_HOME/gradient-lab (~/.local/share/gradient-lab), macOS
 * ~/Library/Application Support/Gradient Lab, Windows %APPDATA%\Gradient Lab. The database file is
 * experiments.db inside it (with SQLite's -wal and -shm files beside it while open).
 */
import os from 'node:os';
import path from 'node:path';

export const STORE_FILE = 'experiments.db';

export function defaultHome(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Gradient Lab');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Gradient Lab');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'gradient-lab');
}

/** The store's folder: the explicit one, else GRADLAB_HOME, else the platform default. */
export function storeHome(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(explicit ?? (env.GRADLAB_HOME || defaultHome(env)));
}
