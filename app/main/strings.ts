/**
 * The main process's user-visible strings (app menu and dialogs), English and 简体中文, with the
 * renderer's terms (实验主机 = the lab host, 运行 = run). A key missing in one language is a type error.
 */
export type MainLang = 'en' | 'zh-CN';

const en = {
  'menu.file': 'File',
  'menu.openFile': 'Open a Preset or Class Pack…',
  'open.filter': 'Presets and class packs',
  'open.tooBig': 'This file is too large for a preset or a class pack',
  'open.unreadable': 'This file could not be read',
  'menu.openStore': 'Show the Experiment Store Folder',
  'menu.quit': 'Quit Gradient Lab',
  'menu.edit': 'Edit',
  'menu.undo': 'Undo',
  'menu.redo': 'Redo',
  'menu.cut': 'Cut',
  'menu.copy': 'Copy',
  'menu.paste': 'Paste',
  'menu.selectAll': 'Select All',
  'menu.view': 'View',
  'menu.reload': 'Reload',
  'menu.forceReload': 'Force Reload',
  'menu.resetZoom': 'Actual Size',
  'menu.zoomIn': 'Zoom In',
  'menu.zoomOut': 'Zoom Out',
  'menu.fullscreen': 'Toggle Full Screen',
  'menu.devtools': 'Toggle Developer Tools',
  'menu.window': 'Window',
  'menu.minimize': 'Minimize',
  'menu.help': 'Help',
  'menu.about': 'About Gradient Lab',
  'about.title': 'About Gradient Lab',
  'about.detail': 'Gradient Lab {version}\nAn offline lab for the algorithms of deep learning.\n\nElectron {electron} · Chromium {chrome} · Node {node}',
  'host.restarted': 'The lab host stopped unexpectedly (exit code {code}) and has been restarted.',
  'host.recovered': 'Gradient Lab stopped unexpectedly the last time it ran.',
  'host.interrupted': 'These runs were interrupted; their points up to then are saved:',
  'host.run': '#{id} {name} ({lab}, {steps} steps)',
  'host.gaveUp': 'The lab host keeps stopping (exit code {code}, {count} times in two minutes).',
  'host.gaveUpDetail': 'Runs cannot start until it works again.',
  'host.fatal': 'The lab host cannot open the experiment store.',
  'host.damaged': 'The experiment store is damaged.',
  'host.damagedDetail': '{problem}\n\nRecover copies every run, point and file that can still be read into a new store. Set Aside starts an empty store. Either way the damaged file is kept, renamed, beside the new one.',
  'host.repairedRecover': 'The experiment store was recovered: {runs} runs kept.',
  'host.repairedSetAside': 'A new, empty experiment store was started.',
  'host.repairedDetail': 'The damaged file is kept as {file}.',
  'host.repairedLost': '{count} unreadable parts were left out.',
  'button.ok': 'OK',
  'button.retry': 'Try Again',
  'button.close': 'Close',
  'button.recover': 'Recover',
  'button.setAside': 'Set Aside and Start New',
} as const;

export type MainStringKey = keyof typeof en;

const zh: Record<MainStringKey, string> = {
  'menu.file': '文件',
  'menu.openFile': '打开预设或课堂包…',
  'open.filter': '预设和课堂包',
  'open.tooBig': '这个文件太大，不是预设或课堂包',
  'open.unreadable': '无法读取这个文件',
  'menu.openStore': '显示实验数据文件夹',
  'menu.quit': '退出梯度实验室',
  'menu.edit': '编辑',
  'menu.undo': '撤销',
  'menu.redo': '重做',
  'menu.cut': '剪切',
  'menu.copy': '复制',
  'menu.paste': '粘贴',
  'menu.selectAll': '全选',
  'menu.view': '视图',
  'menu.reload': '重新加载',
  'menu.forceReload': '强制重新加载',
  'menu.resetZoom': '实际大小',
  'menu.zoomIn': '放大',
  'menu.zoomOut': '缩小',
  'menu.fullscreen': '切换全屏',
  'menu.devtools': '切换开发者工具',
  'menu.window': '窗口',
  'menu.minimize': '最小化',
  'menu.help': '帮助',
  'menu.about': '关于梯度实验室',
  'about.title': '关于梯度实验室',
  'about.detail': '梯度实验室 {version}\n离线的深度学习算法实验室。\n\nElectron {electron} · Chromium {chrome} · Node {node}',
  'host.restarted': '实验主机意外退出（退出码 {code}），已重新启动。',
  'host.recovered': '梯度实验室上次运行时意外退出。',
  'host.interrupted': '以下运行被中断，此前的数据点均已保存：',
  'host.run': '#{id} {name}（{lab}，{steps} 步）',
  'host.gaveUp': '实验主机反复退出（退出码 {code}，两分钟内 {count} 次）。',
  'host.gaveUpDetail': '在它恢复之前无法开始运行。',
  'host.fatal': '实验主机无法打开实验数据库。',
  'host.damaged': '实验数据库已损坏。',
  'host.damagedDetail': '{problem}\n\n“恢复”会把仍可读取的运行、数据点和文件复制到一个新的数据库；“另存并新建”会新建一个空数据库。两种方式都会保留损坏的文件（改名后放在新数据库旁边）。',
  'host.repairedRecover': '实验数据库已恢复：保留了 {runs} 个运行。',
  'host.repairedSetAside': '已新建一个空的实验数据库。',
  'host.repairedDetail': '损坏的文件保存为 {file}。',
  'host.repairedLost': '有 {count} 处无法读取的部分未能恢复。',
  'button.ok': '确定',
  'button.retry': '重试',
  'button.close': '关闭',
  'button.recover': '恢复',
  'button.setAside': '另存并新建',
};

const TABLES: Record<MainLang, Record<MainStringKey, string>> = { en, 'zh-CN': zh };

export function mainText(lang: MainLang, key: MainStringKey, vars: Record<string, string | number> = {}): string {
  return TABLES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The menu language before the page has said which it uses: the saved one, else the system's. */
export function pickLang(saved: string | undefined, systemLocales: readonly string[]): MainLang {
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return systemLocales[0]?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
