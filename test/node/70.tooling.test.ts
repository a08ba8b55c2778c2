// The build's toolchain check and the CLI's output helpers: a missing cmake or compiler is reported
// in one sentence saying what to install; tables, CSV and the progress bar behave.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { csv, human, json, table } from '../../src/cli/format.js';
import { ProgressBar } from '../../src/cli/progress.js';

const build = fileURLToPath(new URL('../../../scripts/build.mjs', import.meta.url));

function buildWithPath(dirs: string[]) {
  return spawnSync(process.execPath, [build, '--check-toolchain'], { encoding: 'utf8', env: { PATH: dirs.join(path.delimiter) } });
}

test('a missing cmake stops the build with one sentence saying what to install', { skip: process.platform === 'win32' }, () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'gradlab-path-'));
  const r = buildWithPath([empty]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /CMake \(3\.20 or newer\) is needed .* not found on PATH: install it with `sudo apt-get install cmake`/);
  assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
});

test('a missing C++ compiler stops the build with one sentence saying what to install', { skip: process.platform !== 'linux' }, (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gradlab-path-'));
  const cmake = spawnSync('sh', ['-c', 'command -v cmake'], { encoding: 'utf8' }).stdout.trim();
  if (!cmake) {
    t.skip('no cmake on PATH');
    return;
  }
  symlinkSync(cmake, path.join(dir, 'cmake'));
  const r = buildWithPath([dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /A C\+\+20 compiler is needed .* none was found: install one with `sudo apt-get install g\+\+`/);
});

test('with cmake and a compiler present the check passes', { skip: process.platform === 'win32' }, () => {
  const r = spawnSync(process.execPath, [build, '--check-toolchain'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('numbers for people: 6 significant digits, exponents for tiny and huge, NaN spelled out', () => {
  assert.equal(human(0.1 + 0.2), '0.3');
  assert.equal(human(123456789), '123456789');
  assert.equal(human(1.23456789e-7), '1.2346e-7');
  assert.equal(human(NaN), 'NaN');
  assert.equal(human(-Infinity), '-Infinity');
  assert.equal(human(null), '');
});

test('table aligns numbers right and text left; csv quotes; json has no NaN', () => {
  assert.equal(table(['name', 'f'], [['adam', 1.5], ['sgd', 10]]), 'name    f\n----  ---\nadam  1.5\nsgd    10\n');
  assert.equal(csv(['a', 'b'], [['x,y', 'say "hi"'], [NaN, 2]]), 'a,b\n"x,y","say ""hi"""\nNaN,2\n');
  assert.equal(json({ f: NaN, g: [Infinity, 1] }), '{\n  "f": null,\n  "g": [\n    null,\n    1\n  ]\n}\n');
});

test('the progress bar draws only on a terminal, and erases itself', () => {
  const written: string[] = [];
  const fake = { isTTY: true, columns: 80, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  const bar = new ProgressBar(200, 'race', fake);
  bar.update(50);
  assert.match(written[0]!, /^\rrace \[#+\.+\] {2}25% 50\/200$/);
  bar.update(200);
  assert.match(written.at(-1)!, /100% 200\/200$/);
  bar.finish();
  assert.equal(written.at(-1), '\r\x1b[K');
  const silent: string[] = [];
  const pipe = { isTTY: false, write: (s: string) => silent.push(s) } as unknown as NodeJS.WriteStream;
  const quiet = new ProgressBar(10, 'race', pipe);
  quiet.update(5);
  quiet.finish();
  assert.deepEqual(silent, []);
});
