import { LABS, labOf, seriesSpec } from '../labs/index.js';

/**
 * How a lab's streamed columns become stored series: one series per column of each stream member,
 * except the `step` column, which is every series' x. The name is `${stream}_${column}` for member 0
 * and `${stream}${index}_${column}` for the others — "train_loss", "epoch_test_acc", "race1_f" — so it
 * is also a valid key for final/best metrics and a plain path for sorting (config/final/best.<name>).
 */
export function seriesName(stream: string, index: number, column: string): string {
  return `${stream}${index === 0 ? '' : index}_${column}`;
}

/**
 * Whether "best" means the largest value (accuracies) or the smallest (losses, f) for a stored series,
 * as the lab's descriptor says (src/labs/); without a lab, the first lab that has the series. null: no best.
 */
export function bestDirection(series: string, lab?: string): 'max' | 'min' | null {
  const labs = lab !== undefined ? [labOf(lab)].filter((d) => d !== undefined) : LABS;
  for (const d of labs) {
    const spec = seriesSpec(d, series);
    if (spec) return spec.better;
  }
  return null;
}
