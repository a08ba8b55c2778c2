// The host supervisor against fake utility processes and a manual clock: it hands ports once the host
// is ready (one MessageChannel per hand-off: one end to the host, the other to the renderer), restarts
// a dying host with a doubling back-off, reports the runs the new host found interrupted, hands every
// renderer a new port, gives up after the limit, shuts down cleanly, and what the user is told.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { hostNotice } from '../../app/main/host-notice.js';
import { HOST_PORT_CHANNEL, HostSupervisor, type SupervisorEvent } from '../../app/main/host-supervisor.js';
import { IPC } from '../../app/preload/lab-api.js';
import { fakeChannel, FakeRenderer, FakeUtilityProcess, ManualClock, type FakePort } from './electron-fakes.js';

function rig(policy = {}) {
  const clock = new ManualClock();
  const procs: FakeUtilityProcess[] = [];
  const repairs: (string | undefined)[] = [];
  const events: SupervisorEvent[] = [];
  const sup = new HostSupervisor<FakePort>(
    {
      fork: (repair) => {
        const p = new FakeUtilityProcess();
        procs.push(p);
        repairs.push(repair);
        return p;
      },
      channel: fakeChannel,
      notify: (e) => events.push(e),
      timers: clock,
    },
    { initialDelayMs: 500, maxDelayMs: 4000, maxRestarts: 3, windowMs: 60_000, shutdownMs: 2000, ...policy },
  );
  return { clock, procs, repairs, events, sup, last: () => procs.at(-1)! };
}

const ready = (interrupted: { id: number; name: string; lab: string; steps: number }[] = []) => ({ type: 'ready', store: '/tmp/s/experiments.db', interrupted });

test('ports: a renderer that asks before the host is ready gets one when it is; each hand-off is a new channel', () => {
  const { sup, procs, last } = rig();
  sup.start();
  assert.equal(procs.length, 1);
  const r = new FakeRenderer();
  sup.requestPort(r);
  assert.equal(r.received.length, 0, 'nothing before ready');
  last().say(ready());
  assert.equal(sup.status, 'ready');
  assert.equal(r.received.length, 1);
  assert.equal(r.received[0]!.channel, HOST_PORT_CHANNEL);
  const n = Number(/^renderer-end-(\d+)$/.exec(r.received[0]!.ports[0]!.name)![1]);
  assert.deepEqual(last().posted, [{ message: { type: 'connect' }, transfer: [{ name: `host-end-${n}` }] }], 'the other end of the same channel went to the host');
  sup.requestPort(r); // a reload asks again: a fresh channel
  assert.deepEqual(r.received.map((x) => x.ports[0]!.name), [`renderer-end-${n}`, `renderer-end-${n + 1}`]);
  assert.equal(last().posted.length, 2);
  assert.equal(HOST_PORT_CHANNEL, IPC.hostPort, 'the channel the preload listens on');
});

