// Class packs (#16): `gradlab pack make` writes a zip of a lesson order and preset files that
// `gradlab pack check` and the app read back; every mistake is named by file and field (no pack.json,
// a lesson that does not exist, a preset its lab's schema refuses, a file the manifest names but the
// zip lacks, a newer format).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { strToU8, zipSync } from 'fflate';

import { makeClassPack, readClassPack } from '../../src/presets/class-pack.js';
import { makePresetFile, PresetError } from '../../src/presets/preset-file.js';

const cli = new URL('../../../bin/gradlab.js', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const LESSONS = ['gradient-descent', 'momentum', 'mcts'];
const refusal = (bytes: Uint8Array) => {
  try {
    readClassPack(bytes, LESSONS);
  } catch (e) {
    assert.ok(e instanceof PresetError);
    return e.message;
  }
  return 'accepted';
};

test('gradlab pack make and check: the title, the lessons in order, each preset with its lab', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gradlab-pack-'));
  const preset = path.join(dir, 'block.json');
  writeFileSync(preset, JSON.stringify(makePresetFile('mcts', { game: 'tictactoe', board: 'xx..o....', iterations: 500 })));
  const out = path.join(dir, 'week.zip');
  const made = run('pack', 'make', '--title', 'Week 11', '--lessons', 'mcts,momentum', '--preset', preset, '--out', out);
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stdout, /"Week 11", 2 lessons, 1 presets/);
  const checked = run('pack', 'check', out, '--format', 'json');
  assert.equal(checked.status, 0, checked.stderr);
  const doc = JSON.parse(checked.stdout) as { title: string; lessons: string[]; presets: { file: string; lab: string; config: Record<string, unknown> }[] };
  assert.deepEqual(doc.lessons, ['mcts', 'momentum']);
  assert.deepEqual(doc.presets.map((p) => [p.file, p.lab, p.config.board]), [['presets/block.json', 'mcts', 'xx..o....']]);
  const bad = run('pack', 'make', '--title', 'x', '--lessons', 'mcts,no-such', '--out', path.join(dir, 'bad.zip'));
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /pack\.json\.lessons\[1\]: expected one of .*got "no-such"/);
});

test('a pack\'s mistakes are named by file and field', () => {
  const good = JSON.stringify(makePresetFile('race', { function: 'rosenbrock', steps: 100, optimizers: [{ type: 'sgd', lr: 0.001 }] }));
  assert.equal(readClassPack(makeClassPack('ok', ['momentum'], [{ file: 'a.json', text: good }]), LESSONS).presets[0]!.preset.lab, 'race');
  assert.match(refusal(strToU8('not a zip')), /^pack: expected a zip file/);
  assert.match(refusal(zipSync({ 'presets/a.json': strToU8(good) })), /^pack: no pack\.json in the zip \(it holds presets\/a\.json\)/);
  const badPreset = JSON.stringify(makePresetFile('race', { function: 'rosenbrock', steps: -5, optimizers: [{ type: 'sgd' }] }));
  assert.match(refusal(makeClassPack('x', [], [{ file: 'b.json', text: badPreset }])), /^presets\/b\.json: preset\.config\.steps: /);
  const manifest = (o: Record<string, unknown>) => zipSync({ 'pack.json': strToU8(JSON.stringify({ format: 'gradlab-pack', version: 1, title: 't', lessons: [], ...o })) });
  assert.match(refusal(manifest({ presets: ['presets/missing.json'] })), /^pack\.json\.presets\[0\]: no file "presets\/missing\.json" in the zip/);
  assert.match(refusal(manifest({ version: 2, presets: [] })), /^pack\.json\.version: 2 is newer than this app reads \(1\)/);
  assert.match(refusal(manifest({ title: '', lessons: ['mcts'] })), /^pack\.json\.title: expected a title/);
  assert.match(refusal(manifest({ presets: [] })), /^pack\.json: the pack has no lessons and no presets/);
  // without a presets list, every presets/*.json is taken, in name order
  const all = zipSync({ 'pack.json': strToU8(JSON.stringify({ format: 'gradlab-pack', version: 1, title: 't', lessons: ['mcts'] })), 'presets/z.json': strToU8(good), 'presets/a.json': strToU8(good) });
  assert.deepEqual(readClassPack(all, LESSONS).presets.map((p) => p.file), ['presets/a.json', 'presets/z.json']);
});
