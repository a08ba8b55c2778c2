/**
 * The app menu as a template for Menu.buildFromTemplate, in the UI's language: File (open a preset or
 * a class pack, show the store folder, quit), Edit (the clipboard roles text fields need, on macOS above all), View (reload, zoom,
 * full screen, developer tools), Window on macOS, Help (about). Standard actions use Electron's roles
 * (they bring the platform's accelerators); only the labels are ours.
 */
import { mainText, type MainLang, type MainStringKey } from './strings.js';

export type MenuRole =
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll'
  | 'reload' | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
  | 'quit' | 'about' | 'hide' | 'hideOthers' | 'unhide' | 'minimize' | 'close' | 'front' | 'window' | 'help';

export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemSpec[];
}

export interface MenuActions {
  /** File › Open a Preset or Class Pack… (a .json preset or a .zip class pack, handed to the page) */
  openFile(): void;
  openStoreFolder(): void;
  about(): void;
}

export function menuTemplate(lang: MainLang, platform: NodeJS.Platform, actions: MenuActions): MenuItemSpec[] {
  const t = (key: MainStringKey) => mainText(lang, key);
  const sep: MenuItemSpec = { type: 'separator' };
  const role = (r: MenuRole, key: MainStringKey): MenuItemSpec => ({ role: r, label: t(key) });
  const mac = platform === 'darwin';
  const about: MenuItemSpec = { label: t('menu.about'), click: actions.about };
  const menus: MenuItemSpec[] = [];
  if (mac) menus.push({ label: 'Gradient Lab', submenu: [about, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, role('quit', 'menu.quit')] });
  menus.push({
    label: t('menu.file'),
    submenu: [
      { label: t('menu.openFile'), accelerator: 'CmdOrCtrl+O', click: actions.openFile },
      sep,
      { label: t('menu.openStore'), click: actions.openStoreFolder },
      ...(mac ? [] : [sep, role('quit', 'menu.quit')]),
    ],
  });
  menus.push({
    label: t('menu.edit'),
    submenu: [role('undo', 'menu.undo'), role('redo', 'menu.redo'), sep, role('cut', 'menu.cut'), role('copy', 'menu.copy'), role('paste', 'menu.paste'), role('selectAll', 'menu.selectAll')],
  });
  menus.push({
    label: t('menu.view'),
    submenu: [
      role('reload', 'menu.reload'),
      role('forceReload', 'menu.forceReload'),
      sep,
      role('resetZoom', 'menu.resetZoom'),
      role('zoomIn', 'menu.zoomIn'),
      role('zoomOut', 'menu.zoomOut'),
      sep,
      role('togglefullscreen', 'menu.fullscreen'),
      sep,
      role('toggleDevTools', 'menu.devtools'),
    ],
  });
  if (mac) menus.push({ role: 'window', label: t('menu.window'), submenu: [role('minimize', 'menu.minimize'), { role: 'front' }] });
  menus.push({ role: 'help', label: t('menu.help'), submenu: mac ? [] : [about] });
  return menus;
}
