// #16 preset files: made and read back, and every mistake refused naming the field and what was
// expected (a newer version, an unknown lab, a config its lab's schema refuses); base64url round trips
// for links (#playground?preset=…), UTF-8 names included.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fromBase64Url, makePresetFile, parsePresetFile, PresetError, toBase64Url } from '../../src/presets/preset-file.js';

const RACE = { function: 'rosenbrock', steps: 300, optimizers: [{ type: 'nesterov', lr: 0.001, beta: 0.9 }] };

function refusal(v: unknown): string {
  try {
    parsePresetFile(typeof v === 'string' ? v : JSON.stringify(v));
  } catch (e) {
    assert.ok(e instanceof PresetError, String(e));
    return e.message;
  }
  return 'accepted';
}

test('a preset file made from a config reads back as the same lab and config', () => {
  const file = makePresetFile('race', RACE, { en: 'Nesterov on Rosenbrock', zh: 'Rosenbrock 上的 Nesterov 动量' });
  assert.deepEqual(parsePresetFile(JSON.stringify(file)), { format: 'gradlab-preset', version: 1, lab: 'race', names: file.names, config: RACE });
});

test('a bad preset is refused naming the field', () => {
  assert.match(refusal('{oops'), /^preset: expected a JSON file, /);
  assert.equal(refusal([1]), 'preset: expected a JSON object {format, version, lab, config}');
  assert.equal(refusal({ format: 'other', version: 1, lab: 'race', config: RACE }), 'preset.format: expected "gradlab-preset", got "other"');
  assert.equal(refusal({ format: 'gradlab-preset', version: 2, lab: 'race', config: RACE }), 'preset.version: 2 is newer than this app reads (1); update the app');
  assert.equal(refusal({ format: 'gradlab-preset', version: 1, lab: 'chess', config: RACE }), 'preset.lab: expected one of race, train, seq, attention, gan, vae, gridworld, cartpole, mcts, got "chess"');
  assert.equal(refusal({ format: 'gradlab-preset', version: 1, lab: 'race', config: { ...RACE, steps: -5 } }), 'preset.config.steps: expected an integer in [1, 10000000], got -5');
  assert.equal(refusal({ format: 'gradlab-preset', version: 1, lab: 'race', names: { en: 'x' }, config: RACE }), 'preset.names: expected {"en": "…", "zh": "…"}');
});

test('base64url for links: round trips UTF-8, refuses what is not base64url', () => {
  const text = JSON.stringify(makePresetFile('race', RACE, { en: 'a/b+c', zh: '动量法' }));
  const code = toBase64Url(text);
  assert.match(code, /^[A-Za-z0-9_-]+$/);
  assert.equal(fromBase64Url(code), text);
  assert.equal(fromBase64Url('%%%'), null);
});
