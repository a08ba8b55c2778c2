// `npm test`'s last line "N passed, N failed, N skipped" (scripts/test-totals.mjs): node's summary, its
// spec lines and our reporter's skip lines, ctest's and vitest's reports, each on a sample whose numbers
// were counted by hand; in CI the skips of end-to-end and tooling files, and every C++ or vitest skip,
// move to failed. One run of node's test runner on throwaway files checks the reporter and the formats.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Skip {
  name: string;
  file?: string | null;
  reason: string;
  todo?: boolean;
}
interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  skippedTests: Skip[];
  skipFailures?: Skip[];
}

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const totalsModule = path.join(repo, 'scripts', 'test-totals.mjs');
const T = (await import(pathToFileURL(totalsModule).href)) as {
  parseNodeSummary(text: string): { pass: number; fail: number; cancelled: number; skipped: number; todo: number } | null;
  parseNodeSpecSkips(text: string): Skip[];
  parseSkipEvents(text: string): Skip[];
  isStrictNodeFile(file: string): boolean;
  isCi(env: Record<string, string | undefined>): boolean;
  nodeTotals(output: string, events: string | null, opts: { ci: boolean }): (Totals & { skipFailures: Skip[] }) | null;
  parseCtest(text: string): Totals | null;
  vitestTotals(report: unknown): Totals & { brokenFiles: { file: string | null; message: string }[] };
  strictTotals(totals: Totals, ci: boolean): Totals & { skipFailures: Skip[] };
  totalsLine(t: { passed: number; failed: number; skipped: number }): string;
};

// node 20's spec reporter on: E1.fake (pass, fail, skip by option, t.skip(), skip: true, todo that passes,
// a suite with a pass and a skip), 70.tooling (pass, skip), 10.other (a timeout, a failing todo, a parent
// with a skipped and a passing child)
const SPEC = `✔ passes (0.995518ms)
✖ fails (1.001486ms)
  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

  1 !== 2

﹣ skipped by option (0.11456ms) # no chromium here
﹣ skipped by t.skip (0.112297ms) # no cmake
✔ todo one (0.140979ms) # later
﹣ plain skip true (1.186241ms) # SKIP
▶ a suite
  ✔ inner pass (0.133278ms)
  ﹣ inner skip (0.131966ms) # x
✔ a suite (0.644657ms)
✔ other file pass (0.998582ms)
﹣ other file skip (0.144114ms) # SKIP
✖ slow (51.534183ms)
  'test timed out after 50ms'

✖ todo failing (0.18867ms) # TODO
  Error: x

▶ parent
  ﹣ child skip (0.811465ms) # because
  ✔ child pass (0.104685ms)
✔ parent (1.344426ms)
ℹ tests 15
ℹ suites 1
ℹ pass 5
ℹ fail 1
ℹ cancelled 1
ℹ skipped 6
ℹ todo 2
ℹ duration_ms 668.229693

✖ failing tests:

test at E1.fake.test.mjs:4:1
✖ fails (1.001486ms)

test at 10.other.test.mjs:2:1
✖ slow (51.534183ms)
  'test timed out after 50ms'

test at 10.other.test.mjs:3:1
✖ todo failing (0.18867ms) # TODO
  Error: x
`;

// what scripts/test-totals.mjs's reporter wrote for the same run
const EVENTS = `{"name":"skipped by option","file":"/t/E1.fake.test.mjs","reason":"no chromium here","todo":false}
{"name":"skipped by t.skip","file":"/t/E1.fake.test.mjs","reason":"no cmake","todo":false}
{"name":"todo one","file":"/t/E1.fake.test.mjs","reason":"later","todo":true}
{"name":"plain skip true","file":"/t/E1.fake.test.mjs","reason":"","todo":false}
{"name":"inner skip","file":"/t/E1.fake.test.mjs","reason":"x","todo":false}
{"name":"other file skip","file":"/t/70.tooling.test.mjs","reason":"","todo":false}
{"name":"todo failing","file":"/t/10.other.test.mjs","reason":"","todo":true}
{"name":"child skip","file":"/t/10.other.test.mjs","reason":"because","todo":false}
`;

test('node: the summary by hand — a timeout is a failure, a todo is a skip', () => {
  assert.deepEqual(T.parseNodeSummary(SPEC), { pass: 5, fail: 1, cancelled: 1, skipped: 6, todo: 2 });
  assert.deepEqual(T.parseNodeSummary('# tests 3\n# pass 2\n# fail 1\n# skipped 0\n'), { pass: 2, fail: 1, cancelled: 0, skipped: 0, todo: 0 }, 'TAP');
  assert.equal(T.parseNodeSummary('✔ a test that prints ℹ pass 9 in its name\n'), null, 'no summary');
  const t = T.nodeTotals(SPEC, EVENTS, { ci: false })!;
  assert.deepEqual([t.passed, t.failed, t.skipped], [5, 2, 8]);
  assert.deepEqual(t.skipFailures, []);
  assert.deepEqual(t.skippedTests.map((s) => s.name), ['skipped by option', 'skipped by t.skip', 'todo one', 'plain skip true', 'inner skip', 'other file skip', 'todo failing', 'child skip']);
});

