/**
 * Fonts for text drawn on canvases (chart axes, map labels): the app's own stack from the theme
 * (--font, which starts with the bundled Noto Sans SC), so Han characters never fall to a system font
 * that may lack them and draw as empty boxes (#11 defect 6). Canvas text does not inherit CSS fonts.
 */
export function appFontStack(el: Element = document.documentElement): string {
  const stack = getComputedStyle(el).getPropertyValue('--font').trim();
  return stack !== '' ? stack : "'Noto Sans SC', sans-serif";
}

/** A canvas font string: canvasFont(12) → "12px 'Noto Sans SC', …"; weight such as 'bold' or '600'. */
export function canvasFont(px: number, weight = '', el?: Element): string {
  return `${weight ? `${weight} ` : ''}${px}px ${appFontStack(el)}`;
}
