/**
 * The Record control's strings, English and 简体中文. Keys start with "record."; i18n/strings.ts merges them.
 */
const en = {
  'record.button': 'Record…',
  'picture.png': 'PNG (2×)',
  'picture.pngTitle': 'Save the picture as a PNG at twice its size on screen (for slides)',
  'picture.svgTitle': 'Save the picture as an SVG (drawings stay vectors; pixel pictures keep their pixels)',
  'record.format': 'File type',
  'record.seconds': 'Seconds',
  'record.fps': 'Frames/s',
  'record.size': 'Size',
  'record.slides': '2× (slides)',
  'record.start': 'Start recording',
  'record.progress': 'Recording: frame {done} of {of}',
  'record.saved': 'Saved {file} ({size} KB)',
  'record.nothing': 'There is nothing to record yet: start the lab first.',
  'record.err.seconds': 'Seconds: from 1 to 30',
  'record.err.fps': 'Frames per second: a whole number from 2 to 30',
};

const zh: Record<keyof typeof en, string> = {
  'record.button': '录制…',
  'picture.png': 'PNG（2×）',
  'picture.pngTitle': '把画面保存为屏幕尺寸两倍的 PNG（用于幻灯片）',
  'picture.svgTitle': '把画面保存为 SVG（绘图保持矢量，像素图保留原像素）',
  'record.format': '文件类型',
  'record.seconds': '秒数',
  'record.fps': '帧/秒',
  'record.size': '尺寸',
  'record.slides': '2×（用于幻灯片）',
  'record.start': '开始录制',
  'record.progress': '正在录制：第 {done} / {of} 帧',
  'record.saved': '已保存 {file}（{size} KB）',
  'record.nothing': '还没有可录制的画面：请先运行实验。',
  'record.err.seconds': '秒数：1 到 30',
  'record.err.fps': '每秒帧数：2 到 30 之间的整数',
};

export const recordStrings = { en, zh };
