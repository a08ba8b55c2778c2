/**
 * Tick labels for a chart axis: short enough for the axis (1e−6, not 0.000001; 2.5e5, not 250000), with
 * as few significant digits as keep neighbouring ticks apart (3 at least). Splits that the axis leaves
 * unlabelled (null, as uPlot's log axes do between decades) stay blank. Pure.
 */
import { compactNumber } from '../../../../src/format/number';

export function tickTexts(splits: readonly (number | null)[]): string[] {
  for (let digits = 3; ; digits++) {
    const texts = splits.map((v) => (v === null || v === undefined ? '' : compactNumber(v, digits)));
    const shown = texts.filter((t) => t !== '');
    if (digits >= 12 || new Set(shown).size === shown.length) return texts;
  }
}
