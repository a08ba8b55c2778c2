// Window state: loaded from JSON in the user-data folder (missing / bad JSON / wrong types → defaults),
// sizes clamped to the minimum and the display, an off-screen position recentred on the primary
// display, a second monitor's position kept; saved atomically on close and (debounced) on move/resize.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { MIN_HEIGHT, MIN_WIDTH } from '../../app/main/window-options.js';
import { DEFAULT_SIZE, fitToDisplays, loadWindowState, saveWindowState, trackWindowState, type Rect } from '../../app/main/window-state.js';
import { ManualClock } from './electron-fakes.js';
import { tempHome } from './store-helpers.js';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 }; // work area below a 30 px bar
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1440 };

test('missing, malformed or mistyped files give the defaults, centred on the primary display', () => {
  const dir = tempHome();
  const centred = { x: Math.round((1920 - DEFAULT_SIZE.width) / 2), y: Math.round((1050 - DEFAULT_SIZE.height) / 2), width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height, maximized: false };
  assert.deepEqual(loadWindowState(path.join(dir, 'none.json'), [laptop]), centred);
  for (const [name, text] of [
    ['bad.json', '{"width": 1200, "height":'],
    ['array.json', '[1, 2, 3]'],
    ['null.json', 'null'],
    ['strings.json', '{"width": "1200", "height": "800", "x": "5", "maximized": "yes"}'],
    ['infinite.json', '{"width": 1e999, "height": -1e999, "x": 1e999, "y": 0}'],
  ] as const) {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    assert.deepEqual(loadWindowState(file, [laptop]), centred, name);
  }
});

test('a saved state comes back; sizes are clamped between the minimum and the display', () => {
  const file = path.join(tempHome(), 'window-state.json');
  saveWindowState(file, { x: 100, y: 80, width: 1280, height: 720, maximized: true, lang: 'zh-CN' });
  assert.deepEqual(loadWindowState(file, [laptop]), { x: 100, y: 80, width: 1280, height: 720, maximized: true, lang: 'zh-CN' });
  assert.equal(existsSync(`${file}.tmp`), false, 'written through a temporary file, renamed');
  assert.deepEqual(fitToDisplays({ x: 0, y: 0, width: 300, height: 200 }, [laptop]), { x: 0, y: 0, width: MIN_WIDTH, height: MIN_HEIGHT, maximized: false });
  assert.deepEqual(fitToDisplays({ x: 0, y: 0, width: 5000, height: 3000 }, [laptop]), { x: 0, y: 0, width: 1920, height: 1050, maximized: false });
  assert.equal(fitToDisplays({ width: 1000, height: 700, lang: 'fr' }, [laptop]).lang, undefined);
});

test('off-screen positions are recentred; a position on a second monitor is kept while it is attached', () => {
  const saved = { x: 2400, y: 300, width: 1400, height: 900, maximized: false };
  assert.deepEqual(fitToDisplays(saved, [laptop, rightMonitor]), saved, 'on the right monitor');
  assert.deepEqual(fitToDisplays(saved, [laptop]), { x: 260, y: 75, width: 1400, height: 900, maximized: false }, 'monitor unplugged: centred');
  assert.deepEqual(fitToDisplays({ ...saved, x: -5000, y: -5000 }, [laptop]), { ...saved, x: 260, y: 75 });
  // only the title bar's corner would show (30 px): not enough to grab it
  assert.deepEqual(fitToDisplays({ ...saved, x: 1890, y: 100 }, [laptop]), { ...saved, x: 260, y: 75 });
  assert.deepEqual(fitToDisplays({ ...saved, x: 1700, y: 100 }, [laptop]), { ...saved, x: 1700, y: 100 }, '220 px visible is enough');
  // title bar above the top of every display
  assert.deepEqual(fitToDisplays({ ...saved, x: 100, y: -80 }, [laptop]), { ...saved, x: 260, y: 75 });
  // a display left of the primary (negative coordinates) is a display like any other
  assert.deepEqual(fitToDisplays({ ...saved, x: -1500, y: 50 }, [laptop, { x: -1920, y: 0, width: 1920, height: 1080 }]), { ...saved, x: -1500, y: 50 });
});

class FakeWindow extends EventEmitter {
  bounds: Rect = { x: 10, y: 20, width: 1000, height: 700 };
  maximized = false;
  destroyed = false;
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

test('tracking: saves on close, and 500 ms after the last move or resize; the normal bounds of a maximized window', () => {
  const file = path.join(tempHome(), 'window-state.json');
  const win = new FakeWindow();
  const clock = new ManualClock();
  let lang: 'en' | 'zh-CN' = 'en';
  trackWindowState(win, file, () => ({ lang }), clock);
  win.bounds = { x: 50, y: 60, width: 1100, height: 750 };
  win.emit('move');
  clock.advance(300);
  win.emit('resize');
  clock.advance(499);
  assert.equal(existsSync(file), false, 'debounced');
  clock.advance(1);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { x: 50, y: 60, width: 1100, height: 750, maximized: false, lang: 'en' });
  win.maximized = true;
  lang = 'zh-CN';
  win.emit('maximize');
  win.emit('close');
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { x: 50, y: 60, width: 1100, height: 750, maximized: true, lang: 'zh-CN' });
  assert.deepEqual(clock.pending(), [], 'closing cancels the pending save');
  win.destroyed = true;
  win.bounds = { x: 0, y: 0, width: 1, height: 1 };
  win.emit('resize');
  clock.advance(1000);
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).width, 1100, 'a destroyed window is not read');
});
