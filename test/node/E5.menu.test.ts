// The app menu: File / Edit / View / Help in English and 简体中文 with Electron's roles for the standard
// actions (reload, zoom, full screen, developer tools, quit), the macOS app menu, and the language the
// menu starts in (saved UI language, else the system's).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { menuTemplate, type MenuItemSpec } from '../../app/main/menu-template.js';
import { MAX_OPEN_BYTES, readOpenedFile } from '../../app/main/open-file.js';
import { pickLang } from '../../app/main/strings.js';

const actions = { openFile: () => undefined, openStoreFolder: () => undefined, about: () => undefined };
const labels = (items: MenuItemSpec[]) => items.map((i) => i.label ?? i.role ?? i.type);
const roles = (items: MenuItemSpec[]): string[] => items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);

test('menu: English and 简体中文 on Linux/Windows; roles for the standard actions', () => {
  const en = menuTemplate('en', 'linux', actions);
  assert.deepEqual(labels(en), ['File', 'Edit', 'View', 'Help']);
  assert.deepEqual(labels(en[2]!.submenu!), ['Reload', 'Force Reload', 'separator', 'Actual Size', 'Zoom In', 'Zoom Out', 'separator', 'Toggle Full Screen', 'separator', 'Toggle Developer Tools']);
  assert.deepEqual(labels(en[0]!.submenu!), ['Open a Preset or Class Pack…', 'separator', 'Show the Experiment Store Folder', 'separator', 'Quit Gradient Lab']);
  assert.equal(en[0]!.submenu![0]!.accelerator, 'CmdOrCtrl+O');
  assert.deepEqual(roles(en).sort(), ['copy', 'cut', 'forceReload', 'help', 'paste', 'quit', 'redo', 'reload', 'resetZoom', 'selectAll', 'toggleDevTools', 'togglefullscreen', 'undo', 'zoomIn', 'zoomOut'].sort());
  const zh = menuTemplate('zh-CN', 'win32', actions);
  assert.deepEqual(labels(zh), ['文件', '编辑', '视图', '帮助']);
  assert.deepEqual(labels(zh[2]!.submenu!).filter((l) => l !== 'separator'), ['重新加载', '强制重新加载', '实际大小', '放大', '缩小', '切换全屏', '切换开发者工具']);
  assert.equal(zh[3]!.submenu![0]!.label, '关于梯度实验室');
});

test('menu: on macOS the app menu holds About and Quit; a Window menu', () => {
  let about = 0;
  const mac = menuTemplate('en', 'darwin', { ...actions, about: () => void (about += 1) });
  assert.deepEqual(labels(mac), ['Gradient Lab', 'File', 'Edit', 'View', 'Window', 'Help']);
  assert.deepEqual(labels(mac[0]!.submenu!), ['About Gradient Lab', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'Quit Gradient Lab']);
  assert.deepEqual(labels(mac[1]!.submenu!), ['Open a Preset or Class Pack…', 'separator', 'Show the Experiment Store Folder'], 'no Quit in File on macOS');
  mac[0]!.submenu![0]!.click!();
  assert.equal(about, 1);
});

test('menu language: the saved UI language, else Chinese for a zh system locale, else English', () => {
  assert.equal(pickLang('zh-CN', ['en-US']), 'zh-CN');
  assert.equal(pickLang('en', ['zh-CN']), 'en');
  assert.equal(pickLang(undefined, ['zh-Hans-CN', 'en']), 'zh-CN');
  assert.equal(pickLang(undefined, ['zh-TW']), 'zh-CN');
  assert.equal(pickLang('fr', ['de-DE']), 'en');
  assert.equal(pickLang(undefined, []), 'en');
});

test('File › Open: a .json or .zip of at most 16 MiB is read for the page; anything else is refused by kind', () => {
  const fs = (size: number) => ({ size: () => size, read: () => new Uint8Array([1, 2, 3]) });
  assert.deepEqual(readOpenedFile('/home/u/week 3.zip', fs(3)), { name: 'week 3.zip', data: new Uint8Array([1, 2, 3]) });
  assert.deepEqual(readOpenedFile('/home/u/race-preset.JSON', fs(3)), { name: 'race-preset.JSON', data: new Uint8Array([1, 2, 3]) });
  assert.deepEqual(readOpenedFile('/home/u/big.zip', fs(MAX_OPEN_BYTES + 1)), { error: 'tooBig' });
  assert.deepEqual(readOpenedFile('/home/u/notes.txt', fs(3)), { error: 'unreadable' });
  assert.deepEqual(readOpenedFile('/home/u/gone.json', { size: () => { throw new Error('ENOENT'); }, read: () => new Uint8Array() }), { error: 'unreadable' });
});
