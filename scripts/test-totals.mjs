// The counting behind `npm test`'s last line "N passed, N failed, N skipped" (scripts/test.mjs), kept
// apart so that test/node/71.test-totals.test.ts can check it on sample outputs:
//   - node's test runner: its summary (ℹ pass / fail / cancelled / skipped / todo), and which tests were
//     skipped, in which file — from the events of the reporter below, else from the spec reporter's lines;
//   - vitest's JSON report (each test's status);
//   - ctest's output ("N% tests passed, N tests failed out of N", "The following tests did not run:").
// In CI (CI set in the environment) a skipped test counts as a failure in the C++ and vitest rings, and in
// the node ring for the end-to-end files (E*) and the tooling test (70.tooling.test.ts).
//
// The default export is a reporter for node's test runner (`--test-reporter=<this file>`): one JSON line
// per skipped or todo test, {name, file, reason, todo}. A skipped suite is one line (its tests never ran,
// and node's summary does not count them at all); a todo suite is none (its tests run and are counted).

/** node's spec reporter prints "﹣ name (1.23ms) # reason" for a skipped test. */
const SPEC_SKIP = /^\s*﹣ (.*?)(?: \(\d[\d.]*m?s\))?(?: # (.*))?$/u;
/** TAP: "ok 3 - name # SKIP reason" / "# TODO reason". */
const TAP_SKIP = /^\s*(?:not )?ok \d+ - (.*?) # (SKIP|TODO)\b ?(.*)$/iu;

/** The reporter for node's test runner (the default export): a JSON line for each skipped or todo test. */
export default async function* skippedTestsReporter(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, file, skip, todo, details } = event.data;
    const suite = details?.type === 'suite';
    if (skip || (todo && !suite)) {
      const why = skip || todo;
      yield `${JSON.stringify({ name, file: file ?? null, reason: typeof why === 'string' ? why : '', todo: !skip })}\n`;
    }
  }
}

/** The last number after `label` in a node test summary line ("ℹ pass 3" / "# pass 3"), or null. */
function summaryNumber(text, label) {
  let last = null;
  for (const m of text.matchAll(new RegExp(`^[ \\t]*(?:ℹ|#) ${label} (\\d+)[ \\t\\r]*$`, 'gmu'))) last = Number(m[1]);
  return last;
}

/**
 * node's summary, spec or TAP: {pass, fail, cancelled, skipped, todo}, or null when there is none.
 * A cancelled test (a timeout, or its file ended first) is a failure; a todo test is a skipped one.
 */
export function parseNodeSummary(text) {
  const pass = summaryNumber(text, 'pass');
  const fail = summaryNumber(text, 'fail');
  if (pass === null || fail === null) return null;
  return { pass, fail, cancelled: summaryNumber(text, 'cancelled') ?? 0, skipped: summaryNumber(text, 'skipped') ?? 0, todo: summaryNumber(text, 'todo') ?? 0 };
}

/** The skipped tests named by the spec reporter (﹣ lines) or TAP (# SKIP / # TODO): [{name, reason}]. */
export function parseNodeSpecSkips(text) {
  const out = [];
  for (const line of text.split(/\r?\n/u)) {
    if (/^\s*✖ failing tests:/u.test(line)) break; // the failures repeated at the end
    let m = SPEC_SKIP.exec(line);
    if (m) {
      out.push({ name: m[1], reason: m[2] === undefined || m[2] === 'SKIP' ? '' : m[2] });
      continue;
    }
    m = TAP_SKIP.exec(line);
    if (m) out.push({ name: m[1].replace(/\\#/gu, '#'), reason: m[3].trim(), todo: m[2].toUpperCase() === 'TODO' });
  }
  return out;
}

/** The reporter's JSON lines back as [{name, file, reason, todo}] (lines that are not its JSON are ignored). */
export function parseSkipEvents(text) {
  const out = [];
  for (const line of text.split(/\r?\n/u)) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line);
      if (e && typeof e.name === 'string') out.push({ name: e.name, file: typeof e.file === 'string' ? e.file : null, reason: String(e.reason ?? ''), todo: Boolean(e.todo) });
    } catch {
      // not one of ours
    }
  }
  return out;
}

/** The file's name without its folders (either slash). */
function baseName(file) {
  return file.split(/[\\/]/u).pop() ?? file;
}

/** A node test file whose skipped tests fail a CI run: the end-to-end ones (E*) and the tooling test. */
export function isStrictNodeFile(file) {
  const base = baseName(file);
  return base.startsWith('E') || /^70\.tooling\.test\.(?:ts|js|mjs)$/u.test(base);
}