test('node: the spec lines name the skipped tests (not the todo ones), ignoring the failures repeated at the end', () => {
  assert.deepEqual(T.parseNodeSpecSkips(SPEC), [
    { name: 'skipped by option', reason: 'no chromium here' },
    { name: 'skipped by t.skip', reason: 'no cmake' },
    { name: 'plain skip true', reason: '' },
    { name: 'inner skip', reason: 'x' },
    { name: 'other file skip', reason: '' },
    { name: 'child skip', reason: 'because' },
  ]);
  assert.deepEqual(T.parseNodeSpecSkips('ok 3 - no browser # SKIP no /usr/bin/chromium\nok 4 - later # TODO\nok 5 - fine\n'), [
    { name: 'no browser', reason: 'no /usr/bin/chromium', todo: false },
    { name: 'later', reason: '', todo: true },
  ]);
  // without our reporter's lines: the summary counts, the spec lines name them
  const t = T.nodeTotals(SPEC, null, { ci: false })!;
  assert.deepEqual([t.passed, t.failed, t.skipped, t.skippedTests.length], [5, 2, 8, 6]);
});

test('node in CI: the skips of E* files and of the tooling test are failures, the others stay skips', () => {
  for (const f of ['E1.playground.test.js', '/x/dist/test/node/E5c.security.e2e.test.js', 'C:\\x\\E0.e2e.shell.test.js', '70.tooling.test.ts', '70.tooling.test.js']) assert.equal(T.isStrictNodeFile(f), true, f);
  for (const f of ['71.test-totals.test.js', '/E/10.race.numbers.test.js', 'A3.serve.test.js', '70.tooling-extra.test.js']) assert.equal(T.isStrictNodeFile(f), false, f);
  const t = T.nodeTotals(SPEC, EVENTS, { ci: true })!;
  assert.deepEqual([t.passed, t.failed, t.skipped], [5, 2 + 6, 8 - 6]);
  assert.deepEqual(t.skipFailures.map((s) => s.name), ['skipped by option', 'skipped by t.skip', 'todo one', 'plain skip true', 'inner skip', 'other file skip']);
  // files unknown (no reporter lines): every named skip fails
  const blind = T.nodeTotals(SPEC, null, { ci: true })!;
  assert.deepEqual([blind.failed, blind.skipped], [2 + 6, 8 - 6]);
  assert.equal(T.isCi({ CI: 'true' }), true);
  assert.equal(T.isCi({ CI: '1' }), true);
  assert.equal(T.isCi({ CI: 'true', GRADLAB_SKIPS_ALLOWED: '1' }), false, 'the release workflow allows skips');
  for (const CI of [undefined, '', '0', 'false', 'FALSE']) assert.equal(T.isCi({ CI }), false, String(CI));
});

// ctest 3.25 on ok1, bad1, disabled1 (DISABLED), skipped1 (SKIP_RETURN_CODE), missing1 (no executable), ok2
const CTEST = `Test project /tmp/ct/b
    Start 1: ok1
1/6 Test #1: ok1 ..............................   Passed    0.01 sec
    Start 2: bad1
2/6 Test #2: bad1 .............................***Failed    0.00 sec

    Start 3: disabled1
3/6 Test #3: disabled1 ........................***Not Run (Disabled)   0.00 sec
    Start 4: skipped1
4/6 Test #4: skipped1 .........................***Skipped   0.00 sec
    Start 5: missing1
Unable to find executable: /nonexistent/thing
5/6 Test #5: missing1 .........................***Not Run   0.00 sec
    Start 6: ok2
6/6 Test #6: ok2 ..............................   Passed    0.01 sec

60% tests passed, 2 tests failed out of 5

Total Test time (real) =   0.03 sec

The following tests did not run:
\t  3 - disabled1 (Disabled)
\t  4 - skipped1 (Skipped)

The following tests FAILED:
\t  2 - bad1 (Failed)
\t  5 - missing1 (Not Run)
Errors while running CTest
`;

