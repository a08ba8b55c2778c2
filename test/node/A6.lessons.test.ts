// #16 lessons: the file format (errors name the file and line), the observation form, both languages
// paired, and every shipped lesson's "try this" steps happening when run headless (their
// observations fire) with each comparison's good run really the better one.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkLesson, pairLessons, readLessonFiles } from '../../src/lessons/check.js';
import { LessonError, parseLesson } from '../../src/lessons/format.js';
import { Observer, parseObservation } from '../../src/lessons/observe.js';
import { gradlabIn } from './cli-store-helpers.js';
import { tempHome } from './store-helpers.js';

const HEAD = '# T\nlesson: t\nchapter: 1\nlab: race\nview: playground\n';
const RUN = '{"function": "rosenbrock", "steps": 10, "optimizers": [{"type": "sgd", "lr": 0.001}]}';

function errorOf(text: string): string {
  try {
    parseLesson('t.en.md', text, 'en');
  } catch (e) {
    assert.ok(e instanceof LessonError, String(e));
    return e.message;
  }
  return 'no error';
}

test('lesson files: each mistake is named with its file and line', () => {
  assert.equal(errorOf('Title\n'), 't.en.md:1: expected the title: "# <title>"');
  assert.equal(errorOf('# T\nlesson: t\nchapter: 14\nlab: race\nview: playground\n'), 't.en.md:3: chapter: expected a whole number from 1 to 13, got "14"');
  assert.equal(errorOf('# T\nlesson: t\nchapter: 1\nlab: nope\nview: playground\n'), 't.en.md:4: lab: unknown lab "nope"; expected one of: race, train, seq, attention, gan, vae, gridworld, cartpole, mcts');
  assert.equal(errorOf(`${HEAD}\n## try: go\nconfig: ${RUN}\nobserve: status is\n`), 't.en.md:9: observe: expected "status is <word>" or "status is not <word>", got "status is"');
  assert.equal(errorOf(`${HEAD}\n## try: go\nconfig: {"function": "rosenbrock", "steps": -5, "optimizers": [{"type": "sgd"}]}\nobserve: status is diverged\n`), 't.en.md:8: race.steps: expected an integer in [1, 10000000], got -5');
  assert.equal(errorOf(`${HEAD}\n## try: go\nobserve: status is diverged\n`), 't.en.md:7: try: "config:" is required');
  assert.equal(errorOf(`${HEAD}\n## quiz: why?\n- [x] a — b\n- [x] c — d\n`), 't.en.md:7: quiz: expected exactly one right answer "- [x] …", got 2');
  assert.equal(errorOf(`${HEAD}\n## quiz: why?\n- [x] a — b\n* c\n`), 't.en.md:9: expected an answer "- [x] <answer> — <why>" or "- [ ] <answer> — <why>", got "* c"');
  assert.equal(errorOf(`${HEAD}\n## Idea\n$$ x^2\n`), 't.en.md:8: display math: expected "$$ … $$" on one line');
  const ok = parseLesson('t.en.md', `${HEAD}\n## Idea\nOne $x$ line\nand another.\n\n$$ x^2 $$\n\n## try: go\nconfig: ${RUN}\nobserve: final race_f < 100\nnote: n\n`, 'en');
  assert.deepEqual(ok.blocks[0], { kind: 'text', heading: 'Idea', paragraphs: [{ kind: 'p', text: 'One $x$ line and another.' }, { kind: 'math', tex: 'x^2' }] });
  assert.equal(ok.blocks[1]!.kind, 'try');
});

test('both languages: a missing or different translation is refused', () => {
  const en = { file: 't.en.md', text: `${HEAD}\n## try: go\nconfig: ${RUN}\nobserve: final race_f < 100\n` };
  assert.throws(() => pairLessons([en]), /t\.zh\.md:1: lesson "t" has no 简体中文 file/);
  const zh = { file: 't.zh.md', text: en.text.replace('< 100', '< 50') };
  assert.throws(() => pairLessons([en, zh]), /lesson "t": its runs, observations, formulas or answers differ/);
  assert.equal(pairLessons([en, { file: 't.zh.md', text: en.text.replace('## try: go', '## try: 运行') }]).length, 1);
});

test('observations: parsed, and ticked by batches and ends as described', () => {
  assert.throws(() => parseObservation('series race_f ~ 1'), /expected a comparison \(<, <=, >, >=\), got "~"/);
  assert.throws(() => parseObservation('series race_f < 1 within 0 steps'), /within: expected a whole number ≥ 1, got 0/);
  const within = new Observer(parseObservation('series epoch_test_acc >= 0.9 within 3 epochs'));
  within.batch('epoch', 0, { epoch: [0, 1, 2, 3, 4], test_acc: [0.5, 0.6, 0.8, 0.89, 0.95] });
  assert.equal(within.fired, false, '0.95 came at epoch 4, after 3');
  within.batch('epoch', 0, { epoch: [1], test_acc: [0.9] });
  assert.equal(within.fired, true);
  const member = new Observer(parseObservation('final race1_f < final race_f'));
  member.batch('race', 0, { f: [3, 2] });
  member.batch('race', 1, { f: [3, 1.5] });
  member.end('completed');
  assert.equal(member.fired, true);
  const not = new Observer(parseObservation('status is not diverged'));
  not.end('diverged', 'diverged');
  assert.equal(not.fired, false);
  const lab = new Observer(parseObservation('status is reached_target'));
  lab.end('completed', 'reached_target');
  assert.equal(lab.fired, true);
});

test('every shipped lesson: both languages, and each "try this" step happens when run', async () => {
  const pairs = pairLessons(readLessonFiles());
  assert.deepEqual(pairs.map((p) => p.en.chapter), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  for (const { en } of pairs) {
    const checks = await checkLesson(en);
    assert.ok(checks.length >= 3, `${en.id}: at least two try steps and a comparison`);
    for (const c of checks) assert.ok(c.ok, `${c.lesson}: ${c.step}: ${c.detail}`);
  }
});

test('gradlab lessons list | check: a teacher\'s broken lesson exits 1 naming the step', async () => {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const path = await import('node:path');
  const dir = path.join(tempHome(), 'lessons');
  mkdirSync(dir);
  const text = `${HEAD}\n## try: go\nconfig: ${RUN}\nobserve: final race_f < 0.000001\n`;
  writeFileSync(path.join(dir, 't.en.md'), text);
  writeFileSync(path.join(dir, 't.zh.md'), text);
  const r = gradlabIn(tempHome(), 'lessons', 'check', '--dir', dir);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /t +NOT SEEN +go +final race_f < 0\.000001: not seen \(run completed\)/);
  writeFileSync(path.join(dir, 't.zh.md'), text.replace('chapter: 1', 'chapter: x'));
  const bad = gradlabIn(tempHome(), 'lessons', 'list', '--dir', dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /t\.zh\.md:3: chapter: expected a whole number from 1 to 13, got "x"/);
});
