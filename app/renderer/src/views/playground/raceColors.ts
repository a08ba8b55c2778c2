/** Colours of the optimizers on the map and the chart: bright enough on the blue–green heatmap, distinct from the white start and yellow minima. */
export const RACE_COLORS = ['#ff4d5e', '#ff9f1c', '#f15bb5', '#00d5ff', '#b388ff', '#9be564', '#ff7b00', '#e0e0e0'];

/** The first colour not already used (cycling when all are). */
export function nextColor(used: string[]): string {
  return RACE_COLORS.find((c) => !used.includes(c)) ?? RACE_COLORS[used.length % RACE_COLORS.length]!;
}