test('ctest: a skipped test is not a pass, a disabled one is a skip, a missing executable a failure', () => {
  const t = T.parseCtest(CTEST)!;
  assert.deepEqual([t.passed, t.failed, t.skipped], [2, 2, 2]);
  assert.deepEqual(t.skippedTests, [{ name: 'disabled1', reason: 'Disabled' }, { name: 'skipped1', reason: 'Skipped' }]);
  const ok = T.parseCtest('Test project /b\n1/2 Test #1: a ...   Passed\n\n100% tests passed, 0 tests failed out of 2\n\nTotal Test time (real) =   0.03 sec\n')!;
  assert.deepEqual([ok.passed, ok.failed, ok.skipped], [2, 0, 0]);
  assert.equal(T.parseCtest('No tests were found!!!\n'), null);
  const ci = T.strictTotals(t, true);
  assert.deepEqual([ci.passed, ci.failed, ci.skipped, ci.skipFailures.length], [2, 4, 0, 2]);
  assert.deepEqual(T.strictTotals(t, false).failed, 2);
});

// vitest 4's JSON report: a.test.js (a pass, a failure, it.skip, it.todo, ctx.skip()), b.test.js (does not load)
const VITEST = {
  numTotalTestSuites: 3,
  numFailedTestSuites: 3,
  numTotalTests: 5,
  numPassedTests: 1,
  numFailedTests: 1,
  numPendingTests: 2,
  numTodoTests: 1,
  success: false,
  testResults: [
    {
      name: '/r/a.test.js',
      status: 'failed',
      message: '',
      assertionResults: [
        { fullName: 'group passes', title: 'passes', status: 'passed' },
        { fullName: 'group fails', title: 'fails', status: 'failed' },
        { fullName: 'group skipped', title: 'skipped', status: 'skipped' },
        { fullName: 'group todo one', title: 'todo one', status: 'todo' },
        { fullName: 'top skip dyn', title: 'top skip dyn', status: 'skipped' },
      ],
    },
    { name: '/r/b.test.js', status: 'failed', message: "Cannot find module './nonexistent.js'", assertionResults: [] },
  ],
};

test('vitest: each test by its status, a file that does not load one failure (not one per suite)', () => {
  const t = T.vitestTotals(VITEST);
  assert.deepEqual([t.passed, t.failed, t.skipped], [1, 2, 3]);
  assert.deepEqual(t.skippedTests.map((s) => `${s.name}:${s.reason}`), ['group skipped:skipped', 'group todo one:todo', 'top skip dyn:skipped']);
  assert.deepEqual(t.brokenFiles, [{ file: '/r/b.test.js', message: "Cannot find module './nonexistent.js'" }]);
  const ci = T.strictTotals(t, true);
  assert.deepEqual([ci.passed, ci.failed, ci.skipped], [1, 5, 0]);
  const { testResults: _, ...counts } = VITEST;
  const bare = T.vitestTotals(counts);
  assert.deepEqual([bare.passed, bare.failed, bare.skipped], [1, 1, 3]);
});

test('the last line', () => {
  assert.equal(T.totalsLine({ passed: 12, failed: 0, skipped: 3 }), '12 passed, 0 failed, 3 skipped');
});

test('node 20’s runner, spec reporter and ours, on throwaway files: one pass, one failure, skips in an E file and another', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gradlab-totals-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    path.join(dir, 'E9.fake.test.mjs'),
    `import { test } from 'node:test';
test('passes', () => {});
test('fails', () => { throw new Error('on purpose'); });
test('no browser', { skip: 'no chromium' }, () => {});
`,
  );
  writeFileSync(
    path.join(dir, '50.fake.test.mjs'),
    `import { test } from 'node:test';
test('bails out', (t) => { t.skip('nothing to test with'); return; });
test('later', { todo: true }, () => {});
`,
  );
  const events = path.join(dir, 'skips.jsonl');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // else the child reports to this runner instead of printing
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', `--test-reporter=${pathToFileURL(totalsModule).href}`, `--test-reporter-destination=${events}`, dir], { encoding: 'utf8', env, cwd: dir });
  const output = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 1, output);
  const lines = readFileSync(events, 'utf8');
  assert.deepEqual(
    T.parseSkipEvents(lines)
      .map((s) => [path.basename(s.file ?? ''), s.name, s.reason, s.todo])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1]))), // the files run side by side
    [
      ['50.fake.test.mjs', 'bails out', 'nothing to test with', false],
      ['50.fake.test.mjs', 'later', '', true],
      ['E9.fake.test.mjs', 'no browser', 'no chromium', false],
    ],
  );
  assert.deepEqual(T.parseNodeSpecSkips(output).map((s) => s.name).sort(), ['bails out', 'no browser']);
  const local = T.nodeTotals(output, lines, { ci: false })!;
  assert.deepEqual([local.passed, local.failed, local.skipped], [1, 1, 3]);
  const ci = T.nodeTotals(output, lines, { ci: true })!;
  assert.deepEqual([ci.passed, ci.failed, ci.skipped], [1, 2, 2]);
  assert.deepEqual(ci.skipFailures.map((s) => s.name), ['no browser']);
});
