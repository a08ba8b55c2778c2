/** Helpers for the CLI tests over the experiment store: `gradlab` as a child process with GRADLAB_HOME set. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/gradlab.js', import.meta.url));

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `gradlab ...args` with the store in `home` (GRADLAB_HOME). */
export function gradlabIn(home: string, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, GRADLAB_HOME: home } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs it and parses the json output, failing with stderr when the exit code is not 0. */
export function jsonIn<T>(home: string, ...args: string[]): T {
  const r = gradlabIn(home, ...args, '--format', 'json');
  if (r.code !== 0) throw new Error(`gradlab ${args.join(' ')} exited ${r.code}: ${r.err}`);
  return JSON.parse(r.out) as T;
}