/** CI=true (any value but empty, 0 or false) makes skips in the strict rings failures. */
export function isCi(env) {
  // the release workflow builds installers on runners without Chromium: it says so, and skips are allowed there
  if (env.GRADLAB_SKIPS_ALLOWED) return false;
  const v = env.CI;
  return v !== undefined && v !== '' && !/^(?:0|false)$/iu.test(v);
}

/**
 * The node ring's totals from its output (spec reporter, stdout and stderr) and the reporter's JSON
 * lines (null when there are none: then the skipped tests are named from the spec lines, files unknown).
 * In CI a skipped test of a strict file — or of an unknown file — is moved from skipped to failed.
 * Returns {passed, failed, skipped, skippedTests, skipFailures} or null when node printed no summary.
 */
export function nodeTotals(output, events, { ci = false } = {}) {
  const s = parseNodeSummary(output);
  if (!s) return null;
  const listed = events === null ? parseNodeSpecSkips(output).map((t) => ({ ...t, file: null })) : parseSkipEvents(events);
  const skippedCount = events === null ? s.skipped + s.todo : listed.length;
  const skipFailures = ci ? listed.filter((t) => t.file === null || isStrictNodeFile(t.file)) : [];
  return {
    passed: s.pass,
    failed: s.fail + s.cancelled + skipFailures.length,
    skipped: Math.max(0, skippedCount - skipFailures.length),
    skippedTests: listed,
    skipFailures,
  };
}

/**
 * ctest's totals: "N% tests passed, N tests failed out of N" (the total holds a skipped test but not a
 * disabled one; ctest calls both passed-or-not-run) and the list "The following tests did not run:".
 * Returns {passed, failed, skipped, skippedTests: [{name, reason}]} or null when ctest printed no summary.
 */
export function parseCtest(text) {
  let m = null;
  for (const x of text.matchAll(/(\d+)% tests passed, (\d+) tests? failed out of (\d+)/gu)) m = x;
  if (!m) return null;
  const total = Number(m[3]);
  const bad = Number(m[2]);
  const skippedTests = [];
  const lines = text.split(/\r?\n/u);
  const start = lines.findIndex((l) => /^The following tests did not run:/u.test(l.trim()));
  if (start >= 0) {
    for (const line of lines.slice(start + 1)) {
      const t = /^\s+\d+ - (.+) \(([^()]*)\)\s*$/u.exec(line);
      if (!t) break;
      skippedTests.push({ name: t[1], reason: t[2] });
    }
  }
  const inTotal = skippedTests.filter((t) => t.reason !== 'Disabled').length;
  return { passed: Math.max(0, total - bad - inTotal), failed: bad, skipped: skippedTests.length, skippedTests };
}

/**
 * vitest's JSON report: each test by its status (passed, failed, else — skipped, pending, todo — skipped),
 * and a file that failed with no failed test (it did not load) as one failure.
 * Returns {passed, failed, skipped, skippedTests: [{name, file, reason}], brokenFiles}.
 */
export function vitestTotals(report) {
  if (!Array.isArray(report.testResults)) {
    const failed = (report.numFailedTests ?? 0) + (report.success === false && !report.numFailedTests ? 1 : 0);
    return { passed: report.numPassedTests ?? 0, failed, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0), skippedTests: [], brokenFiles: [] };
  }
  let passed = 0;
  let failed = 0;
  const skippedTests = [];
  const brokenFiles = [];
  for (const file of report.testResults) {
    let failedHere = 0;
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'passed') passed += 1;
      else if (t.status === 'failed') failedHere += 1;
      else skippedTests.push({ name: t.fullName ?? t.title, file: file.name ?? null, reason: t.status });
    }
    if (file.status === 'failed' && failedHere === 0) {
      failedHere = 1;
      brokenFiles.push({ file: file.name ?? null, message: file.message ?? '' });
    }
    failed += failedHere;
  }
  return { passed, failed, skipped: skippedTests.length, skippedTests, brokenFiles };
}

/** In CI every skipped test of a ring (C++, vitest) is a failure: totals with the skips moved to failed. */
export function strictTotals(totals, ci) {
  if (!ci || totals.skipped === 0) return { ...totals, skipFailures: [] };
  return { ...totals, failed: totals.failed + totals.skipped, skipped: 0, skipFailures: totals.skippedTests };
}

/** One line naming a skipped test: "name (reason) — file". */
export function describeSkip(t) {
  const where = t.file ? ` — ${baseName(t.file)}` : '';
  return `${t.name}${t.reason ? ` (${t.reason})` : ''}${where}`;
}

/** The last line of `npm test`. */
export function totalsLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}
