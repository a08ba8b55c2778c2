// Output that does not grow with the run: the column spool gives back every value bit for bit; the
// streamed JSON is the same text as the whole-document json(); `gradlab race` keeps its csv and json
// shapes while its points wait on disk; and its peak memory stays bounded for a long saved race and
// a long json one (child processes, peak RSS from the kernel).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { test } from 'node:test';

import { json } from '../../src/cli/format.js';
import { Output, StreamedArray, writeJson } from '../../src/cli/output.js';
import { ColumnSpool } from '../../src/cli/spool.js';
import { tempHome } from './store-helpers.js';

const mainJs = new URL('../../src/cli/main.js', import.meta.url).href;
const cli = new URL('../../../bin/gradlab.js', import.meta.url).pathname;

function collector(): { out: Output; text: () => string } {
  const parts: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      parts.push(chunk.toString());
      done();
    },
  });
  return { out: new Output(stream), text: () => parts.join('') };
}

test('the column spool gives back every value of every column, bit for bit, over blocks of any size', () => {
  const spool = new ColumnSpool(3);
  const rows = 300_000;
  const cols = [0, 1, 2].map((c) => Float64Array.from({ length: rows }, (_, i) => (c === 1 && i % 1000 === 7 ? NaN : c === 2 && i === 5 ? -0 : Math.sin(i * (c + 1)) * 1e10)));
  for (let at = 0; at < rows; ) {
    const n = Math.min(rows - at, 1 + ((at * 7919) % 5000));
    spool.append(cols.map((c) => c.subarray(at, at + n)), n);
    at += n;
  }
  assert.equal(spool.rows, rows);
  for (let c = 0; c < 3; c++) {
    const back = new Float64Array(rows);
    let at = 0;
    for (const slice of spool.column(c)) {
      back.set(slice, at);
      at += slice.length;
    }
    assert.equal(at, rows);
    assert.deepEqual(Buffer.from(back.buffer), Buffer.from(cols[c]!.buffer));
  }
  spool.close();
});

test('streamed JSON is the same text as json() of the whole document: nesting, NaN and ±Infinity as null, -0, empty arrays', async () => {
  const values = [1, -0, NaN, Infinity, -Infinity, 1e-300, 0.1, 123456789.125];
  const doc = (arr: (v: number[]) => unknown) => ({
    name: 'x',
    nested: { a: [1, 2], list: arr(values), deeper: [{ b: arr([]), c: arr([3]) }] },
    tail: arr(values.slice(0, 3)),
  });
  const { out, text } = collector();
  await writeJson(out, doc((v) => new StreamedArray(() => [v.slice(0, 3), [], v.slice(3)])));
  assert.equal(text(), json(doc((v) => v)));
});

test('gradlab race: csv and json keep their shapes (points per optimizer, in order, from the start point)', () => {
  const args = ['race', '--fn', 'rosenbrock', '--steps', '50', '--opt', 'adam', '--opt', 'sgd:lr=0.0001'];
  const csv = spawnSync(process.execPath, [cli, ...args, '--format', 'csv'], { encoding: 'utf8' });
  assert.equal(csv.status, 0, csv.stderr);
  const lines = csv.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'optimizer,name,step,x,y,f,gx,gy,gnorm,lr');
  assert.equal(lines.length, 1 + 2 * 51);
  assert.match(lines[1]!, /^0,adam,0,-1\.5,2,12\.5,/);
  assert.match(lines[52]!, /^1,sgd,0,-1\.5,2,12\.5,/);
  assert.match(lines.at(-1)!, /^1,sgd,50,/);
  const doc = JSON.parse(spawnSync(process.execPath, [cli, ...args, '--format', 'json'], { encoding: 'utf8' }).stdout) as { optimizers: Record<string, unknown[]>[] };
  assert.equal(doc.optimizers.length, 2);
  for (const o of doc.optimizers) for (const s of ['x', 'y', 'f', 'gx', 'gy', 'gnorm', 'lr']) assert.equal(o[s]!.length, 51, s);
  assert.equal(doc.optimizers[1]!.x![0], -1.5);
  // the same numbers as the csv
  assert.equal(String(doc.optimizers[0]!.f![50]), lines[51]!.split(',')[5]);
});

/** Runs the CLI in a child process with stdout thrown away; its peak RSS in MB. */
function peakRss(args: string[], home: string): number {
  const script = `const m = await import(${JSON.stringify(mainJs)}); const code = await m.main(${JSON.stringify(args)}); process.stderr.write('\\nRSS ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = code;`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, GRADLAB_HOME: home }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return Number(/RSS (\d+)/.exec(r.stderr)![1]) / 1024;
}

test('peak memory stays bounded: a saved 1 000 000-step race of 3 optimizers, and one printed as json', () => {
  const home = tempHome();
  const race = ['race', '--fn', 'rosenbrock', '--steps', '1000000', '--opt', 'adam', '--opt', 'sgd:lr=0.0001', '--opt', 'momentum:lr=0.0001'];
  const saved = peakRss([...race, '--save', '--format', 'table'], home);
  const asJson = peakRss([...race, '--steps', '400000', '--format', 'json'], home);
  // before: 775 MB and ~580 MB (every point in JS arrays, and the store's backlog unbounded)
  assert.ok(saved < 300, `saved race: ${saved.toFixed(0)} MB`);
  assert.ok(asJson < 300, `json race: ${asJson.toFixed(0)} MB`);
});
