#!/usr/bin/env node
// Trains the self-play agents the app ships (assets/agents/az-<game>.bin and the history of their
// training, az-<game>.json): AlphaZero-style self-play through the engine (native/core/az/). Not part
// of `npm test` (the CI test plays the shipped tic-tac-toe network against perfect play). The same
// settings and seed give the same network on the same machine type.
//   node scripts/train-az.mjs [tictactoe|connect4] [--seconds S]
// Needs `npm install` (the addon) and `npx tsc -p tsconfig.json` (dist/).
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { trainAz } = await import(path.join(root, 'dist/src/native/az.js'));

/** The shipped agents' settings: tic-tac-toe trains in seconds; connect four within a 4-minute budget. */
const SETTINGS = {
  tictactoe: { game: 'tictactoe', iterations: 150, games: 50, simulations: 100, seed: 1 },
  connect4: { game: 'connect4', iterations: 1000, games: 20, simulations: 100, train_steps: 100, seed: 1, seconds: 240, eval_simulations: 100 },
};

const game = process.argv[2] ?? 'tictactoe';
const settings = SETTINGS[game];
if (!settings) throw new Error(`game: expected one of ${Object.keys(SETTINGS).join(', ')}, got "${game}"`);
const s = process.argv.indexOf('--seconds');
if (s > 0) settings.seconds = Number(process.argv[s + 1]);
const t0 = Date.now();
const r = trainAz(settings);
const out = path.join(root, 'assets', 'agents', `az-${game}`);
writeFileSync(`${out}.bin`, Buffer.from(r.weights));
// four significant digits are plenty for charts, and keep the file small
const round = (v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v);
const history = r.history.map((h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, round(v)])));
writeFileSync(`${out}.json`, JSON.stringify({ settings, hidden: r.hidden, seconds: round(r.seconds), history }) + '\n');
const last = r.history[r.history.length - 1];
console.log(`${game}: ${r.iterations} iterations in ${((Date.now() - t0) / 1000).toFixed(1)} s; last: ${JSON.stringify(last)}; wrote ${out}.bin and .json`);
