// The lab kit (src/labs/): every lab's descriptor is complete and consistent (its schemas accept its
// defaults and presets, its key metrics and series are ones it streams), and no file outside a lab's
// own ones names a lab: the store, the host, the protocol, the CLI's run table and the experiments view
// read descriptors only (docs/labs.md). Code only: comments and test files may name labs.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { LABS, isKeyMetric, seriesSpec } from '../../src/labs/index.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** The files a lab owns: its descriptor, its TypeScript engine API, its CLI commands and its views. */
const OWN: Record<string, string[]> = {
  race: ['src/labs/race.ts', 'src/native/race.ts', 'src/cli/commands/race.ts', 'app/renderer/src/views/playground/'],
  gan: ['src/labs/gan.ts', 'src/native/gan.ts', 'src/native/gan-schema.ts', 'src/cli/commands/gan.ts', 'app/renderer/src/views/gan/'],
  attention: ['src/labs/attention.ts', 'src/native/attention.ts', 'src/native/attention-schema.ts', 'src/cli/commands/attention.ts', 'app/renderer/src/views/attention/'],
  seq: ['src/labs/seq.ts', 'src/native/seq.ts', 'src/native/seq-schema.ts', 'src/cli/commands/seq.ts', 'app/renderer/src/views/rnn/'],
  vae: ['src/labs/vae.ts', 'src/native/vae.ts', 'src/native/vae-schema.ts', 'src/cli/commands/vae.ts', 'app/renderer/src/views/vae/'],
  gridworld: ['src/labs/gridworld.ts', 'src/native/rl.ts', 'src/native/gridworld-schema.ts', 'src/cli/commands/rl.ts', 'app/renderer/src/views/rl/'],
  cartpole: ['src/labs/cartpole.ts', 'src/native/rl.ts', 'src/native/cartpole-schema.ts', 'src/cli/commands/rl.ts', 'app/renderer/src/views/rl/'],
  mcts: ['src/labs/mcts.ts', 'src/native/mcts.ts', 'src/native/mcts-schema.ts', 'src/cli/commands/mcts.ts', 'app/renderer/src/views/mcts/'],
  train: ['src/labs/train.ts', 'src/native/train.ts', 'src/cli/commands/train.ts', 'src/cli/commands/datasets.ts', 'app/renderer/src/views/training/', 'app/renderer/src/views/cnn/'],
};

/** Words that are not lab ids though spelled like one, each with why (file: the line as written). */
const NOT_LAB_IDS: Record<string, string> = {
  "src/cli/commands/rl.ts: addSaveOptions(rl.command('train'))": 'the `gradlab rl train` subcommand (the issue names it), not the training lab',
};

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(repo, dir))) {
    const rel = path.posix.join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(path.join(repo, rel)).isDirectory()) out.push(...files(rel));
    else if (/\.(ts|tsx)$/.test(name) && !/\.d\.ts$/.test(name)) out.push(rel);
  }
  return out;
}

/** The source without comments (block, line) — string literals kept. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

test('the lab kit: no lab id written outside the lab\'s own files', () => {
  const ids = LABS.map((d) => d.id);
  assert.deepEqual(Object.keys(OWN).sort(), [...ids].sort(), 'every lab lists its own files here');
  const found: string[] = [];
  for (const file of [...files('src'), ...files('app')]) {
    const text = code(readFileSync(path.join(repo, file), 'utf8'));
    for (const id of ids) {
      if (OWN[id]!.some((own) => file === own || (own.endsWith('/') && file.startsWith(own)))) continue;
      const literal = new RegExp(`(['"\`])${id}\\1`, 'g');
      for (const line of text.split('\n')) {
        literal.lastIndex = 0;
        if (literal.test(line) && !(`${file}: ${line.trim()}` in NOT_LAB_IDS)) found.push(`${file}: ${line.trim()}`);
      }
    }
  }
  assert.deepEqual(found, [], `lab ids outside the labs' own files:\n${found.join('\n')}`);
});

test('every descriptor: its defaults and presets pass its schema, its key metrics are its series, its series are named once', () => {
  for (const d of LABS) {
    assert.equal(d.configSchema.safeParse(d.defaults).success, true, `${d.id}: the defaults`);
    for (const p of d.presets) assert.equal(d.configSchema.safeParse(p.config).success, true, `${d.id}: preset ${p.id}`);
    for (const k of d.keyMetrics) assert.ok(seriesSpec(d, k.replace('{i}', '')), `${d.id}: key metric ${k} is a series`);
    const names = d.series.map((s) => `${s.stream}_${s.column}`);
    assert.equal(new Set(names).size, names.length, `${d.id}: each series once`);
    assert.ok(d.names.en && d.names.zh, `${d.id}: a name in both languages`);
    for (const s of d.series) assert.ok(s.stream in d.streams, `${d.id}: stream ${s.stream} has an epoch rule`);
  }
  const train = LABS.find((d) => d.id === 'train')!;
  assert.equal(seriesSpec(train, 'epoch_test_acc')!.better, 'max');
  assert.equal(seriesSpec(train, 'layer3_grad_norm')!.better, null);
  const race = LABS.find((d) => d.id === 'race')!;
  assert.equal(seriesSpec(race, 'race2_f')!.better, 'min');
  assert.equal(isKeyMetric(race, 'race12_f'), true);
  assert.equal(isKeyMetric(race, 'race1_x'), false);
});
