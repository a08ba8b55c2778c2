/**
 * The charts' strings (toolbar, legend suffixes, PNG export), English and 简体中文. Keys start with
 * "chart."; merged into i18n/strings.ts like a view's table.
 */
const en = {
  'chart.toolbar': 'Chart options',
  'chart.log_x': 'log x',
  'chart.log_y': 'log y',
  'chart.smoothing': 'Smoothing',
  'chart.smoothing.off': 'off',
  'chart.export_png': 'Export PNG',
  'chart.export_svg': 'Export SVG',
  'chart.png_title': 'Save the chart as a PNG at twice its size (for slides)',
  'chart.svg_title': 'Save the chart as an SVG (vector: lines and text stay sharp at any size)',
  'chart.reset_zoom': 'Reset zoom',
  'chart.zoom_hint': 'Drag to zoom · double-click to reset',
  'chart.raw': 'raw',
  'chart.smoothed': 'smoothed',
} as const;

const zh: Record<keyof typeof en, string> = {
  'chart.toolbar': '图表选项',
  'chart.log_x': '对数 x',
  'chart.log_y': '对数 y',
  'chart.smoothing': '平滑',
  'chart.smoothing.off': '关',
  'chart.export_png': '导出 PNG',
  'chart.export_svg': '导出 SVG',
  'chart.png_title': '把图表存为两倍大小的 PNG（用于幻灯片）',
  'chart.svg_title': '把图表存为 SVG（矢量图：任意缩放线条和文字都清晰）',
  'chart.reset_zoom': '重置缩放',
  'chart.zoom_hint': '拖动以缩放 · 双击复原',
  'chart.raw': '原始',
  'chart.smoothed': '平滑后',
};

export const chartStrings = { en, zh };