test('restart: a dying host comes back after a doubling back-off, reports interrupted runs and re-hands ports', () => {
  const { sup, procs, events, clock, last } = rig();
  sup.start();
  const r1 = new FakeRenderer();
  const r2 = new FakeRenderer();
  sup.requestPort(r1);
  sup.requestPort(r2);
  last().say(ready());
  assert.deepEqual(events, [{ kind: 'ready', interrupted: [], afterCrash: false, exitCode: null, restarts: 0 }]);
  const gone = new FakeRenderer();
  sup.requestPort(gone);
  gone.destroyed = true;

  last().die(139); // SIGSEGV in native code
  assert.equal(sup.status, 'waiting');
  assert.deepEqual(events.at(-1), { kind: 'crashed', exitCode: 139, restartInMs: 500 });
  assert.deepEqual(clock.pending(), [500]);
  clock.advance(499);
  assert.equal(procs.length, 1, 'not before the back-off');
  clock.advance(1);
  assert.equal(procs.length, 2, 'restarted at 500 ms');
  assert.equal(sup.status, 'starting');
  last().say(ready([{ id: 7, name: 'adam on rosenbrock', lab: 'race', steps: 1234 }]));
  assert.deepEqual(events.at(-1), { kind: 'ready', interrupted: [{ id: 7, name: 'adam on rosenbrock', lab: 'race', steps: 1234 }], afterCrash: true, exitCode: 139, restarts: 1 });
  assert.equal(r1.received.length, 2, 'r1 got a new port');
  assert.equal(r2.received.length, 2, 'r2 got a new port');
  assert.equal(gone.received.length, 1, 'a destroyed renderer gets nothing more');
  assert.equal(last().posted.length, 2, 'the new host got the two other ends');
  assert.notEqual(r1.received[1]!.ports[0]!.name, r1.received[0]!.ports[0]!.name);

  // the next crashes wait 1 s, then 2 s
  last().die(1);
  assert.deepEqual(events.at(-1), { kind: 'crashed', exitCode: 1, restartInMs: 1000 });
  clock.advance(1000);
  last().die(1); // died before it was ready
  assert.deepEqual(events.at(-1), { kind: 'crashed', exitCode: 1, restartInMs: 2000 });
  clock.advance(2000);
  assert.equal(procs.length, 4);
  assert.equal(sup.restartCount, 3);
});

test('limit: more than maxRestarts crashes within the window → gives up, says so; retry starts afresh', () => {
  const { sup, procs, events, clock, last } = rig({ maxRestarts: 3 });
  sup.start();
  for (let i = 0; i < 3; i++) {
    last().die(134);
    clock.advance(10_000);
  }
  assert.equal(procs.length, 4);
  last().die(134);
  assert.equal(sup.status, 'failed');
  assert.deepEqual(events.at(-1), { kind: 'gave-up', exitCode: 134, crashes: 4 });
  clock.advance(60_000);
  assert.equal(procs.length, 4, 'no more restarts');
  const notice = hostNotice('en', events.at(-1)!)!;
  assert.equal(notice.message, 'The lab host keeps stopping (exit code 134, 4 times in two minutes).');
  assert.equal(notice.buttons[notice.retryButton!], 'Try Again');
  sup.retry();
  assert.equal(procs.length, 5);
  last().say(ready());
  assert.equal(sup.status, 'ready');
});

test('limit: crashes spread out over more than the window never add up to giving up', () => {
  const { sup, procs, clock, last } = rig({ maxRestarts: 2, windowMs: 60_000 });
  sup.start();
  for (let i = 0; i < 6; i++) {
    last().say(ready());
    clock.advance(61_000);
    last().die(139);
    clock.advance(500);
  }
  assert.equal(procs.length, 7);
  assert.equal(sup.status, 'starting');
});

test('a host that cannot open its store is not restarted; the user is told why', () => {
  const { sup, procs, events, clock, last } = rig();
  sup.start();
  last().say({ type: 'fatal', code: 'STORE_VERSION', message: 'the store is from a newer Gradient Lab (schema 9)' });
  last().die(1);
  clock.advance(60_000);
  assert.equal(procs.length, 1);
  assert.deepEqual(events, [{ kind: 'fatal', code: 'STORE_VERSION', message: 'the store is from a newer Gradient Lab (schema 9)' }]);
  const notice = hostNotice('zh-CN', events[0]!)!;
  assert.equal(notice.message, '实验主机无法打开实验数据库。');
  assert.equal(notice.detail, 'the store is from a newer Gradient Lab (schema 9) [STORE_VERSION]');
});

test('stop: asks the host to shut down and waits for it; kills it after shutdownMs; no restart after', async () => {
  const a = rig();
  a.sup.start();
  a.last().say(ready());
  const stopped = a.sup.stop();
  assert.deepEqual(a.last().posted.at(-1), { message: { type: 'shutdown' }, transfer: [] });
  a.last().say({ type: 'closed' });
  a.last().die(0);
  await stopped;
  assert.equal(a.last().killed, false);
  a.clock.advance(60_000);
  assert.equal(a.procs.length, 1);

  const b = rig();
  b.sup.start();
  b.last().say(ready());
  let done = false;
  const hung = b.sup.stop().then(() => (done = true));
  b.clock.advance(1999);
  assert.equal(b.last().killed, false);
  b.clock.advance(1);
  assert.equal(b.last().killed, true, 'killed after 2 s');
  b.last().die(9);
  await hung;
  assert.equal(done, true);
  assert.equal(b.procs.length, 1);
});

