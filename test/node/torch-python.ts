/**
 * For the PyTorch export tests (E12*): the first python3 that imports torch (PYTHON first, then
 * Debian's; .ci/run installs python3-torch), and the tests' skip reason when there is none — in CI a
 * skipped test counts as a failure.
 */
import { spawnSync } from 'node:child_process';

function findTorchPython(): string | null {
  for (const py of [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p)) {
    if (spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0) return py;
  }
  return null;
}

export const PYTHON = findTorchPython();
export const skipWithoutTorch: string | false = PYTHON === null ? 'no python3 with torch (apt-get install python3-torch)' : false;