test('notices: interrupted runs listed in the UI language; a clean start says nothing', () => {
  const runs = [
    { id: 3, name: 'spiral adam', lab: 'train', steps: 340 },
    { id: 4, name: 'race', lab: 'race', steps: 12 },
  ];
  assert.equal(hostNotice('en', { kind: 'ready', interrupted: [], afterCrash: false, exitCode: null, restarts: 0 }), null);
  assert.equal(hostNotice('en', { kind: 'crashed', exitCode: 139, restartInMs: 500 }), null);
  const after = hostNotice('en', { kind: 'ready', interrupted: runs, afterCrash: true, exitCode: 139, restarts: 1 })!;
  assert.equal(after.message, 'The lab host stopped unexpectedly (exit code 139) and has been restarted.');
  assert.equal(after.detail, 'These runs were interrupted; their points up to then are saved:\n#3 spiral adam (train, 340 steps)\n#4 race (race, 12 steps)');
  const atStart = hostNotice('zh-CN', { kind: 'ready', interrupted: runs.slice(0, 1), afterCrash: false, exitCode: null, restarts: 0 })!;
  assert.equal(atStart.message, '梯度实验室上次运行时意外退出。');
  assert.equal(atStart.detail, '以下运行被中断，此前的数据点均已保存：\n#3 spiral adam（train，340 步）');
  assert.equal(hostNotice('en', { kind: 'ready', interrupted: [], afterCrash: true, exitCode: 1, restarts: 1 })!.detail, '');
});

test('a damaged store: the user is offered Recover or Set Aside, in their language; the choice restarts the host repairing first, and its report is shown', () => {
  const { sup, procs, repairs, events, last } = rig();
  sup.start();
  const message =
    'the experiment store /home/u/gl/experiments.db is damaged (it is truncated: 300000 bytes where its header says 65 pages of 16384 bytes (1064960)); run `gradlab store recover` to copy what is readable into a new store, or `gradlab store set-aside` to keep the file aside and start a new one (neither deletes it)';
  last().say({ type: 'fatal', code: 'STORE_DAMAGED', message });
  last().die(1);
  const en = hostNotice('en', events[0]!)!;
  assert.equal(en.message, 'The experiment store is damaged.');
  assert.deepEqual(en.buttons, ['Recover', 'Set Aside and Start New', 'Close']);
  assert.deepEqual(en.repairButtons, { 0: 'recover', 1: 'set-aside' });
  assert.ok(en.detail.startsWith('the experiment store /home/u/gl/experiments.db is damaged (it is truncated: 300000 bytes'));
  assert.doesNotMatch(en.detail, /gradlab store/, 'the dialog offers buttons, not CLI commands');
  const zh = hostNotice('zh-CN', events[0]!)!;
  assert.equal(zh.message, '实验数据库已损坏。');
  assert.deepEqual(zh.buttons, ['恢复', '另存并新建', '关闭']);

  sup.retry('recover');
  assert.equal(procs.length, 2);
  assert.deepEqual(repairs, [undefined, 'recover']);
  last().say({ type: 'ready', store: '/home/u/gl/experiments.db', interrupted: [], repaired: { repair: 'recover', setAsideAs: '/home/u/gl/experiments.damaged-20261206-031922.db', runs: 3, unreadable: 2 } });
  const done = hostNotice('zh-CN', events.at(-1)!)!;
  assert.equal(done.message, '实验数据库已恢复：保留了 3 个运行。');
  assert.equal(done.detail, '损坏的文件保存为 /home/u/gl/experiments.damaged-20261206-031922.db。\n有 2 处无法读取的部分未能恢复。');
});
